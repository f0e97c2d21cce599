package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The slow, obvious analytics the fast ones are checked against: group, sort, and sum BigDecimals. It
 * shares no code with the production classes beyond the model records.
 */
final class ReferenceAnalytics {
  static final long DAY = 86_400_000_000_000L;

  /** Orders trades by (ts, feed, seq). */
  static final Comparator<TradeTick> BY_KEY =
      (a, b) -> Tick.compareKeys(a.ts(), a.feed(), a.seq(), b.ts(), b.feed(), b.seq());

  /** Compares every field of two bars, decimals by value, the revision not at all. */
  static final Comparator<Bar> SAME_VALUES =
      Comparator.comparing(Bar::symbol)
          .thenComparing(Bar::interval)
          .thenComparingLong(Bar::start)
          .thenComparing(Bar::open)
          .thenComparing(Bar::high)
          .thenComparing(Bar::low)
          .thenComparing(Bar::close)
          .thenComparing(Bar::volume)
          .thenComparing(Bar::vwap)
          .thenComparingLong(Bar::trades);

  /** Session totals of the newest UTC day and the last trade by key; nulls when there are no trades. */
  record Session(BigDecimal volume, BigDecimal vwap, long trades, TradeTick last) {}

  private ReferenceAnalytics() {}

  /** Bars of every interval, sorted by (interval, start), revision 0. */
  static List<Bar> bars(String symbol, List<BarInterval> intervals, Collection<TradeTick> trades) {
    List<Bar> result = new ArrayList<>();
    for (BarInterval interval : intervals) {
      Map<Long, List<TradeTick>> byStart = new TreeMap<>();
      for (TradeTick t : trades) {
        byStart.computeIfAbsent(interval.startOf(t.ts()), s -> new ArrayList<>()).add(t);
      }
      byStart.forEach((start, group) -> result.add(bar(symbol, interval, start, group)));
    }
    return result;
  }

  private static Bar bar(String symbol, BarInterval interval, long start, List<TradeTick> group) {
    List<TradeTick> sorted = group.stream().sorted(BY_KEY).toList();
    BigDecimal high = sorted.stream().map(t -> px(t)).max(BigDecimal::compareTo).orElseThrow();
    BigDecimal low = sorted.stream().map(t -> px(t)).min(BigDecimal::compareTo).orElseThrow();
    return new Bar(
        symbol,
        interval,
        start,
        px(sorted.get(0)),
        high,
        low,
        px(sorted.get(sorted.size() - 1)),
        volume(sorted),
        vwap(sorted),
        sorted.size(),
        0);
  }

  static Session session(Collection<TradeTick> trades) {
    if (trades.isEmpty()) {
      return new Session(null, null, 0, null);
    }
    long day = trades.stream().mapToLong(t -> Math.floorDiv(t.ts(), DAY)).max().orElseThrow();
    List<TradeTick> today = trades.stream().filter(t -> Math.floorDiv(t.ts(), DAY) == day).toList();
    TradeTick last = trades.stream().max(BY_KEY).orElseThrow();
    return new Session(volume(today), vwap(today), today.size(), last);
  }

  private static BigDecimal px(TradeTick t) {
    return BigDecimal.valueOf(t.px()).movePointLeft(Decimals.SCALE);
  }

  private static BigDecimal qty(TradeTick t) {
    return BigDecimal.valueOf(t.qty()).movePointLeft(Decimals.SCALE);
  }

  private static BigDecimal volume(List<TradeTick> trades) {
    return trades.stream().map(ReferenceAnalytics::qty).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal vwap(List<TradeTick> trades) {
    BigDecimal notional =
        trades.stream().map(t -> px(t).multiply(qty(t))).reduce(BigDecimal.ZERO, BigDecimal::add);
    return notional.divide(volume(trades), 8, RoundingMode.HALF_EVEN);
  }
}
