package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.TradeTick;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link BarHistory} against the obvious reference, a TreeMap by start trimmed to the limit, for bars
 * closing mostly in order, some out of order, some revised, and every kind of query after each put.
 */
class BarHistoryProperties {
  private static final BarInterval SECOND = BarInterval.parse("1s");

  /** One closed bar: {@code start} in seconds; {@code ahead} moves past the newest start first. */
  record Put(boolean ahead, int start) {}

  @Provide
  Arbitrary<Put> puts() {
    return Combinators.combine(Arbitraries.of(true, true, true, false), Arbitraries.integers().between(0, 40)).as(Put::new);
  }

  @Property
  void keepsWhatATrimmedSortedMapKeeps(
      @ForAll @IntRange(min = 0, max = 12) int retain,
      @ForAll @Size(max = 200) List<@From("puts") Put> puts,
      @ForAll @IntRange(min = -2, max = 60) int from,
      @ForAll @IntRange(min = -2, max = 60) int to,
      @ForAll @IntRange(min = 0, max = 15) int limit) {
    BarHistory history = new BarHistory(retain, new BarShelf());
    TreeMap<Long, Bar> reference = new TreeMap<>();
    long newest = 0;
    int revision = 0;
    for (Put put : puts) {
      long start = put.ahead() ? newest + 1 + put.start() % 3 : put.start();
      newest = Math.max(newest, start);
      Bar bar = put(history, start, ++revision);
      reference.put(bar.start(), bar);
      if (reference.size() > retain) {
        reference.pollFirstEntry();
      }
      Long f = from < 0 ? null : (long) from * SECOND.nanos();
      Long t = to < 0 ? null : (long) to * SECOND.nanos();
      assertThat(history.query("AAPL", SECOND, f, t, limit)).isEqualTo(query(reference, f, t, limit));
      assertThat(history.query("AAPL", SECOND, null, null, Integer.MAX_VALUE)).containsExactlyElementsOf(reference.values());
    }
  }

  /**
   * Forgetting durable bars (store on): a bar put earlier is forgotten only while it is still the kept
   * version of its start; a later revision stays. Puts and forgets interleave, as bars close and
   * checkpoints become durable.
   */
  @Property
  void forgetsABarOnlyWhileItIsTheKeptVersion(
      @ForAll @IntRange(min = 1, max = 12) int retain,
      @ForAll @Size(max = 200) List<@From("puts") Put> puts,
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 400) Integer> forgets) {
    BarHistory history = new BarHistory(retain, new BarShelf());
    TreeMap<Long, Bar> reference = new TreeMap<>();
    List<Bar> handedOff = new ArrayList<>();
    long newest = 0;
    int revision = 0;
    for (int i = 0; i < puts.size(); i++) {
      Put put = puts.get(i);
      long start = put.ahead() ? newest + 1 + put.start() % 3 : put.start();
      newest = Math.max(newest, start);
      Bar bar = put(history, start, ++revision);
      handedOff.add(bar);
      boolean kept = reference.size() < retain || reference.containsKey(bar.start()) || bar.start() > reference.firstKey();
      if (kept) {
        reference.put(bar.start(), bar);
        if (reference.size() > retain) {
          reference.pollFirstEntry();
        }
      }
      if (i < forgets.size() && !handedOff.isEmpty()) {
        Bar durable = handedOff.get(forgets.get(i) % handedOff.size());
        history.removeIfSame(durable);
        reference.remove(durable.start(), durable);
      }
      assertThat(history.query("AAPL", SECOND, null, null, Integer.MAX_VALUE)).containsExactlyElementsOf(reference.values());
      assertThat(history.size()).isEqualTo(reference.size());
    }
  }

  /**
   * Puts a bar of the second {@code second} with {@code revision} (two trades, prices and volume varying
   * with both, so that a bar kept in the wrong place or revision shows), and returns it as emitted.
   */
  private static Bar put(BarHistory history, long second, int revision) {
    BarBuilder builder = builder(second, revision);
    Bar bar = builder.toBar("AAPL", SECOND);
    history.put(builder, Decimals.fromBigDecimal(bar.vwap()));
    return bar;
  }

  /** A closed bar of the second {@code second} with {@code revision}, as {@link #put} describes it. */
  static BarBuilder builder(long second, int revision) {
    long start = second * SECOND.nanos();
    long px = Decimals.ONE * (100 + second) + revision;
    TradeTick open = new TradeTick("f", 1, "AAPL", start, px, Decimals.ONE);
    TradeTick close = new TradeTick("f", 2, "AAPL", start + 1, px + 7, 3 * Decimals.ONE);
    BarBuilder builder = new BarBuilder(start);
    builder.add(open);
    builder.add(close);
    builder.restore(open, close, px + 7, px, revision, false);
    return builder;
  }

  /** The query as BarHistory documents it, on a sorted map. */
  static List<Bar> query(TreeMap<Long, Bar> bars, Long from, Long to, int limit) {
    if (limit <= 0 || (from != null && to != null && from >= to)) {
      return List.of();
    }
    List<Bar> result = new ArrayList<>();
    if (from != null) {
      NavigableMap<Long, Bar> range = to == null ? bars.tailMap(from, true) : bars.subMap(from, true, to, false);
      for (Bar bar : range.values()) {
        if (result.size() < limit) {
          result.add(bar);
        }
      }
      return result;
    }
    NavigableMap<Long, Bar> range = to == null ? bars : bars.headMap(to, false);
    for (Bar bar : range.descendingMap().values()) {
      if (result.size() < limit) {
        result.add(bar);
      }
    }
    Collections.reverse(result);
    return result;
  }
}
