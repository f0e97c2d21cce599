package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.TradeTick;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fencing decisions of a flush, without a database: which shard epochs are refused, and what is left. */
class FlushTest {
  private static final long TS = 1_795_000_000_000_000_000L;

  @Test
  void onlyTheRowsOfShardsWhoseEpochMovedOnAreRefused() {
    Flush flush = new Flush(true);
    flush.batch(new StoreBatch(0, 3, List.of(trade(1, "A"), trade(2, "A")), List.of(bar("A", 0))));
    flush.batch(new StoreBatch(1, 5, List.of(trade(3, "B")), List.of()));
    flush.batch(new StoreBatch(2, 7, List.of(trade(4, "C")), List.of(bar("C", 0), bar("C", 1))));
    flush.batch(new StoreBatch(3, 1, List.of(), List.of(bar("D", 0))));
    Map<Integer, ShardOwner> owners = Map.of(
        0, new ShardOwner(0, "node-b", 4, 10), // claimed by another node since
        1, new ShardOwner(1, "node-a", 5, 10), // still ours
        2, new ShardOwner(2, null, 7, 10), // released
        3, ShardOwner.unclaimed(3));

    assertThat(flush.fencedData(owners)).containsExactly(
        new FencedWrite(0, 3, owners.get(0), 2, 3),
        new FencedWrite(2, 7, owners.get(2), 1, 3),
        new FencedWrite(3, 1, owners.get(3), 0, 1));
    assertThat(flush.dataRows()).isEqualTo(8);
    assertThat(flush.trades()).isEqualTo(4);
  }

  @Test
  void twoEpochsOfOneShardAreDecidedApart() {
    Flush flush = new Flush(true);
    flush.batch(new StoreBatch(0, 3, List.of(trade(1, "A")), List.of(bar("A", 0))));
    flush.batch(new StoreBatch(0, 4, List.of(trade(2, "A")), List.of(bar("A", 0))));
    Map<Integer, ShardOwner> owners = Map.of(0, new ShardOwner(0, "node-a", 4, 10));

    assertThat(flush.fencedData(owners)).containsExactly(new FencedWrite(0, 3, owners.get(0), 1, 2));
    assertThat(flush.dataRows()).as("the same bar under two epochs is kept per epoch").isEqualTo(4);
  }

  @Test
  void aRefusedCheckpointIsNotAmongThoseWritten() {
    Flush flush = new Flush(true);
    Checkpoint stale = checkpoint(0, 3, 9);
    Checkpoint current = checkpoint(1, 5, 2);
    flush.checkpoint(stale);
    flush.checkpoint(current);
    Map<Integer, ShardOwner> owners = Map.of(0, new ShardOwner(0, "node-b", 4, 10), 1, new ShardOwner(1, "node-a", 5, 10));

    List<FencedWrite> fenced = flush.fencedCheckpoints(owners);
    assertThat(fenced).containsExactly(new FencedWrite(0, 3, owners.get(0), 0, 1));
    assertThat(flush.checkpointsWritten(fenced)).containsExactly(current);
    assertThat(flush.checkpointsWritten(List.of())).containsExactly(stale, current);
  }

  @Test
  void aCheckpointOfANewerEpochSupersedesOneWithAHigherId() {
    Flush flush = new Flush(true);
    Checkpoint newer = checkpoint(0, 4, 2);
    flush.checkpoint(newer);
    flush.checkpoint(checkpoint(0, 3, 9)); // the last one of the shard's previous owner on this node
    flush.checkpoint(checkpoint(0, 4, 1));

    assertThat(flush.checkpointsWritten(List.of())).containsExactly(newer);
  }

  @Test
  void halvesKeepEachRowWithItsShardAndEpoch() {
    Flush flush = new Flush(true);
    flush.batch(new StoreBatch(0, 3, List.of(trade(1, "A"), trade(2, "A")), List.of()));
    flush.batch(new StoreBatch(1, 5, List.of(trade(3, "B")), List.of(bar("B", 0))));
    Map<Integer, ShardOwner> owners = Map.of(0, new ShardOwner(0, "node-b", 4, 10), 1, new ShardOwner(1, "node-a", 5, 10));

    List<Flush> halves = flush.split();
    assertThat(halves.get(0).fencedData(owners)).containsExactly(new FencedWrite(0, 3, owners.get(0), 2, 2));
    assertThat(halves.get(1).fencedData(owners)).isEmpty();
    assertThat(halves.get(1).dataRows()).isEqualTo(2);
  }

  @Test
  void withoutStoredTradesABatchOfTradesLeavesNothingToCheck() {
    Flush flush = new Flush(false);
    flush.batch(new StoreBatch(0, 3, List.of(trade(1, "A")), List.of()));

    assertThat(flush.dataRows()).isZero();
    assertThat(flush.fencedData(Map.of())).isEmpty();
  }

  @Test
  void aHandOverTakesItsShardsRowsAheadOfTheRestAndLeavesTheOthersInOrder() {
    StoreQueue queue = new StoreQueue(true);
    queue.add(new StoreBatch(0, 3, List.of(trade(1, "A")), List.of()));
    queue.add(new StoreBatch(1, 5, List.of(trade(2, "B"), trade(3, "B")), List.of()));
    queue.add(checkpoint(0, 3, 1));
    queue.add(new StoreBatch(0, 3, List.of(trade(4, "A")), List.of()));
    queue.add(checkpoint(1, 5, 1));
    queue.add(checkpoint(0, 3, 2));

    Flush urgent = queue.takeShards(java.util.Set.of(0));
    assertThat(urgent.trades()).isEqualTo(2);
    assertThat(urgent.checkpointsWritten(List.of())).as("the shard's last checkpoint, after all its rows")
        .extracting(Checkpoint::checkpointId).containsExactly(2L);
    assertThat(queue.rows()).as("shard 1's two trades and its checkpoint").isEqualTo(3);
    Flush rest = queue.take(100);
    assertThat(rest.trades()).isEqualTo(2);
    assertThat(rest.checkpointsWritten(List.of())).extracting(Checkpoint::shard).containsExactly(1);
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.takeShards(java.util.Set.of(0)).rows()).as("nothing left of shard 0").isZero();
  }

  private static TradeTick trade(long seq, String symbol) {
    return new TradeTick("f", seq, symbol, TS + seq, 100_000_000L, 100_000_000L);
  }

  private static Bar bar(String symbol, int second) {
    BigDecimal one = BigDecimal.ONE;
    BarInterval interval = BarInterval.parse("1s");
    return new Bar(symbol, interval, TS + second * interval.nanos(), one, one, one, one, one, one, 1, 0);
  }

  private static Checkpoint checkpoint(int shard, long epoch, long id) {
    return new Checkpoint(shard, epoch, id, new byte[] {(byte) id}, Map.of(), TS);
  }
}
