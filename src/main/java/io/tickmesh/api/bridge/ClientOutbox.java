package io.tickmesh.api.bridge;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bounded write queue of one bridge client, counted in the bytes it has not taken yet: frames
 * waiting here, and frames handed to the transport whose write has not completed.
 *
 * <ul>
 *   <li>Below {@code conflateBytes} every frame is queued as it comes.
 *   <li>Above it a quote or a book is held back instead, one per address, the latest replacing the older
 *       (each is a whole state); held ones follow once the client is below {@code conflateBytes} again.
 *       A quote or book for an address with one held joins it, so they never go out of order.
 *   <li>A frame that would take the client past {@code maxQueueBytes} is refused ({@link Outcome#TOO_SLOW}):
 *       trades, bars and rejects are never dropped, so the caller cuts the client off with the reason.
 *   <li>Every byte also counts against the bridge's {@link Hub}, which cuts off the client furthest
 *       behind when all of them together leave too much unread.
 * </ul>
 *
 * <p>Frames are written at the end of a batch, as the Disruptor's batching consumers do: an offer only
 * queues the frame and asks the {@link Hub} for a flush, which runs once the bridge has taken every
 * message already waiting for it; a flush writes all the client's queued frames at once, while the
 * transport's own write queue has room (so each socket holds at most its high-water mark of direct
 * memory, the rest waiting here as references to frames every subscriber shares). Under load, batches
 * grow and the cost per message falls; when idle, a frame waits one turn of the event loop.
 *
 * <p>Threading: owned by its bridge's context; every method and write completion runs there.
 */
final class ClientOutbox {
  /** The bridge an outbox belongs to: the bytes all its clients leave unread, and the end of a batch. */
  interface Hub {
    /** {@code bytes} more are unread; may cut off the client furthest behind (possibly {@code asking}). */
    void reserve(ClientOutbox asking, int bytes);

    /** {@code bytes} were taken or dropped. */
    void release(int bytes);

    /** {@code outbox} has frames to write: flush it at the end of the current batch. */
    void flushSoon(ClientOutbox outbox);
  }

  /** What became of an offered frame. */
  enum Outcome { QUEUED, HELD, TOO_SLOW, CLOSED }

  private static final long CLOSE_GRACE_MS = 10_000;
  /** The most bytes put into one write: a batch larger than this goes out in several. */
  private static final int MAX_WRITE_BYTES = 32 * 1024;
  /**
   * The high-water mark of a client's socket: what the transport holds (in direct memory) before the
   * outbox keeps the rest. With one batch past it, a client holds at most about twice this there.
   */
  static final int TRANSPORT_QUEUE_BYTES = 32 * 1024;

  private final Vertx vertx;
  private final ClientLink link;
  private final Hub hub;
  private final int maxQueueBytes;
  private final int conflateBytes;
  private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
  private final Map<String, Delivery> heldQuotes = new LinkedHashMap<>();
  private long queuedBytes;
  private long inFlightBytes;
  private long delivered;
  private long conflated;
  private boolean flushAsked;
  private boolean waitingForDrain;
  private boolean closed;

  ClientOutbox(Vertx vertx, ClientLink link, Hub hub, int maxQueueBytes, int conflateBytes) {
    this.vertx = vertx;
    this.link = link;
    this.hub = hub;
    this.maxQueueBytes = maxQueueBytes;
    this.conflateBytes = conflateBytes;
  }

  /** Offers a frame for this client; the caller cuts the client off on {@link Outcome#TOO_SLOW}. */
  Outcome offer(Delivery d) {
    if (closed) {
      return Outcome.CLOSED;
    }
    if (d.wholeState && (unread() >= conflateBytes || heldQuotes.containsKey(d.address))) {
      Delivery older = heldQuotes.put(d.address, d);
      if (older != null) {
        conflated++;
        hub.release(older.size());
      }
      hub.reserve(this, d.size());
      return closed ? Outcome.CLOSED : Outcome.HELD;
    }
    if (unread() + d.size() > maxQueueBytes) {
      return Outcome.TOO_SLOW;
    }
    queue.addLast(d);
    queuedBytes += d.size();
    hub.reserve(this, d.size());
    if (closed) {
      return Outcome.CLOSED;
    }
    askFlush();
    return Outcome.QUEUED;
  }

  /** Bytes this client has not taken: queued here and written but not completed (held quotes and books aside). */
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
   * Sends {@code last}, the frame that gives {@code reason}, as the final frame, after the frames still
   * queued if they are few (at most {@code conflateBytes}: refusals and replies just queued), else
   * dropping them (a client that far behind reads none of them soon). The connection closes once it has
   * all left, or after {@link #CLOSE_GRACE_MS} if the client never reads again. Nothing more is queued
   * meanwhile, so the bound holds.
   */
  void finish(Delivery last, int code, String reason) {
    if (closed) {
      return;
    }
    List<Delivery> frames = new ArrayList<>();
    if (queuedBytes <= conflateBytes) {
      frames.addAll(queue);
    }
    frames.add(last);
    discard();
    var timer = vertx.setTimer(CLOSE_GRACE_MS, id -> link.close(code, reason));
    link.write(frames).onComplete(ar -> {
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
      hub.release((int) Math.min(Integer.MAX_VALUE, dropped));
    }
  }

  private void askFlush() {
    if (!flushAsked && !waitingForDrain) {
      flushAsked = true;
      hub.flushSoon(this);
    }
  }

  /**
   * Writes the queued frames, as few writes as the transport allows, while it has room; held quotes and
   * books follow once the client is below conflateBytes. Called at the end of a batch, and as writes
   * complete.
   */
  void flush() {
    flushAsked = false;
    while (!closed) {
      if (queue.isEmpty() && !releaseHeldQuotes()) {
        return;
      }
      if (link.writeQueueFull()) {
        awaitDrain();
        return;
      }
      List<Delivery> batch = new ArrayList<>(Math.min(queue.size(), 64));
      int size = 0;
      while (!queue.isEmpty() && (batch.isEmpty() || size + queue.peekFirst().size() <= MAX_WRITE_BYTES)) {
        Delivery next = queue.pollFirst();
        batch.add(next);
        size += next.size();
      }
      queuedBytes -= size;
      inFlightBytes += size;
      delivered += batch.size();
      int written = size;
      link.write(batch).onComplete(ar -> written(written));
    }
  }

  private void written(int size) {
    inFlightBytes -= size;
    hub.release(size);
    if (!closed && queue.isEmpty() && !heldQuotes.isEmpty() && unread() < conflateBytes) {
      askFlush();
    }
  }

  private void awaitDrain() {
    if (!waitingForDrain) {
      waitingForDrain = true;
      link.onDrain(() -> {
        waitingForDrain = false;
        flush();
      });
    }
  }

  /** Moves held quotes and books, oldest address first, to the queue while the client keeps up; true if any moved. */
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
