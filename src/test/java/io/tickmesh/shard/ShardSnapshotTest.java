package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.SECOND;
import static io.tickmesh.shard.Ticks.quote;
import static io.tickmesh.shard.Ticks.settings;
import static io.tickmesh.shard.Ticks.trade;
import static io.tickmesh.shard.Ticks.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.TradeTick;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Restoring shard snapshots: empty shards, feed seqs, pending revisions, changed settings. */
class ShardSnapshotTest {
  private static final long T0 = 5_000 * SECOND; // monotonic clock readings
  private static final long T1 = 9_000 * SECOND;
  private static final BarInterval ONE_SECOND = BarInterval.parse("1s");
  private static final BarInterval ONE_MINUTE = BarInterval.parse("1m");
  private static final BarInterval FIVE_MINUTES = BarInterval.parse("5m");
  private static final BarSettings SETTINGS = settings(2_000, 1_000, 100, "1s", "1m");
  private static final String APPLIED = "applied";

  private final BarCollector out = new BarCollector();

  @Test
  void anEmptyShardRoundTrips() {
    byte[] bytes = ShardSnapshot.encode(List.of(), new AppliedSeqs(8));

    ShardSnapshot.Restored restored = ShardSnapshot.decode(bytes, SETTINGS, T0);
    assertThat(restored.symbols()).isEmpty();
    assertThat(restored.feedSeqs()).isEmpty();
    assertThat(restored.droppedIntervals()).isEmpty();
    assertThat(restored.newIntervals()).isEmpty();
    assertThat(restored.warnings()).isEmpty();
    assertThat(bytes).hasSize(10 + 3 + 4); // header, three empty counts, checksum
    assertThat(ShardSnapshot.encode(restored.symbols(), new AppliedSeqs(8))).isEqualTo(bytes);
  }

  @Test
  void feedSeqsAreRestoredOldestFirst() {
    AppliedSeqs seqs = new AppliedSeqs(8);
    assertThat(seqs.record("nyse", 17)).isEqualTo(-1);
    assertThat(seqs.record("a", 3)).isEqualTo(-1);
    assertThat(seqs.record("b", 900_000_000_000L)).isEqualTo(-1);

    ShardSnapshot.Restored restored =
        ShardSnapshot.decode(ShardSnapshot.encode(List.of(), seqs), SETTINGS, T0);

    assertThat(restored.feedSeqs())
        .containsExactly(entry("nyse", 17L), entry("a", 3L), entry("b", 900_000_000_000L));
    AppliedSeqs again = new AppliedSeqs(8);
    restored.feedSeqs().forEach(again::restore);
    assertThat(again.record("nyse", 17)).as("a resent tick").isEqualTo(17);
    assertThat(again.record("nyse", 18)).as("the next tick").isEqualTo(-1);
  }

  @Test
  void aRestoredSymbolEmitsThePendingRevisionAndGoesOn() {
    ShardModel shard = sample(SETTINGS);
    ShardModel restored = ShardModel.restore(shard.snapshot(), SETTINGS, T0);

    ShardSnapshotProperties.assertSameState(shard, restored);
    assertThat(restored.symbols.get("AAPL").quote().bid()).isEqualByComparingTo("10.01");
    List<Bar> revised = new ArrayList<>(); // not a BarCollector: revision 0 was emitted before
    restored.emitDue(T0, revised::add);
    assertThat(revised).extracting(Bar::start, Bar::revision, Bar::trades)
        .containsExactly(tuple(ts("2026-11-24T14:30:00Z"), 1, 2L));
    List<Bar> expected = new ArrayList<>();
    shard.emitDue(T0, expected::add);
    assertThat(revised).isEqualTo(expected);
    assertThat(restored.symbols.get("MSFT").openBars(ONE_SECOND))
        .isEqualTo(shard.symbols.get("MSFT").openBars(ONE_SECOND))
        .hasSize(1);
  }

