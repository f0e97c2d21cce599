package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.Quote;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

/**
 * All analytics of one symbol: last trade, top of book, session volume and VWAP, and OHLCV bars with an
 * event-time watermark, lateness and revisions. Results depend only on the set of ticks applied, not on
 * their arrival order: the winning quote and the last trade are those with the largest key (ts, feed,
 * seq), and bars are order-free (see {@link BarBuilder}).
 *
 * <p>Threading: not thread-safe and needs no lock; a SymbolState is owned by exactly one shard and
 * touched only on that shard's context. Applying a trade in the bar of the previous trade is long
 * arithmetic without allocation; BigDecimals are made only when a bar is emitted or state is queried.
 *
 * <p>Watermark (trades only): {@code max(highest - allowedLateness, highest + (now - arrival) - grace)}
 * where {@code arrival} is the {@code nowNanos} at which the highest ts was first reached. It is
 * recomputed, not kept monotone: closed bars stay closed, and a trade into a bar never opened before
 * opens it as usual. A trade is late when its bar of the finest interval ended at or before
 * {@code highest - allowedLateness}.
 */
public final class SymbolState {
  private final String symbol;
  private final BarSettings settings;
  private final IntervalBars[] bars; // an array: the per-trade loop allocates no iterator
  private final BarInterval finest;
  private final Session session = new Session();
  private TradeTick lastTrade;
  // the top of book as fields, not the QuoteTick: a tick holds its own copies of the symbol and feed
  // strings, about 180 bytes of every idle symbol with the record; bookFeed is null before any quote
  private String bookFeed;
  private long bookSeq;
  private long bookTs;
  private long bid;
  private long bidQty;
  private long ask;
  private long askQty;
  private long lastTs = Long.MIN_VALUE; // any tick
  private long highestTs = Long.MIN_VALUE; // trades only: drives the watermark
  private long arrival;
  private long finalUpTo = Long.MIN_VALUE; // highestTs - allowed lateness, saturated

  /** Empty state for {@code symbol}. */
  public SymbolState(String symbol, BarSettings settings) {
    this.symbol = symbol;
    this.settings = settings;
    this.finest = settings.finest();
    this.bars = new IntervalBars[settings.intervals().size()];
    for (int i = 0; i < bars.length; i++) {
      bars[i] = new IntervalBars(symbol, settings.intervals().get(i), settings.retain());
    }
  }

  /** The symbol this state belongs to. */
  public String symbol() {
    return symbol;
  }

  /**
   * Applies a trade; returns null when applied, or the reject reason (e.g. "late: ...") when refused.
   * nowNanos is a monotonic clock (System.nanoTime() in production).
   */
  public String applyTrade(TradeTick t, long nowNanos) {
    long ts = t.ts();
    // a trade at or after highest - lateness cannot be late: skip the division in the common case
    if (ts < finalUpTo && finest.startOf(ts) + finest.nanos() <= finalUpTo) {
      return LateTradeReason.of(ts, finest, highestTs, settings.allowedLatenessNanos());
    }
    if (!hasRoomFor(t)) {
      return "overflow: with this trade the sum of px*qty of its bar or of the session would pass 2^127"
          + " units of 1e-16 (about 1.7e22); the trade is refused and nothing else changes";
    }
    for (IntervalBars intervalBars : bars) {
      intervalBars.add(t);
    }
    session.add(t);
    if (lastTrade == null || BarBuilder.compareKeys(t, lastTrade) > 0) {
      lastTrade = t;
    }
    if (ts > highestTs) {
      highestTs = ts;
      arrival = nowNanos;
      finalUpTo = saturatedSubtract(ts, settings.allowedLatenessNanos());
    }
    lastTs = Math.max(lastTs, ts);
    return null;
  }

  private boolean hasRoomFor(TradeTick t) {
    for (IntervalBars intervalBars : bars) {
      if (!intervalBars.hasRoomFor(t)) {
        return false;
      }
    }
    return session.hasRoomFor(t);
  }

  /** Applies a quote; true if the top of book changed (another bid, ask or size, not only a newer ts). */
  public boolean applyQuote(QuoteTick q) {
    lastTs = Math.max(lastTs, q.ts());
    boolean first = bookFeed == null;
    if (!first && Tick.compareKeys(q.ts(), q.feed(), q.seq(), bookTs, bookFeed, bookSeq) <= 0) {
      return false;
    }
    boolean changed =
        first || q.bid() != bid || q.bidQty() != bidQty || q.ask() != ask || q.askQty() != askQty;
    bookFeed = sharedFeed(q.feed());
    bookSeq = q.seq();
    bookTs = q.ts();
    bid = q.bid();
    bidQty = q.bidQty();
    ask = q.ask();
    askQty = q.askQty();
    return changed;
  }

  /**
   * Emits, in order of (interval, start), bars that closed by now (revision 0) and one new revision for
   * each closed bar changed since the last call.
   */
  public void emitDue(long nowNanos, Consumer<Bar> out) {
    if (lastTrade == null) {
      return;
    }
    long watermark = watermark(nowNanos);
    for (IntervalBars intervalBars : bars) {
      intervalBars.emitDue(watermark, finalUpTo, out);
    }
  }

