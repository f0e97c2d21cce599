package io.tickmesh.store;

import io.tickmesh.feed.RandomWalk;
import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.Tick;
import io.tickmesh.model.Timestamps;
import io.tickmesh.model.TradeTick;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The store writer's outbox, without PostgreSQL: the shards' hand-offs ({@link StoreBatch}es of 64 shards,
 * {@value #TRADES} trades and a closed bar per {@value #TRADES_PER_BAR} trades) queued in a
 * {@link StoreQueue}, taken as one {@link Flush} of {@code store.batchRows} (20,000), its rows of the
 * shards whose epoch is current gathered ({@link Flush#accepted}) and shaped into the column arrays of
 * the UNNEST statements ({@link TradeColumns}, {@link BarColumns}): everything the writer does to a row
 * before the driver encodes it. Figures are per row (ops/s rows/s, B/op bytes allocated per row).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreRowsBenchmark {
  private static final int SHARDS = 64;
  private static final int TRADES = 19_600;
  private static final int TRADES_PER_BAR = 50;
  private static final int PER_BATCH = 150;
  private static final int ROWS = TRADES + TRADES / TRADES_PER_BAR;

  private final List<StoreBatch> handOffs = new ArrayList<>();
  private final Map<Integer, ShardOwner> owners = new HashMap<>();

  /** The hand-offs of the walk's trades, grouped by shard in batches of {@value #PER_BATCH}, each shard at epoch 1. */
  @Setup
  public void build() {
    RandomWalk walk = new RandomWalk(1_000, 42, "bench.store", 100);
    long start = Timestamps.parse("2026-11-23T14:30:00Z");
    BarInterval minute = BarInterval.parse("1m");
    Map<Integer, List<TradeTick>> byShard = new HashMap<>();
    Map<Integer, List<Bar>> barsByShard = new HashMap<>();
    for (int i = 0; i < TRADES; i++) {
      TradeTick t = (TradeTick) walk.next(start + i * 1_170_000L);
      int shard = io.tickmesh.model.Symbols.shardOf(t.symbol(), SHARDS);
      byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(t);
      if (i % TRADES_PER_BAR == 0) {
        BigDecimal px = BigDecimal.valueOf(t.px(), 8);
        barsByShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(new Bar(t.symbol(), minute, minute.startOf(t.ts()), px, px, px, px,
            BigDecimal.valueOf(t.qty(), 8), px, 1, 0));
      }
      if (byShard.get(shard).size() == PER_BATCH) {
        handOffs.add(new StoreBatch(shard, 1, byShard.remove(shard), take(barsByShard, shard)));
      }
    }
    byShard.forEach((shard, trades) -> handOffs.add(new StoreBatch(shard, 1, trades, take(barsByShard, shard))));
    barsByShard.forEach((shard, bars) -> handOffs.add(new StoreBatch(shard, 1, List.of(), bars)));
    for (int s = 0; s < SHARDS; s++) {
      owners.put(s, new ShardOwner(s, "node-1", 1, 0));
    }
  }

  private static List<Bar> take(Map<Integer, List<Bar>> bars, int shard) {
    List<Bar> list = bars.remove(shard);
    return list == null ? List.of() : list;
  }

  /** Queues every hand-off, takes one flush of them, and shapes its rows into the statements' columns. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void queueAndShape(Blackhole out) {
    StoreQueue queue = new StoreQueue(true);
    for (StoreBatch b : handOffs) {
      queue.add(b);
    }
    Flush flush = queue.take(20_000);
    Flush.Accepted rows = flush.accepted(owners);
    Tuple trades = new TradeColumns(rows.trades()).tuple();
    Tuple bars = new BarColumns(rows.bars().values()).tuple();
    out.consume(trades);
    out.consume(bars);
  }
}
