package io.tickmesh.api.bridge;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.List;

/**
 * A {@link ClientLink} over a stream of bytes (a TCP socket, a SockJS session): a batch of frames goes
 * out as one write of their bytes, and the stream's own write queue says when to wait.
 *
 * <p>Threading: used on its bridge's context only.
 */
abstract class WriteStreamLink implements ClientLink {
  private final WriteStream<Buffer> stream;

  WriteStreamLink(WriteStream<Buffer> stream) {
    this.stream = stream;
  }

  @Override
  public Future<Void> write(List<Delivery> frames) {
    if (frames.size() == 1) {
      return stream.write(frames.get(0).frame);
    }
    int size = 0;
    for (Delivery d : frames) {
      size += d.size();
    }
    Buffer all = Buffer.buffer(size);
    for (Delivery d : frames) {
      all.appendBuffer(d.frame);
    }
    return stream.write(all);
  }

  /** Writes each frame on its own, for streams whose writes are messages; completes with the last. */
  final Future<Void> writeEach(List<Delivery> frames) {
    Future<Void> last = Future.succeededFuture();
    for (Delivery d : frames) {
      last = stream.write(d.frame);
    }
    return last;
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
