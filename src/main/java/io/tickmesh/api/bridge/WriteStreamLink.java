package io.tickmesh.api.bridge;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A {@link ClientLink} over a stream of bytes (a TCP socket, a SockJS session): frames go out as they
 * are, and the stream's own write queue says when to wait.
 *
 * <p>Threading: used on its bridge's context only.
 */
abstract class WriteStreamLink implements ClientLink {
  private final WriteStream<Buffer> stream;

  WriteStreamLink(WriteStream<Buffer> stream) {
    this.stream = stream;
  }

  @Override
  public Future<Void> write(Delivery frame) {
    return stream.write(frame.frame);
  }

  @Override
  public boolean writeQueueFull() {
    return stream.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable then) {
    stream.drainHandler(v -> {
      stream.drainHandler(null);
      then.run();
    });
  }
}
