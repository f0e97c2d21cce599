package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Quote;
import io.tickmesh.model.TradeTick;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bars, session and last trade against {@link ReferenceAnalytics}, with an allowed lateness so large
 * that no trade is late: whatever the order and whenever bars are emitted, the latest revision of each
 * bar is the reference bar of all the trades.
 */
class SymbolStateProperties {
  static final List<BarInterval> INTERVALS =
      List.of(BarInterval.parse("1s"), BarInterval.parse("1m"), BarInterval.parse("1d"));
  static final long FAR = 10 * ReferenceAnalytics.DAY; // quiet long enough to close every bar
  private static final BarSettings NOTHING_LATE =
      new BarSettings(INTERVALS, ReferenceAnalytics.DAY, SECOND, 1_000_000);

  @Provide
  Arbitrary<List<TradeTick>> trades() {
    return TradeSamples.trades();
  }

  @Property
  void barsEqualTheReference(@ForAll("trades") List<TradeTick> trades) {
    SymbolState state = new SymbolState(Ticks.SYMBOL, NOTHING_LATE);
    for (TradeTick t : trades) {
      assertThat(state.applyTrade(t, 0)).isNull();
    }
    BarCollector out = new BarCollector();
    state.emitDue(FAR, out);

    List<Bar> expected = ReferenceAnalytics.bars(Ticks.SYMBOL, INTERVALS, trades);
    List<Bar> emitted = out.drain();
    assertThat(emitted).usingElementComparator(ReferenceAnalytics.SAME_VALUES)
        .containsExactlyElementsOf(expected);
    assertThat(emitted).allSatisfy(b -> assertThat(b.revision()).isZero());
    assertThat(closedBars(state)).isEqualTo(emitted);
    for (BarInterval interval : INTERVALS) {
      assertThat(state.openBars(interval)).isEmpty();
    }
  }

  @Property
  void anyOrderAndAnyEmitScheduleGiveTheSameBars(
      @ForAll("trades") List<TradeTick> trades, @ForAll Random random) {
    List<TradeTick> shuffled = new ArrayList<>(trades);
    Collections.shuffle(shuffled, random);
    SymbolState state = new SymbolState(Ticks.SYMBOL, NOTHING_LATE);
    BarCollector out = new BarCollector();
    long now = 0;
    for (TradeTick t : shuffled) {
      // wall time moves by 0 to 1.2 s a trade against 1 s grace: bars close early and get revised
      now += random.nextInt(4) * 400_000_000L;
      assertThat(state.applyTrade(t, now)).isNull();
      if (random.nextInt(4) == 0) {
        state.emitDue(now, out);
      }
    }
    state.emitDue(now + FAR, out);

    List<Bar> expected = ReferenceAnalytics.bars(Ticks.SYMBOL, INTERVALS, trades);
    assertThat(out.latest()).usingElementComparator(ReferenceAnalytics.SAME_VALUES)
        .containsExactlyElementsOf(expected);
    assertThat(closedBars(state)).isEqualTo(out.latest());
  }

  @Property
  void sessionAndLastTradeEqualTheReference(
      @ForAll("trades") List<TradeTick> trades, @ForAll Random random) {
    List<TradeTick> shuffled = new ArrayList<>(trades);
    Collections.shuffle(shuffled, random);
    SymbolState state = new SymbolState(Ticks.SYMBOL, NOTHING_LATE);
    for (TradeTick t : shuffled) {
      assertThat(state.applyTrade(t, 0)).isNull();
    }
    assertSameQuote(state.quote(), ReferenceAnalytics.session(trades));
    long maxTs = trades.stream().mapToLong(TradeTick::ts).max().orElse(Long.MIN_VALUE);
    assertThat(state.lastTs()).isEqualTo(maxTs);
    assertThat(state.quote().ts()).isEqualTo(maxTs);
  }

  static void assertSameQuote(Quote quote, ReferenceAnalytics.Session expected) {
    assertThat(quote.trades()).isEqualTo(expected.trades());
    if (expected.last() == null) {
      assertThat(quote.volume()).isNull();
      assertThat(quote.vwap()).isNull();
      assertThat(quote.last()).isNull();
      assertThat(quote.lastQty()).isNull();
      assertThat(quote.lastTs()).isNull();
      return;
    }
    assertThat(quote.volume()).isEqualByComparingTo(expected.volume());
    assertThat(quote.vwap()).isEqualByComparingTo(expected.vwap());
    assertThat(quote.last()).isEqualByComparingTo(BigDecimal.valueOf(expected.last().px(), 8));
    assertThat(quote.lastQty()).isEqualByComparingTo(BigDecimal.valueOf(expected.last().qty(), 8));
    assertThat(quote.lastTs()).isEqualTo(expected.last().ts());
  }

  /** Closed bars of every interval, as a query returns them. */
  static List<Bar> closedBars(SymbolState state) {
    List<Bar> all = new ArrayList<>();
    for (BarInterval interval : INTERVALS) {
      all.addAll(state.closedBars(interval, null, null, Integer.MAX_VALUE));
    }
    return all;
  }
}
