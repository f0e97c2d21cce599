package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.TradeTick;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bars of one symbol for one interval through their life: open (taking trades), closed but still
 * revisable (a trade not late for the symbol may still land in it), and kept for queries. Usually one or
 * two bars are open; with a large allowed lateness there can be thousands, so a trade finds its bar
 * through the last-used one first and a binary search of its shelf second.
 */
final class IntervalBars {
  private static final Comparator<BarBuilder> BY_START = Comparator.comparingLong(BarBuilder::start);

  private final String symbol;
  private final BarInterval interval;
  // null while no bar is open, as for every idle symbol: an empty shelf took 24 bytes of each interval
  private BarShelf open;
  // closed bars with end > highest ts - allowed lateness: only a wall-clock close leaves bars here;
  // the history keeps them by reference until they are final
  private final BarShelf revisable = new BarShelf();
  private ArrayList<BarBuilder> dirty; // revisable bars changed since emitted; null while none (most symbols)
  private final BarHistory history;
  private BarBuilder current; // the open bar the previous trade went to
  private long emitted; // bars and revisions emitted

  IntervalBars(String symbol, BarInterval interval, int retain) {
    this.symbol = symbol;
    this.interval = interval;
    this.history = new BarHistory(retain, revisable);
  }

  BarInterval interval() {
    return interval;
  }

  /** Adds a trade the symbol accepted (not late), so its bar is open, revisable or not created yet. */
  void add(TradeTick t) {
    BarBuilder bar = current;
    // unsigned: a ts before the start wraps to a huge distance, so one comparison covers both sides
    if (bar == null || Long.compareUnsigned(t.ts() - bar.start(), interval.nanos()) >= 0) {
      bar = locate(t.ts());
    }
    bar.add(t);
  }

  /** True if the bar the trade belongs to (if it exists yet) has room for its notional. */
  boolean hasRoomFor(TradeTick t) {
    BarBuilder bar = current;
    if (bar == null || Long.compareUnsigned(t.ts() - bar.start(), interval.nanos()) >= 0) {
      long start = interval.startOf(t.ts());
      bar = openAt(start);
      bar = bar != null ? bar : revisable.get(start);
    }
    return bar == null || bar.hasRoomFor(t);
  }

  private BarBuilder locate(long ts) {
    long start = interval.startOf(ts);
    BarBuilder bar = openAt(start);
    if (bar == null) {
      bar = revisable.get(start);
      if (bar != null) {
        if (bar.markDirty()) {
          history.detach(bar); // the history goes on answering the revision emitted
          pending(bar);
        }
        return bar; // not cached: the next trade most likely belongs to a newer, open bar
      }
      bar = new BarBuilder(start);
      addOpen(bar);
    }
    current = bar;
    return bar;
  }

  /**
   * Emits, by start, the open bars ending at or before {@code watermark} (revision 0) and one new
   * revision of each closed bar changed since the last call; then forgets, as final, the revisable
   * bars ending at or before {@code finalUpTo} (highest ts - allowed lateness).
   */
  void emitDue(long watermark, long finalUpTo, Consumer<Bar> out) {
    if (dirty != null || isFirstOpenDue(watermark)) {
      List<BarBuilder> revised = List.of();
      if (dirty != null) {
        revised = dirty;
        dirty = null;
        revised.sort(BY_START);
      }
      int next = 0;
      while (true) {
        BarBuilder bar = next < revised.size() ? revised.get(next) : null;
        boolean due = isFirstOpenDue(watermark);
        if (due && (bar == null || open.first().start() < bar.start())) {
          close(pollOpen(), finalUpTo, out);
        } else if (bar != null) {
          bar.nextRevision();
          history.putLive(bar);
          emit(bar, out);
          next++;
        } else {
          break;
        }
      }
    }
    while (!revisable.isEmpty() && endOf(revisable.first().start()) <= finalUpTo) {
      history.detach(revisable.pollFirst()); // final: kept as a row from now on
    }
  }

