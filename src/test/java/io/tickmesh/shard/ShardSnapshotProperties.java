package io.tickmesh.shard;

import static io.tickmesh.shard.Ticks.MILLI;
import static io.tickmesh.shard.Ticks.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToLongFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * A shard restored from a snapshot taken at any point of a stream goes on exactly as the shard that
 * never stopped. Shard A applies the whole stream; shard B applies the part before the cut, is encoded,
 * decoded with the same settings, skips the feeds' resend of ticks before the cut as duplicates, and
 * applies the rest. With {@code emitDue} at the same clock readings on both, each tick after the cut
 * gets the same decision (applied, late with the same reason, duplicate, book changed or not), and each
 * emit gives the same bars, compared as whole {@code Bar} records: values and revision numbers. The
 * revisions can be compared exactly, not only where possible, because a snapshot carries each revisable
 * bar's revision and whether a new one is pending; B's bars go to one collector before and after the
 * restore, which checks that every bar's revisions count up by one across it. After each emit and at the
 * end, {@code quote()}, {@code lastTs()} and the open bars of every symbol are equal, and at the end the
 * two shards encode to the same bytes (their feed seqs compared as maps: the order of a least recently
 * used map depends on a cache that a restore starts without).
 */
class ShardSnapshotProperties {
  static final List<BarInterval> INTERVALS = SymbolStateProperties.INTERVALS; // 1s, 1m, 1d
  private static final long DAY = ReferenceAnalytics.DAY;
  private static final long T0 = 5_000 * SECOND; // an arbitrary monotonic clock reading

  /** Apply a tick (at {@code now}), or call emitDue (tick null). */
  private record Op(Tick tick, long now) {}

  @Provide
  Arbitrary<List<Tick>> streams() {
    return StreamSamples.streams();
  }

  /** Always some lateness: several open bars per interval, trades refused as late only behind it. */
  @Provide
  Arbitrary<Long> lateness() {
    return Arbitraries.of(1L, 250L, 1_000L, 2_500L, 20_000L, 120_000L).map(ms -> ms * MILLI);
  }

  /**
   * Bars close by event time only: the grace is ten days, so the wall clock runs on through the stream
   * and the restore happens at an unrelated reading, and neither matters.
   */
  @Property
  void restoredShardGoesOnExactlyWhenBarsCloseByEventTime(
      @ForAll("streams") List<Tick> stream,
      @ForAll("lateness") long lateness,
      @ForAll Random random) {
    BarSettings settings = new BarSettings(INTERVALS, lateness, 10 * DAY, 1_000);
    List<Op> ops = ops(stream, random, i -> T0 + i * MILLI, i -> T0 + i * MILLI);
    int cut = random.nextInt(ops.size() + 1);
    long restoreNow = T0 + random.nextInt(3_600) * SECOND;
    checkCut(ops, cut, random, settings, restoreNow, T0 + 40 * DAY);
  }

  /**
   * Bars also close by the wall clock, the only way a bar gets closed while a trade may still revise
   * it, and so the way revisable bars and pending revisions get into a snapshot. The one thing a
   * snapshot cannot carry is when the highest ts arrived, so the clock stands at T0 for every apply and
   * for the restore, making that arrival T0 on both sides; emits happen at T0 + 0 to 4 s against a grace
   * of 1 s, the same readings on both.
   */
  @Property
  void restoredShardGoesOnExactlyWhenBarsCloseByWallClock(
      @ForAll("streams") List<Tick> stream,
      @ForAll("lateness") long lateness,
      @ForAll Random random) {
    BarSettings settings = new BarSettings(INTERVALS, lateness, SECOND, 1_000);
    List<Op> ops = ops(stream, random, i -> T0, i -> T0 + random.nextInt(9) * SECOND / 2);
    int cut = random.nextInt(ops.size() + 1);
    ShardModel probe = new ShardModel(settings);
    BarCollector probeOut = new BarCollector();
    ops.subList(0, cut).forEach(op -> run(op, probe, probeOut));
    Statistics.label("revisable bars in the snapshot").collect(count(probe, false) > 0);
    Statistics.label("pending revisions in the snapshot").collect(count(probe, true) > 0);
    checkCut(ops, cut, random, settings, T0, T0 + 10 * DAY);

    Statistics.label("revisable bars in the snapshot")
        .coverage(c -> c.check(true).percentage(p -> p > 30));
    Statistics.label("pending revisions in the snapshot")
        .coverage(c -> c.check(true).percentage(p -> p > 5));
  }