  @Test
  void barsOfIntervalsNoLongerConfiguredAreDroppedAndNewIntervalsStartEmpty() {
    ShardModel shard = sample(SETTINGS);
    BarSettings changed = settings(2_000, 1_000, 100, "1s", "5m");

    ShardSnapshot.Restored restored = ShardSnapshot.decode(shard.snapshot(), changed, T0);

    assertThat(restored.droppedIntervals()).containsExactly(ONE_MINUTE);
    assertThat(restored.droppedBars()).isEqualTo(2); // the open 1m bar of each symbol
    assertThat(restored.newIntervals()).containsExactly(FIVE_MINUTES);
    assertThat(restored.warnings())
        .containsExactly(
            "bar interval 1m is in the snapshot but no longer configured: its 2 open or revisable"
                + " bars were dropped",
            "bar interval 5m is configured but not in the snapshot: its bars start empty, without"
                + " the trades applied before the snapshot");
    SymbolState aapl = restored.symbols().get(0);
    assertThat(aapl.openBars(ONE_SECOND)).isEqualTo(shard.symbols.get("AAPL").openBars(ONE_SECOND));
    assertThat(aapl.openBars(FIVE_MINUTES)).isEmpty();
    assertThatThrownBy(() -> aapl.openBars(ONE_MINUTE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not configured");
    assertThat(aapl.applyTrade(trade("a", 50, "2026-11-24T14:30:05Z", "11", "4"), T0)).isNull();
    assertThat(aapl.openBars(FIVE_MINUTES)).singleElement()
        .satisfies(bar -> assertThat(bar.trades()).isEqualTo(1));
  }

  @Test
  void latenessComesFromTheCurrentSettings() {
    ShardModel shard = sample(SETTINGS); // AAPL: highest ts 14:30:02.5, lateness 2 s
    TradeTick behind = trade("a", 60, "2026-11-24T14:29:59.3Z", "10", "1");
    assertThat(ShardModel.restore(shard.snapshot(), SETTINGS, T0).apply(behind, T0))
        .startsWith("late: ");

    BarSettings moreLateness = settings(10_000, 1_000, 100, "1s", "1m");
    ShardSnapshot.Restored restored = ShardSnapshot.decode(shard.snapshot(), moreLateness, T0);
    assertThat(restored.symbols().get(0).applyTrade(behind, T0)).isNull();
    assertThat(restored.warnings())
        .containsExactly(
            "allowed lateness was raised from 2000 ms to 10000 ms since the snapshot: a trade now"
                + " accepted may open again a bar that was already final");
  }

  @Test
  void theWallClockRestartsAtTheRestoreWithTheCurrentGrace() {
    SymbolState state = new SymbolState("AAPL", settings(0, 60_000, 100, "1s"));
    assertThat(state.applyTrade(trade("a", 1, "2026-11-24T14:30:00.5Z", "10", "1"), T0)).isNull();
    byte[] bytes = ShardSnapshot.encode(List.of(state), new AppliedSeqs(8));

    SymbolState restored =
        ShardSnapshot.decode(bytes, settings(0, 1_000, 100, "1s"), T1).symbols().get(0);

    // quiet since the restore, not since T0: the bar ending 0.5 s after the highest ts closes 1.5 s on
    restored.emitDue(T1 + 1_499_999_999L, out);
    assertThat(out.drain()).isEmpty();
    restored.emitDue(T1 + 1_500_000_000L, out);
    assertThat(out.drain()).extracting(Bar::start).containsExactly(ts("2026-11-24T14:30:00Z"));
  }

  /**
   * AAPL: a 1s bar closed by the wall clock and revised by a trade within the lateness (a pending
   * revision), open bars, a quote; MSFT: an open bar from another feed. Two feeds handled.
   */
  static ShardModel sample(BarSettings settings) {
    ShardModel shard = new ShardModel(settings);
    BarCollector out = new BarCollector();
    assertThat(shard.apply(trade("a", 1, "2026-11-24T14:30:00.2Z", "10", "1"), T0)).isEqualTo(APPLIED);
    assertThat(shard.apply(trade("a", 2, "2026-11-24T14:30:01.5Z", "10.5", "2"), T0)).isEqualTo(APPLIED);
    shard.emitDue(T0 + 10 * SECOND, out); // quiet for 10 s: both 1s bars close by the wall clock
    assertThat(out.drain()).hasSize(2);
    assertThat(shard.apply(trade("b", 3, "2026-11-24T14:30:02.5Z", "11", "1"), T0)).isEqualTo(APPLIED);
    assertThat(shard.apply(trade("b", 4, "2026-11-24T14:30:00.7Z", "9.5", "1"), T0)).isEqualTo(APPLIED);
    assertThat(shard.apply(quote("a", 5, "2026-11-24T14:30:03Z", "10.01", "300", "10.02", "200"), T0))
        .isEqualTo("book changed");
    TradeTick msft = new TradeTick("b", 6, "MSFT", ts("2026-11-24T14:30:02Z"), 400 * Decimals.ONE, 5);
    assertThat(shard.apply(msft, T0)).isEqualTo(APPLIED);
    return shard;
  }
}
