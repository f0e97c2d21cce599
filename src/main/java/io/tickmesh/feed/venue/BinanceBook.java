package io.tickmesh.feed.venue;

import java.util.ArrayDeque;

/**
 * One product's book of a Binance feed, kept by Binance's rules for a local order book: the depth diffs
 * ({@code U} first update id, {@code u} last, and on futures {@code pu}, the previous diff's {@code u}) are
 * buffered until a REST snapshot with its {@code lastUpdateId} arrives; the diffs it already holds are
 * dropped (spot: {@code u <= lastUpdateId}; futures: {@code u < lastUpdateId}), the first one applied must
 * straddle it (spot: {@code U <= lastUpdateId + 1 <= u}; futures: {@code U <= lastUpdateId <= u}), and each
 * one after must follow the last (spot: {@code U == last u + 1}; futures: {@code pu == last u}). A diff that
 * does not follow is a gap: the book is thrown away and waits for a new snapshot. At most
 * {@link #MAX_BUFFERED} diffs wait for a snapshot (the oldest go first; a snapshot they no longer reach is
 * asked for again). Pure; one owner.
 */
final class BinanceBook {
  /** The most diffs kept while a snapshot is on its way. */
  static final int MAX_BUFFERED = 1000;

  /** Where the book stands. */
  enum State { NEW, AWAITING_SNAPSHOT, SYNCED }

  /** One depth diff, read whole: update ids, and {@code [buy 1/0, px, size]} levels in order. */
  record Diff(long first, long last, long previous, long[][] levels, long tsNanos) {}

  private final PriceLevelBook book;
  private final boolean futures;
  private final ArrayDeque<Diff> buffered = new ArrayDeque<>();
  private State state = State.NEW;
  private long lastUpdateId;
  private boolean firstAfterSnapshot;

  BinanceBook(PriceLevelBook book, boolean futures) {
    this.book = book;
    this.futures = futures;
  }

  PriceLevelBook book() {
    return book;
  }

  State state() {
    return state;
  }

  /** Takes a diff; true if the book now needs a snapshot (ask for one). */
  boolean diff(Diff d, VenueEvents out) {
    if (state != State.SYNCED) {
      if (buffered.size() == MAX_BUFFERED) {
        var unused = buffered.removeFirst();
      }
      buffered.addLast(d);
      boolean ask = state == State.NEW;
      state = State.AWAITING_SNAPSHOT;
      return ask;
    }
    if (!apply(d, out)) {
      return true;
    }
    out.bookChanged(book);
    return false;
  }

  /** Applies {@code d} to the synced book; false if it is a gap (the book then awaits a snapshot, {@code d} buffered). */
  private boolean apply(Diff d, VenueEvents out) {
    if (firstAfterSnapshot && (futures ? d.last() < lastUpdateId : d.last() <= lastUpdateId)) {
      return true; // the snapshot holds it already
    }
    boolean follows = firstAfterSnapshot
        ? d.first() <= lastUpdateId + (futures ? 0 : 1) && d.last() >= lastUpdateId + (futures ? 0 : 1)
        : futures ? d.previous() == lastUpdateId : d.first() == lastUpdateId + 1;
    if (!follows) {
      resync(out, "a depth diff " + d.first() + ".." + d.last() + (futures ? " (pu " + d.previous() + ")" : "")
          + " does not follow update id " + lastUpdateId, d);
      return false;
    }
    for (long[] l : d.levels()) {
      if (!book.set(l[0] == 1, l[1], l[2])) {
        resync(out, "a diff makes a side longer than " + PriceLevelBook.MAX_LEVELS + " levels", null);
        return false;
      }
    }
    firstAfterSnapshot = false;
    lastUpdateId = d.last();
    book.changed(d.tsNanos());
    return true;
  }

  private void resync(VenueEvents out, String reason, Diff keep) {
    book.desync();
    state = State.AWAITING_SNAPSHOT;
    buffered.clear();
    if (keep != null) {
      buffered.addLast(keep);
    }
    out.bookResync(book, reason);
  }

  /**
   * Takes a REST snapshot as of update id {@code id}, {@code [px, size]} a level, stamped {@code tsNanos}
   * (0 if the venue gives no time), then the diffs buffered after it; true if another snapshot is needed
   * (this one is older than the diffs kept, or a diff after it does not follow). Ignored unless awaited.
   */
  boolean snapshot(long id, long[][] bids, long[][] asks, long tsNanos, VenueEvents out) {
    if (state != State.AWAITING_SNAPSHOT) {
      return false;
    }
    while (!buffered.isEmpty() && (futures ? buffered.peekFirst().last() < id : buffered.peekFirst().last() <= id)) {
      var unused = buffered.removeFirst();
    }
    if (!buffered.isEmpty() && buffered.peekFirst().first() > id + (futures ? 0 : 1)) {
      return true; // diffs between the snapshot and the first one kept are missing: a newer snapshot is needed
    }
    book.beginSnapshot();
    if (!load(true, bids) || !load(false, asks)) {
      resync(out, "the snapshot has more than " + PriceLevelBook.MAX_LEVELS + " levels a side", null);
      return false; // the next diff asks again
    }
    long ts = tsNanos > 0 ? tsNanos : buffered.isEmpty() ? book.changedNanos() : buffered.peekFirst().tsNanos();
    book.synced(ts);
    state = State.SYNCED;
    lastUpdateId = id;
    firstAfterSnapshot = true;
    Diff[] waiting = buffered.toArray(new Diff[0]);
    buffered.clear();
    for (Diff d : waiting) {
      if (!apply(d, out)) {
        return true;
      }
    }
    out.bookChanged(book);
    return false;
  }

  private boolean load(boolean buy, long[][] levels) {
    for (long[] l : levels) {
      if (!book.set(buy, l[0], l[1])) {
        return false;
      }
    }
    return true;
  }

  /** The connection is gone: the book and the diffs kept are thrown away; the next diff asks for a snapshot. */
  void disconnected() {
    book.desync();
    buffered.clear();
    state = State.NEW;
  }
}