  @Property
  void encodeDecodeEncodeGivesTheSameBytes(
      @ForAll("streams") List<Tick> stream,
      @ForAll("lateness") long lateness,
      @ForAll Random random) {
    BarSettings settings = new BarSettings(INTERVALS, lateness, SECOND, 1_000);
    ShardModel shard = new ShardModel(settings);
    BarCollector out = new BarCollector();
    ops(stream, random, i -> T0, i -> T0 + random.nextInt(9) * SECOND / 2)
        .forEach(op -> run(op, shard, out));
    byte[] bytes = shard.snapshot();
    assertThat(ShardModel.restore(bytes, settings, T0).snapshot()).isEqualTo(bytes);
  }

  /** Each tick is applied at applyNow(i), and followed by an emit at emitNow(i) one time in three. */
  private static List<Op> ops(
      List<Tick> stream, Random random, IntToLongFunction applyNow, IntToLongFunction emitNow) {
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < stream.size(); i++) {
      ops.add(new Op(stream.get(i), applyNow.applyAsLong(i)));
      if (random.nextInt(3) == 0) {
        ops.add(new Op(null, emitNow.applyAsLong(i)));
      }
    }
    return ops;
  }

  private static void checkCut(
      List<Op> ops, int cut, Random random, BarSettings settings, long restoreNow, long farNow) {
    ShardModel whole = new ShardModel(settings);
    ShardModel before = new ShardModel(settings);
    BarCollector wholeOut = new BarCollector();
    BarCollector restoredOut = new BarCollector(); // before and after the restore: one shard's bars
    for (Op op : ops.subList(0, cut)) {
      run(op, whole, wholeOut);
      run(op, before, restoredOut);
    }
    ShardModel restored = ShardModel.restore(before.snapshot(), settings, restoreNow);
    assertSameState(whole, restored);
    List<Op> applied = ops.subList(0, cut).stream().filter(op -> op.tick() != null).toList();
    int resent = random.nextInt(Math.min(applied.size(), 20) + 1);
    for (Op op : applied.subList(applied.size() - resent, applied.size())) {
      assertThat(restored.apply(op.tick(), op.now())).isEqualTo("duplicate");
    }
    for (Op op : ops.subList(cut, ops.size())) {
      if (op.tick() != null) {
        assertThat(restored.apply(op.tick(), op.now()))
            .as("decision on %s", op.tick())
            .isEqualTo(whole.apply(op.tick(), op.now()));
      } else {
        emitAndCompare(op.now(), whole, wholeOut, restored, restoredOut);
      }
    }
    emitAndCompare(farNow, whole, wholeOut, restored, restoredOut);
    AppliedSeqs none = new AppliedSeqs(1);
    assertThat(ShardSnapshot.encode(restored.symbols.values(), none))
        .isEqualTo(ShardSnapshot.encode(whole.symbols.values(), none));
    assertThat(restored.feedSeqs()).isEqualTo(whole.feedSeqs());
  }

  private static void run(Op op, ShardModel shard, BarCollector out) {
    if (op.tick() != null) {
      var unused = shard.apply(op.tick(), op.now());
    } else {
      shard.emitDue(op.now(), out);
    }
  }

  private static void emitAndCompare(
      long now, ShardModel whole, BarCollector wholeOut, ShardModel restored, BarCollector restoredOut) {
    whole.emitDue(now, wholeOut);
    restored.emitDue(now, restoredOut);
    assertThat(restoredOut.drain()).isEqualTo(wholeOut.drain());
    assertSameState(whole, restored);
  }

  static void assertSameState(ShardModel expected, ShardModel actual) {
    assertThat(actual.symbols.keySet()).containsExactlyElementsOf(expected.symbols.keySet());
    expected.symbols.forEach(
        (symbol, state) -> {
          SymbolState other = actual.symbols.get(symbol);
          assertThat(other.quote()).isEqualTo(state.quote());
          assertThat(other.lastTs()).isEqualTo(state.lastTs());
          for (BarInterval interval : state.settings().intervals()) {
            assertThat(other.openBars(interval)).isEqualTo(state.openBars(interval));
          }
        });
  }

  /** Revisable bars (or only those with a pending revision) of every symbol and interval. */
  private static long count(ShardModel shard, boolean dirtyOnly) {
    return shard.symbols.values().stream()
        .flatMap(state -> state.intervalBars().stream())
        .flatMap(bars -> bars.revisableBuilders().stream())
        .filter(bar -> !dirtyOnly || bar.isDirty())
        .count();
  }
}
