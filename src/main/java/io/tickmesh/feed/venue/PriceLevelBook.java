package io.tickmesh.feed.venue;

import io.tickmesh.feed.BookLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The book of one product of a price-level venue feed: per side, price to size (both scaled decimals),
 * set whole from a snapshot and then level by level. It is either {@link State#SYNCED} (built from a
 * snapshot and every update since) or {@link State#AWAITING_SNAPSHOT} (new, after a lost connection or a
 * failed check): then it holds nothing, takes no update and is not published. Pure; one owner.
 */
public final class PriceLevelBook {
  /** Whether the book may be trusted. */
  public enum State { AWAITING_SNAPSHOT, SYNCED }

  /** The most levels a side may hold. */
  public static final int MAX_LEVELS = 100_000;

  private final String symbol;
  private final TreeMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
  private final TreeMap<Long, Long> asks = new TreeMap<>();
  private State state = State.AWAITING_SNAPSHOT;
  private long changedNanos;
  private long version;
  private long resyncs;

  /** The empty book of {@code symbol}, awaiting its snapshot. */
  public PriceLevelBook(String symbol) {
    this.symbol = symbol;
  }

  /** The node's symbol of the product. */
  public String symbol() {
    return symbol;
  }

  /** Whether it is synced. */
  public State state() {
    return state;
  }

  /** Throws everything away: the book waits for its next snapshot. */
  public void desync() {
    bids.clear();
    asks.clear();
    state = State.AWAITING_SNAPSHOT;
  }

  /** Starts a snapshot: empties the book; the caller sets each level, then calls {@link #synced}. */
  public void beginSnapshot() {
    if (version > 0) {
      resyncs++;
    }
    bids.clear();
    asks.clear();
  }

  /** The snapshot is applied, at {@code tsNanos}: the book is trusted again. */
  public void synced(long tsNanos) {
    state = State.SYNCED;
    changed(tsNanos);
  }

  /**
   * Sets the size at {@code px} on the buy side if {@code buy}, else the sell side; size 0 removes the level.
   * False, and nothing set, if that would make a side longer than {@link #MAX_LEVELS}: memory stays bounded.
   */
  public boolean set(boolean buy, long px, long size) {
    TreeMap<Long, Long> side = buy ? bids : asks;
    if (size == 0) {
      var unused = side.remove(px);
    } else if (side.size() < MAX_LEVELS || side.containsKey(px)) {
      var unused = side.put(px, size);
    } else {
      return false;
    }
    return true;
  }

  /** Keeps the best {@code depth} levels of the buy side if {@code buy}, else the sell side (the venue's subscribed depth). */
  public void truncate(boolean buy, int depth) {
    TreeMap<Long, Long> side = buy ? bids : asks;
    while (side.size() > depth) {
      var unused = side.pollLastEntry();
    }
  }

  /** An update (or a message of them) was applied at {@code tsNanos}. */
  public void changed(long tsNanos) {
    changedNanos = Math.max(changedNanos, tsNanos);
    version++;
  }

  /** When it last changed, epoch nanoseconds. */
  public long changedNanos() {
    return changedNanos;
  }

  /** Snapshots and updates applied since start: the seq of its depth. */
  public long version() {
    return version;
  }

  /** Snapshots taken after the first: resyncs. */
  public long resyncs() {
    return resyncs;
  }

  /** The best {@code depth} levels of the buy side if {@code buy}, else the sell side, best first. */
  public List<BookLevel> levels(boolean buy, int depth) {
    List<BookLevel> out = new ArrayList<>(Math.min(depth, 16));
    for (Map.Entry<Long, Long> e : (buy ? bids : asks).entrySet()) {
      if (out.size() == depth) {
        break;
      }
      out.add(new BookLevel(e.getKey(), e.getValue(), 0));
    }
    return out;
  }

  /** Price levels on both sides. */
  public int levelCount() {
    return bids.size() + asks.size();
  }
}
