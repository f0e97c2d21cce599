package io.tickmesh.feed;

import io.tickmesh.model.Reject;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of a feed connection: the ack and reject lines written to the publisher, and the orderly end
 * after them. The end waits until the lines written have reached the kernel (closing earlier drops them),
 * sends our end of stream after them, then closes once the publisher has ended its input too, or after a
 * moment: closing with unread input would reset the connection, which can drop what the publisher has
 * not read yet.
 *
 * <p>Threading: used on its connection's context only.
 */
final class FeedOutput {
  private static final Logger LOG = LoggerFactory.getLogger(FeedOutput.class);
  /** How long an ended connection waits for the publisher to close before closing itself. */
  private static final long LINGER_MS = 500;

  private final Vertx vertx;
  private final NetSocket socket;
  private final String id;
  private Future<Void> lastWrite = Future.succeededFuture();
  private boolean ending;
  private boolean ended;
  private boolean inputEnded;

  FeedOutput(Vertx vertx, NetSocket socket, String id) {
    this.vertx = vertx;
    this.socket = socket;
    this.id = id;
  }

  /** Writes an ack line; returns true if the socket's write queue is full now. */
  boolean ack(String feed, long seq) {
    return write("{\"ack\":{\"feed\":\"" + feed + "\",\"seq\":" + seq + "}}\n");
  }

  /** Writes a reject line; returns true if the socket's write queue is full now. */
  boolean reject(Reject r) {
    JsonObject body = new JsonObject().put("feed", r.feed());
    if (r.seq() > 0) {
      body.put("seq", r.seq());
    }
    if (r.line() > 0) {
      body.put("line", r.line());
    }
    body.put("reason", r.reason());
    return write(new JsonObject().put("reject", body).encode() + "\n");
  }

  /** Writes {@code {"error":reason}}, why the node closes the connection; returns true if the write queue is full now. */
  boolean error(String reason) {
    return write(new JsonObject().put("error", reason).encode() + "\n");
  }

  private boolean write(String line) {
    if (ending) {
      return false;
    }
    lastWrite = socket.write(Buffer.buffer(line));
    lastWrite.onFailure(e -> LOG.atDebug().addKeyValue("source", id).log("write failed: {}", e.getMessage()));
    return socket.writeQueueFull();
  }

  /** The publisher ended its input; once our side has ended too, the socket closes. */
  void inputEnded() {
    inputEnded = true;
    if (ended) {
      close();
    }
  }

  /**
   * Ends our side after the lines written so far, waiting at most {@code withinMs} for them to leave;
   * nothing is written after this. The socket closes when the publisher ends its input, or soon after.
   */
  void end(long withinMs) {
    if (ending) {
      return;
    }
    ending = true;
    lastWrite.timeout(Math.max(1, withinMs), TimeUnit.MILLISECONDS)
        .transform(ar -> HalfClose.endOutput(socket))
        .onComplete(ar -> {
          ended = true;
          if (inputEnded) {
            close();
          } else {
            var unused = vertx.setTimer(LINGER_MS, t -> close());
          }
        });
  }

  private void close() {
    socket.close().onFailure(e -> LOG.atDebug().addKeyValue("source", id).log("close failed: {}", e.getMessage()));
  }
}
