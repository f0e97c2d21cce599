package io.tickmesh.feed;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link FeedTransport} does alike with its replies: it remembers the last one written, so that
 * its end comes after them, and writes nothing once its end has begun. A subclass writes a reply its own
 * way and ends its own way.
 *
 * <p>Threading: its connection's context.
 */
abstract class FeedTransportBase implements FeedTransport {
  private static final Logger LOG = LoggerFactory.getLogger(FeedTransportBase.class);

  /** The connection's id, for the logs. */
  protected final String id;
  private Future<Void> lastWrite = Future.succeededFuture();
  private boolean ending;

  FeedTransportBase(String id) {
    this.id = id;
  }

  @Override
  public final boolean send(String reply) {
    if (ending || !writable()) {
      return false;
    }
    lastWrite = write(reply);
    lastWrite.onFailure(e -> LOG.atDebug().addKeyValue("source", id).log("write failed: {}", e.getMessage()));
    return writeQueueFull();
  }

  /** The farewell's reason as the last reply, then, once the replies have left (at most {@code withinMs}), {@link #endAfterReplies}. */
  @Override
  public final void end(Farewell farewell, long withinMs) {
    if (ending) {
      return;
    }
    if (farewell.reason() != null) {
      var unused = send(FeedReplies.error(farewell.reason()));
    }
    ending = true;
    lastWrite.timeout(Math.max(1, withinMs), TimeUnit.MILLISECONDS).onComplete(ar -> endAfterReplies(farewell));
  }

  /** Whether a reply can still be written (the connection is not closing). */
  protected abstract boolean writable();

  /** Writes one reply. */
  protected abstract Future<Void> write(String reply);

  protected abstract boolean writeQueueFull();

  /** Ends the connection, every reply written having left (or the wait for them over). */
  protected abstract void endAfterReplies(Farewell farewell);
}
