package io.tickmesh.api.bridge;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bounded write queue of one bridge client, counted in the bytes it has not taken yet: frames
 * waiting here, and frames handed to the transport whose write has not completed. Frames go to the
 * transport while its own write queue has room (so each socket holds at most its high-water mark of
 * direct memory); the rest wait here as references to the frames every subscriber shares.
 *
 * <ul>
 *   <li>Below {@code conflateBytes} every frame is queued as it comes.
 *   <li>Above it a quote is held back instead, one per address, the latest replacing the older (a quote
 *       is a whole state); held quotes follow once the client is below {@code conflateBytes} again. A
 *       quote for an address with a quote held joins it, so quotes never go out of order.
 *   <li>A frame that would take the client past {@code maxQueueBytes} cuts it off: trades, bars and
 *       rejects are never dropped, so the client learns why and is disconnected.
 *   <li>Every byte also counts against the bridge's {@link Budget}, which cuts off the client furthest
 *       behind when all of them together leave too much unread.
 * </ul>
 *
 * <p>Threading: owned by its bridge's context; every method and write completion runs there.
 */
final class ClientOutbox {
  /** The bytes unread by all clients of one bridge, and what to do when they are too many. */
  interface Budget {
    /** {@code bytes} more are unread; may cut off the client furthest behind (possibly {@code asking}). */
    void reserve(ClientOutbox asking, int bytes);

    /** {@code bytes} were taken or dropped. */
    void release(int bytes);
  }

  /** What became of an offered frame. */
  enum Outcome { QUEUED, HELD, TOO_SLOW, CLOSED }

  private static final long CLOSE_GRACE_MS = 10_000;

  private final Vertx vertx;
  private final ClientLink link;
  private final Budget budget;
  private final int maxQueueBytes;
  private final int conflateBytes;
  private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
  private final Map<String, Delivery> heldQuotes = new LinkedHashMap<>();
  private long queuedBytes;
  private long inFlightBytes;
  private long delivered;
  private long conflated;
  private boolean waitingForDrain;
  private boolean closed;

  ClientOutbox(Vertx vertx, ClientLink link, Budget budget, int maxQueueBytes, int conflateBytes) {
    this.vertx = vertx;
    this.link = link;
    this.budget = budget;
    this.maxQueueBytes = maxQueueBytes;
    this.conflateBytes = conflateBytes;
  }

  /** Offers a frame for this client; the caller cuts the client off on {@link Outcome#TOO_SLOW}. */
  Outcome offer(Delivery d) {
    if (closed) {
      return Outcome.CLOSED;
    }
    if (d.quote && (unread() >= conflateBytes || heldQuotes.containsKey(d.address))) {
      Delivery older = heldQuotes.put(d.address, d);
      if (older != null) {
        conflated++;
        budget.release(older.size());
      }
      budget.reserve(this, d.size());
      return closed ? Outcome.CLOSED : Outcome.HELD;
    }
    if (unread() + d.size() > maxQueueBytes) {
      return Outcome.TOO_SLOW;
    }
    queue.addLast(d);
    queuedBytes += d.size();
    budget.reserve(this, d.size());
    if (closed) {
      return Outcome.CLOSED;
    }
    pump();
    return Outcome.QUEUED;
  }

  /** Bytes this client has not taken: queued here, held, and written but not completed. */
  long unread() {
    return queuedBytes + inFlightBytes;
  }

  long delivered() {
    return delivered;
  }

  long conflated() {
    return conflated;
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Drops everything not yet written and sends {@code last}, the frame that gives {@code reason}, as the
   * final frame; the connection closes once it has left, or after {@link #CLOSE_GRACE_MS} if the client
   * never reads again. Nothing more is queued meanwhile, so the bound holds.
   */
  void finish(Delivery last, int code, String reason) {
    if (closed) {
      return;
    }
    discard();
    var timer = vertx.setTimer(CLOSE_GRACE_MS, id -> link.close(code, reason));
    link.write(last).onComplete(ar -> {
      var unusedCancel = vertx.cancelTimer(timer);
      link.close(code, reason);
    });
  }

  /** The connection is gone (either side): nothing more is sent. */
  void closed() {
    if (!closed) {
      discard();
    }
  }

  private void discard() {
    closed = true;
    long dropped = queuedBytes;
    for (Delivery held : heldQuotes.values()) {
      dropped += held.size();
    }
    queue.clear();
    heldQuotes.clear();
    queuedBytes = 0;
    if (dropped > 0) {
      budget.release((int) Math.min(Integer.MAX_VALUE, dropped));
    }
  }

  /** Writes while the transport has room; held quotes follow once the client is below conflateBytes. */
  private void pump() {
    while (!closed) {
      if (queue.isEmpty() && !releaseHeldQuotes()) {
        return;
      }
      if (link.writeQueueFull()) {
        awaitDrain();
        return;
      }
      Delivery next = queue.pollFirst();
      int size = next.size();
      queuedBytes -= size;
      inFlightBytes += size;
      delivered++;
      link.write(next).onComplete(ar -> written(size));
    }
  }

  private void written(int size) {
    inFlightBytes -= size;
    budget.release(size);
    if (!closed && queue.isEmpty() && !heldQuotes.isEmpty()) {
      pump();
    }
  }

  private void awaitDrain() {
    if (!waitingForDrain) {
      waitingForDrain = true;
      link.onDrain(() -> {
        waitingForDrain = false;
        pump();
      });
    }
  }

  /** Moves held quotes, oldest address first, to the queue while the client keeps up; true if any moved. */
  private boolean releaseHeldQuotes() {
    boolean moved = false;
    Iterator<Delivery> held = heldQuotes.values().iterator();
    while (held.hasNext() && unread() < conflateBytes) {
      Delivery next = held.next();
      held.remove();
      queue.addLast(next);
      queuedBytes += next.size(); // its bytes were reserved when it was held
      moved = true;
    }
    return moved;
  }
}
