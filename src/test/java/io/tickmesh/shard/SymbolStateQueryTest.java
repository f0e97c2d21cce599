package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.SECOND;
import static io.tickmesh.shard.Ticks.settings;
import static io.tickmesh.shard.Ticks.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.TradeTick;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Closed bars kept for queries: from/to/limit semantics, retention, and the open bars. */
class SymbolStateQueryTest {
  private static final BarInterval ONE_SECOND = BarInterval.parse("1s");
  private static final long BASE = ts("2026-11-24T14:30:00Z");

  /** One trade in each second 0..n-1 and one at n.5, so bars 0..n-1 close by event time. */
  private static SymbolState withClosedBars(int n, int retain) {
    SymbolState state = new SymbolState("AAPL", settings(0, 1_000, retain, "1s"));
    for (int s = 0; s <= n; s++) {
      long ts = BASE + s * SECOND + (s == n ? SECOND / 2 : 0);
      assertThat(state.applyTrade(new TradeTick("a", s + 1, "AAPL", ts, 100_000_000L, 1), 0)).isNull();
    }
    state.emitDue(0, new BarCollector());
    return state;
  }

  private static List<Long> seconds(List<Bar> bars) {
    return bars.stream().map(b -> (b.start() - BASE) / SECOND).toList();
  }

  private static Long at(int second) {
    return BASE + second * SECOND;
  }

  @Test
  void fromToAndLimit() {
    SymbolState state = withClosedBars(10, 100);
    assertThat(seconds(state.closedBars(ONE_SECOND, null, null, 100)))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(seconds(state.closedBars(ONE_SECOND, at(3), at(7), 100)))
        .as("from inclusive, to exclusive")
        .containsExactly(3L, 4L, 5L, 6L);
    assertThat(seconds(state.closedBars(ONE_SECOND, at(3), null, 2)))
        .as("with from: the first bars")
        .containsExactly(3L, 4L);
    assertThat(seconds(state.closedBars(ONE_SECOND, null, at(7), 3)))
        .as("without from: the last bars before to")
        .containsExactly(4L, 5L, 6L);
    assertThat(seconds(state.closedBars(ONE_SECOND, null, null, 2))).containsExactly(8L, 9L);
    assertThat(state.closedBars(ONE_SECOND, null, null, 0)).isEmpty();
    assertThat(state.closedBars(ONE_SECOND, at(7), at(3), 10)).isEmpty();
    assertThat(state.closedBars(ONE_SECOND, at(2) + 1, at(4), 10)).extracting(Bar::start)
        .containsExactly(at(3));
  }

  @Test
  void openBarsAreNotClosedBars() {
    SymbolState state = withClosedBars(3, 100);
    assertThat(state.openBars(ONE_SECOND)).extracting(Bar::start, Bar::revision)
        .containsExactly(tuple(at(3), 0));
    assertThat(seconds(state.closedBars(ONE_SECOND, at(3), null, 10))).isEmpty();
  }

  @Test
  void keepsTheLastRetainedBarsAndReplacesRevisionsInPlace() {
    SymbolState state = withClosedBars(5, 3);
    assertThat(seconds(state.closedBars(ONE_SECOND, null, null, 100))).containsExactly(2L, 3L, 4L);

    // close bar 5 by wall clock, then revise it: still three bars, the last one revised
    BarCollector out = new BarCollector();
    state.emitDue(2 * SECOND, out);
    TradeTick late = new TradeTick("b", 1, "AAPL", at(5) + SECOND / 4, 300_000_000L, 1);
    assertThat(state.applyTrade(late, 2 * SECOND)).isNull();
    state.emitDue(2 * SECOND, out);

    List<Bar> kept = state.closedBars(ONE_SECOND, null, null, 100);
    assertThat(seconds(kept)).containsExactly(3L, 4L, 5L);
    assertThat(kept.get(2).revision()).isEqualTo(1);
    assertThat(kept.get(2).trades()).isEqualTo(2);
    assertThat(kept.get(2).vwap()).isEqualByComparingTo("2");
  }

  @Test
  void unknownIntervalIsRefused() {
    SymbolState state = withClosedBars(1, 10);
    assertThatThrownBy(() -> state.closedBars(BarInterval.parse("1m"), null, null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1m is not configured");
  }
}