  private boolean isFirstOpenDue(long watermark) {
    return open != null && endOf(open.first().start()) <= watermark;
  }

  private BarBuilder openAt(long start) {
    return open == null ? null : open.get(start);
  }

  private void addOpen(BarBuilder bar) {
    if (open == null) {
      open = new BarShelf();
    }
    open.add(bar);
  }

  /** Takes the oldest open bar, giving the shelf up once empty. */
  private BarBuilder pollOpen() {
    BarBuilder bar = open.pollFirst();
    if (open.isEmpty()) {
      open = null;
    }
    return bar;
  }

  private void close(BarBuilder bar, long finalUpTo, Consumer<Bar> out) {
    if (current == bar) {
      current = null;
    }
    if (endOf(bar.start()) > finalUpTo) {
      revisable.add(bar);
      history.putLive(bar);
    } else {
      history.put(bar, Decimals.fromBigDecimal(bar.vwapDecimal()));
    }
    emit(bar, out);
  }

  /** Emits {@code bar}'s current revision: built only if {@code out} wants it (see {@link BarSink}). */
  private void emit(BarBuilder bar, Consumer<Bar> out) {
    emitted++;
    if (out instanceof BarSink sink && !sink.wants(interval, symbol)) {
      sink.skipped(bar.revision());
    } else {
      out.accept(bar.toBar(symbol, interval));
    }
  }

  /**
   * Bars and revisions emitted since this state was made, the one being emitted included: the number
   * of the shard's last message on this interval's bars address (a restored state counts from 0).
   */
  long emitted() {
    return emitted;
  }

  /** Queues the pending revision of a closed bar changed since it was emitted. */
  private void pending(BarBuilder bar) {
    if (dirty == null) {
      dirty = new ArrayList<>(2);
    }
    dirty.add(bar);
  }

  /** End of the bar starting at {@code start}, saturated instead of wrapping past Long.MAX_VALUE. */
  private long endOf(long start) {
    long nanos = interval.nanos();
    return start > Long.MAX_VALUE - nanos ? Long.MAX_VALUE : start + nanos;
  }

  /** Forgets a closed bar now durable in the store, unless a later revision replaced it. */
  void forget(Bar bar) {
    history.removeIfSame(bar);
  }

  List<Bar> closedBars(Long from, Long to, int limit) {
    return history.query(symbol, interval, from, to, limit);
  }

  /** The open bars, oldest first (read by the snapshot codec). */
  Collection<BarBuilder> openBuilders() {
    return open == null ? List.of() : open.list();
  }

  /** The closed bars a trade may still revise, oldest first (read by the snapshot codec). */
  Collection<BarBuilder> revisableBuilders() {
    return revisable.list();
  }

  /** Puts back an open bar from a snapshot; false if this interval already has a bar with its start. */
  boolean restoreOpen(BarBuilder bar) {
    if (holds(bar.start())) {
      return false;
    }
    addOpen(bar);
    return true;
  }

  /**
   * Puts back a closed, still revisable bar from a snapshot, with its pending revision if it is dirty;
   * false if this interval already holds a bar with its start.
   */
  boolean restoreRevisable(BarBuilder bar) {
    if (holds(bar.start())) {
      return false;
    }
    revisable.add(bar);
    if (bar.isDirty()) {
      pending(bar); // emitDue sorts the pending revisions by start, so the order here is free
    }
    return true;
  }

  private boolean holds(long start) {
    return openAt(start) != null || revisable.get(start) != null;
  }

  /** Bars still open, oldest first, as revision 0 placeholders. */
  List<Bar> openBars() {
    Collection<BarBuilder> bars = openBuilders();
    List<Bar> result = new ArrayList<>(bars.size());
    for (BarBuilder bar : bars) {
      result.add(bar.toBar(symbol, interval));
    }
    return result;
  }
}
