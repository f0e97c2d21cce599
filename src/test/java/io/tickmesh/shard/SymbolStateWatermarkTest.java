package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.SECOND;
import static io.tickmesh.shard.Ticks.settings;
import static io.tickmesh.shard.Ticks.trade;
import static io.tickmesh.shard.Ticks.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bars close by event time or, for a quiet symbol, by wall clock; late trades revise or are refused. */
class SymbolStateWatermarkTest {
  private static final BarInterval ONE_SECOND = BarInterval.parse("1s");
  private static final long T0 = 5_000 * SECOND; // an arbitrary monotonic clock reading

  private final BarCollector out = new BarCollector();

  @Test
  void closesByEventTimeWhenATradeOfALaterBarArrives() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 100, "1s"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:00.2Z", "10", "1"), T0)).isNull();
    assertThat(state.applyTrade(trade("a", 2, "2026-11-24T14:30:00.7Z", "12", "3"), T0)).isNull();
    state.emitDue(T0, out);
    assertThat(out.drain()).isEmpty();

    assertThat(state.applyTrade(trade("a", 3, "2026-11-24T14:30:01.1Z", "11", "1"), T0)).isNull();
    state.emitDue(T0, out);

    List<Bar> bars = out.drain();
    assertThat(bars).hasSize(1);
    Bar bar = bars.get(0);
    assertThat(bar.start()).isEqualTo(ts("2026-11-24T14:30:00Z"));
    assertThat(bar.open()).isEqualByComparingTo("10");
    assertThat(bar.high()).isEqualByComparingTo("12");
    assertThat(bar.low()).isEqualByComparingTo("10");
    assertThat(bar.close()).isEqualByComparingTo("12");
    assertThat(bar.volume()).isEqualByComparingTo("4");
    assertThat(bar.vwap()).isEqualTo(new BigDecimal("11.50000000")); // (10 + 36) / 4, scale 8
    assertThat(bar.trades()).isEqualTo(2);
    assertThat(bar.revision()).isZero();
    assertThat(state.openBars(ONE_SECOND)).extracting(Bar::start)
        .containsExactly(ts("2026-11-24T14:30:01Z"));
  }

  /** A sink that wants no bar gets none built, only counted; a later revision it wants comes whole, numbered on. */
  @Test
  void aBarNobodyWantsIsCountedNotBuiltAndItsRevisionStillComesWhole() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 100, "1s"));
    List<Integer> skipped = new java.util.ArrayList<>();
    List<Bar> built = new java.util.ArrayList<>();
    boolean[] wanted = {false};
    BarSink sink = new BarSink() {
      @Override
      public boolean wants(BarInterval interval, String symbol) {
        assertThat(interval).isEqualTo(ONE_SECOND);
        assertThat(symbol).isEqualTo("AAPL");
        return wanted[0];
      }

      @Override
      public void skipped(int revision) {
        skipped.add(revision);
      }

      @Override
      public void accept(Bar bar) {
        built.add(bar);
      }
    };
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:00.2Z", "10", "1"), T0)).isNull();
    state.emitDue(T0 + 2 * SECOND, sink); // closed by the wall clock, revisable
    assertThat(built).isEmpty();
    assertThat(skipped).containsExactly(0);

    wanted[0] = true;
    assertThat(state.applyTrade(trade("a", 2, "2026-11-24T14:30:00.9Z", "12", "1"), T0 + 2 * SECOND)).isNull();
    state.emitDue(T0 + 2 * SECOND, sink);
    assertThat(built).singleElement().satisfies(bar -> {
      assertThat(bar.revision()).isEqualTo(1);
      assertThat(bar.volume()).isEqualByComparingTo("2");
      assertThat(bar.vwap()).isEqualTo(new BigDecimal("11.00000000"));
    });
    assertThat(state.barsEmitted(0)).as("the message numbers count the bar not built").isEqualTo(2);
  }

  @Test
  void allowedLatenessHoldsBarsOpenUntilTheHighestTsPassesEndPlusLateness() {
    SymbolState state = new SymbolState("AAPL", settings(2_000, 5_000, 100, "1s"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:00.5Z", "10", "1"), T0)).isNull();
    assertThat(state.applyTrade(trade("a", 2, "2026-11-24T14:30:02.999Z", "10", "1"), T0)).isNull();
    state.emitDue(T0, out);
    assertThat(out.drain()).isEmpty();

    assertThat(state.applyTrade(trade("a", 3, "2026-11-24T14:30:03Z", "10", "1"), T0)).isNull();
    state.emitDue(T0, out); // watermark 14:30:01 reaches the end of the first bar exactly
    assertThat(out.drain()).extracting(Bar::start).containsExactly(ts("2026-11-24T14:30:00Z"));
  }

  @Test
  void graceShorterThanLatenessClosesAtHighestMinusGraceAndLeavesTheBarRevisable() {
    // the wall-clock term is highest - grace even with no quiet time, ahead of highest - lateness
    SymbolState state = new SymbolState("AAPL", settings(2_000, 1_000, 100, "1s"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:00.5Z", "10", "1"), T0)).isNull();
    assertThat(state.applyTrade(trade("a", 2, "2026-11-24T14:30:02Z", "10", "1"), T0)).isNull();
    state.emitDue(T0, out);
    assertThat(out.drain()).extracting(Bar::start, Bar::revision)
        .containsExactly(tuple(ts("2026-11-24T14:30:00Z"), 0));

    assertThat(state.applyTrade(trade("a", 3, "2026-11-24T14:30:00.7Z", "10", "1"), T0)).isNull();
    state.emitDue(T0, out);
    assertThat(out.drain()).extracting(Bar::start, Bar::revision)
        .containsExactly(tuple(ts("2026-11-24T14:30:00Z"), 1));
  }

  @Test
  void quietSymbolClosesByWallClockAfterGrace() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 100, "1s"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:00.2Z", "10", "1"), T0)).isNull();

    // watermark = 00.2 + quiet time - 1 s grace: the bar ends at 01.0, so it closes after 1.8 s
    state.emitDue(T0 + 1_800_000_000L - 1, out);
    assertThat(out.drain()).isEmpty();
    state.emitDue(T0 + 1_800_000_000L, out);
    assertThat(out.drain()).extracting(Bar::start, Bar::revision)
        .containsExactly(tuple(ts("2026-11-24T14:30:00Z"), 0));

    state.emitDue(T0 + 60 * SECOND, out);
    assertThat(out.drain()).as("a closed bar is emitted once").isEmpty();
  }

  @Test
  void tradesIntoABarClosedByWallClockMakeOneRevisionPerEmit() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 100, "1s"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:00.2Z", "10", "1"), T0)).isNull();
    state.emitDue(T0 + 2 * SECOND, out);
    assertThat(out.drain()).hasSize(1);

    // the highest ts is still 00.2, so the bar ending at 01.0 may still take trades
    assertThat(state.applyTrade(trade("a", 2, "2026-11-24T14:30:00.9Z", "14", "1"), T0 + 2 * SECOND))
        .isNull();
    assertThat(state.applyTrade(trade("b", 1, "2026-11-24T14:30:00.1Z", "8", "2"), T0 + 2 * SECOND))
        .isNull();
    state.emitDue(T0 + 2 * SECOND, out);

    List<Bar> revised = out.drain();
    assertThat(revised).hasSize(1);
    Bar bar = revised.get(0);
    assertThat(bar.revision()).isEqualTo(1);
    assertThat(bar.trades()).isEqualTo(3);
    assertThat(bar.open()).isEqualByComparingTo("8");
    assertThat(bar.close()).isEqualByComparingTo("14");
    assertThat(bar.high()).isEqualByComparingTo("14");
    assertThat(bar.low()).isEqualByComparingTo("8");
    assertThat(bar.vwap()).isEqualByComparingTo("10"); // (10 + 14 + 16) / 4
    state.emitDue(T0 + 3 * SECOND, out);
    assertThat(out.drain()).isEmpty();
    assertThat(state.closedBars(ONE_SECOND, null, null, 10)).containsExactly(bar);
  }

  @Test
  void lateTradeIsRefusedWithAReasonAndChangesNothing() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 100, "1s"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:07Z", "10", "1"), T0)).isNull();

    String reason = state.applyTrade(trade("a", 2, "2026-11-24T14:30:00.5Z", "99", "5"), T0);

    assertThat(reason)
        .isEqualTo(
            "late: ts 2026-11-24T14:30:00.5Z is in bar 1s@2026-11-24T14:30:00Z which closed at event"
                + " time (highest ts 2026-11-24T14:30:07Z, allowed lateness 0 ms)");
    assertThat(state.quote().trades()).isEqualTo(1);
    assertThat(state.quote().last()).isEqualByComparingTo("10");
    assertThat(state.openBars(ONE_SECOND)).extracting(Bar::trades).containsExactly(1L);
  }

  @Test
  void latenessIsDecidedOnTheEndOfTheFinestBar() {
    SymbolState state = new SymbolState("AAPL", settings(2_000, 1_000, 100, "1s", "1m"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:07Z", "10", "1"), T0)).isNull();

    // bar [04, 05) + 2 s lateness ends at 07, the highest ts: late; bar [05, 06) is not
    assertThat(state.applyTrade(trade("a", 2, "2026-11-24T14:30:04.999Z", "10", "1"), T0))
        .isEqualTo(
            "late: ts 2026-11-24T14:30:04.999Z is in bar 1s@2026-11-24T14:30:04Z which closed at"
                + " event time (highest ts 2026-11-24T14:30:07Z, allowed lateness 2000 ms)");
    assertThat(state.applyTrade(trade("a", 3, "2026-11-24T14:30:05Z", "10", "1"), T0)).isNull();
    assertThat(state.openBars(BarInterval.parse("1m"))).extracting(Bar::trades).containsExactly(2L);
  }

  @Test
  void revisableBarBecomesFinalOnceTheHighestTsPassesItsEnd() {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, 100, "1s"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:00.2Z", "10", "1"), T0)).isNull();
    state.emitDue(T0 + 2 * SECOND, out);
    assertThat(state.applyTrade(trade("a", 2, "2026-11-24T14:30:01.5Z", "10", "1"), T0 + 2 * SECOND))
        .isNull();
    state.emitDue(T0 + 2 * SECOND, out);

    assertThat(state.applyTrade(trade("a", 3, "2026-11-24T14:30:00.99Z", "10", "1"), T0 + 2 * SECOND))
        .startsWith("late: ts 2026-11-24T14:30:00.99Z is in bar 1s@2026-11-24T14:30:00Z");
    state.emitDue(T0 + 2 * SECOND, out);
    assertThat(out.drain()).extracting(Bar::revision).containsOnly(0);
  }

  @Test
  void emitsByIntervalThenStartAndMergesRevisionsWithNewlyClosedBars() {
    SymbolState state = new SymbolState("AAPL", settings(60_000, 1_000, 100, "1s", "1m"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:05.5Z", "10", "1"), T0)).isNull();
    state.emitDue(T0 + 10 * SECOND, out); // watermark 14.5 s: closes 1s@05 only
    assertThat(out.drain()).extracting(Bar::start).containsExactly(ts("2026-11-24T14:30:05Z"));

    // a bar never opened before (02) opens as usual; the closed bar 05 gets a revision
    assertThat(state.applyTrade(trade("a", 2, "2026-11-24T14:30:02.5Z", "10", "1"), T0)).isNull();
    assertThat(state.applyTrade(trade("a", 3, "2026-11-24T14:30:05.7Z", "10", "1"), T0)).isNull();
    state.emitDue(T0 + 60 * SECOND, out); // watermark 64.5 s: closes the minute as well

    assertThat(out.drain())
        .extracting(b -> b.interval().label(), Bar::start, Bar::revision)
        .containsExactly(
            tuple("1s", ts("2026-11-24T14:30:02Z"), 0),
            tuple("1s", ts("2026-11-24T14:30:05Z"), 1),
            tuple("1m", ts("2026-11-24T14:30:00Z"), 0));
  }
}
