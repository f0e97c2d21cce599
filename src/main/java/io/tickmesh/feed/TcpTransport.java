package io.tickmesh.feed;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feed connection on the TCP JSON-lines port: a reply is a line. The publisher may end its input with a
 * half-close and keep reading ({@link HalfClose}). Our end waits until the lines written have reached the
 * kernel (closing earlier drops them), sends our end of stream after them, then closes once the publisher
 * has ended its input too, or after a moment: closing with unread input would reset the connection, which
 * can drop what the publisher has not read yet.
 *
 * <p>Threading: used on its connection's context only.
 */
final class TcpTransport extends FeedTransportBase {
  private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
  /** How long an ended connection waits for the publisher to close before closing itself. */
  private static final long LINGER_MS = 500;
  private static final int WRITE_QUEUE_BYTES = 256 * 1024;

  private final Vertx vertx;
  private final NetSocket socket;
  private boolean ended;
  private boolean inputEnded;

  TcpTransport(Vertx vertx, NetSocket socket, String id) {
    super(id);
    this.vertx = vertx;
    this.socket = socket;
  }

  @Override
  public void start(Events events) {
    HalfClose.allow(socket);
    socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    socket.handler(chunk -> {
      if (chunk.length() == 0) { // HalfClose's mark: the publisher ended its input
        inputEnded(events);
      } else {
        events.data(chunk.getBytes(), false);
      }
    });
    socket.endHandler(v -> inputEnded(events));
    socket.closeHandler(v -> events.closed());
    socket.exceptionHandler(e -> LOG.atInfo().addKeyValue("source", id).log("feed connection error: {}", e.getMessage()));
    socket.drainHandler(v -> events.writable());
  }

  private void inputEnded(Events events) {
    if (inputEnded) {
      return;
    }
    inputEnded = true;
    events.endOfInput();
    if (ended) {
      close();
    }
  }

  @Override
  public void pause() {
    socket.pause();
  }

  @Override
  public void resume() {
    socket.resume();
  }

  @Override
  protected boolean writable() {
    return true;
  }

  @Override
  protected Future<Void> write(String reply) {
    return socket.write(Buffer.buffer(reply.length() + 1).appendString(reply).appendByte((byte) '\n'));
  }

  @Override
  protected boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  /** Our end of stream; the socket closes when the publisher ends its input, or soon after. */
  @Override
  protected void endAfterReplies(Farewell farewell) {
    HalfClose.endOutput(socket).onComplete(ar -> {
      ended = true;
      if (inputEnded) {
        close();
      } else {
        var unused = vertx.setTimer(LINGER_MS, t -> close());
      }
    });
  }

  @Override
  public String remote() {
    return String.valueOf(socket.remoteAddress());
  }

  private void close() {
    socket.close().onFailure(e -> LOG.atDebug().addKeyValue("source", id).log("close failed: {}", e.getMessage()));
  }
}