  /** The watermark at {@code nowNanos}; Long.MIN_VALUE before the first trade. */
  long watermark(long nowNanos) {
    if (lastTrade == null) {
      return Long.MIN_VALUE;
    }
    long quietFor = nowNanos - arrival; // a difference, as System.nanoTime values are compared
    long byWallClock = saturatedSubtract(saturatedAdd(highestTs, quietFor), settings.graceNanos());
    return Math.max(finalUpTo, byWallClock);
  }

  /**
   * {@code feed}, or the equal string this state already holds: one copy of a feed's name per symbol
   * rather than the one each tick brings.
   */
  private String sharedFeed(String feed) {
    if (feed.equals(bookFeed)) {
      return bookFeed;
    }
    TradeTick last = lastTrade;
    return last != null && feed.equals(last.feed()) ? last.feed() : feed;
  }

  /** Live snapshot; null fields where there is no data yet. */
  public Quote quote() {
    boolean top = bookFeed != null;
    TradeTick last = lastTrade;
    return new Quote(
        symbol,
        lastTs,
        top ? Decimals.toBigDecimal(bid) : null,
        top ? Decimals.toBigDecimal(bidQty) : null,
        top ? Decimals.toBigDecimal(ask) : null,
        top ? Decimals.toBigDecimal(askQty) : null,
        last == null ? null : Decimals.toBigDecimal(last.px()),
        last == null ? null : Decimals.toBigDecimal(last.qty()),
        last == null ? null : last.ts(),
        session.volume(),
        session.vwap(),
        session.trades());
  }

  /** Highest ts of any tick seen, Long.MIN_VALUE if none. */
  public long lastTs() {
    return lastTs;
  }

  /**
   * Closed bars kept for queries (latest revision of each), oldest first: if from != null, the first
   * {@code limit} bars with start >= from and start < to; else the last {@code limit} bars with start <
   * to (to == null = no upper bound). Throws IllegalArgumentException for an interval not configured.
   */
  /**
   * Forgets {@code bar} from the closed bars kept in memory, unless a later revision replaced it: with
   * the store on, PostgreSQL answers for closed bars once they are durable.
   */
  public void forgetDurable(Bar bar) {
    barsOf(bar.interval()).forget(bar);
  }

  public List<Bar> closedBars(BarInterval interval, Long from, Long to, int limit) {
    return barsOf(interval).closedBars(from, to, limit);
  }

  /** Bars not closed yet, oldest first (revision 0 placeholders). */
  public List<Bar> openBars(BarInterval interval) {
    return barsOf(interval).openBars();
  }

  BarSettings settings() {
    return settings;
  }

  TradeTick lastTrade() {
    return lastTrade;
  }

  /** The top of book as a tick, made anew (for the snapshot codec); null before any quote. */
  QuoteTick book() {
    return bookFeed == null ? null : new QuoteTick(bookFeed, bookSeq, symbol, bookTs, bid, bidQty, ask, askQty);
  }

  long highestTs() {
    return highestTs;
  }

  Session session() {
    return session;
  }

  /** Bars and revisions interval {@code i} (in BarSettings order) emitted, see {@link IntervalBars#emitted}. */
  long barsEmitted(int i) {
    return bars[i].emitted();
  }

  /** The bars of each configured interval, in the order of {@link BarSettings#intervals()}. */
  List<IntervalBars> intervalBars() {
    return List.of(bars);
  }

  /**
   * Restores the fields a snapshot carries into a new state (session and bars are restored through
   * their accessors). The arrival of the highest ts was a reading of another process's monotonic clock,
   * so it becomes {@code nowNanos}: the wall-clock close of a quiet symbol's bars restarts its grace.
   */
  void restore(TradeTick lastTrade, QuoteTick book, long lastTs, long highestTs, long nowNanos) {
    this.lastTrade = lastTrade;
    if (book != null) {
      var unused = applyQuote(book);
    }
    this.lastTs = lastTs;
    this.highestTs = highestTs;
    this.arrival = nowNanos;
    // from the current settings: the allowed lateness may have been changed for the restart
    this.finalUpTo = saturatedSubtract(highestTs, settings.allowedLatenessNanos());
  }

  private IntervalBars barsOf(BarInterval interval) {
    for (IntervalBars intervalBars : bars) {
      if (intervalBars.interval().equals(interval)) {
        return intervalBars;
      }
    }
    throw new IllegalArgumentException(
        "interval " + interval + " is not configured; configured: " + settings.intervals());
  }

  /** a + b clamped to the long range: a huge grace or quiet time must not wrap the watermark. */
  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
  }

  /** a - b clamped to the long range. */
  private static long saturatedSubtract(long a, long b) {
    long difference = a - b;
    return ((a ^ b) & (a ^ difference)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : difference;
  }
}
