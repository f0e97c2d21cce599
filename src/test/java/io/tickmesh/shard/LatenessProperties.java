package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.TradeTick;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * With no allowed lateness and a grace so long that only event time closes bars, trades in random order
 * are either applied or refused as late, exactly as the rule says, and the bars are the reference bars
 * of exactly the applied trades, never revised.
 */
class LatenessProperties {
  private static final List<BarInterval> INTERVALS = SymbolStateProperties.INTERVALS;
  private static final BarSettings EVENT_TIME_ONLY =
      new BarSettings(INTERVALS, 0, ReferenceAnalytics.DAY, 1_000_000);

  @Provide
  Arbitrary<List<TradeTick>> trades() {
    return TradeSamples.trades();
  }

  @Property
  void appliedOrLateAndBarsMatchTheAppliedTrades(
      @ForAll("trades") List<TradeTick> trades, @ForAll Random random) {
    SymbolState state = new SymbolState(Ticks.SYMBOL, EVENT_TIME_ONLY);
    BarCollector out = new BarCollector();
    List<TradeTick> applied = new ArrayList<>();
    long highest = Long.MIN_VALUE;
    for (TradeTick t : trades) {
      String reason = state.applyTrade(t, 0);
      // late iff the trade's 1s bar ended at or before the highest ts applied so far
      boolean late = !applied.isEmpty() && INTERVALS.get(0).startOf(t.ts()) + SECOND <= highest;
      if (late) {
        assertThat(reason).startsWith("late: ts ");
      } else {
        assertThat(reason).isNull();
        applied.add(t);
        highest = Math.max(highest, t.ts());
      }
      if (random.nextInt(3) == 0) {
        state.emitDue(0, out);
      }
    }
    state.emitDue(SymbolStateProperties.FAR, out);

    List<Bar> expected = ReferenceAnalytics.bars(Ticks.SYMBOL, INTERVALS, applied);
    List<Bar> emitted = out.drain();
    assertThat(emitted).allSatisfy(b -> assertThat(b.revision()).isZero());
    assertThat(out.latest()).usingElementComparator(ReferenceAnalytics.SAME_VALUES)
        .containsExactlyElementsOf(expected);
    assertThat(SymbolStateProperties.closedBars(state)).isEqualTo(out.latest());
    SymbolStateProperties.assertSameQuote(state.quote(), ReferenceAnalytics.session(applied));
  }
}
