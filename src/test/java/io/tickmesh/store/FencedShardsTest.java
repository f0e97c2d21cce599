package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.TradeTick;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer's record of fenced shards and its queue purge, without a database. */
class FencedShardsTest {
  private static final ShardOwner NEWER = new ShardOwner(0, "node-b", 4, 10);

  @Test
  void aShardEpochIsReportedOnceAndEveryRowIsCounted() {
    FencedShards fenced = new FencedShards();
    FencedWrite half = new FencedWrite(0, 3, NEWER, 1, 2);

    assertThat(fenced.record(List.of(half, half))).containsExactly(half);
    assertThat(fenced.record(List.of(new FencedWrite(0, 3, NEWER, 0, 1)))).as("the same epoch's checkpoint, later").isEmpty();
    fenced.dropped(5);

    assertThat(fenced.fences()).isEqualTo(1);
    assertThat(fenced.rows()).isEqualTo(2 + 2 + 1 + 5);
  }

  @Test
  void epochsUpToTheFencedOneAreRefusedAndLaterOnesNot() {
    FencedShards fenced = new FencedShards();
    assertThat(fenced.refuses(0, 3)).isFalse();

    var unused = fenced.record(List.of(new FencedWrite(0, 3, NEWER, 0, 1)));

    assertThat(fenced.refuses(0, 2)).isTrue();
    assertThat(fenced.refuses(0, 3)).isTrue();
    assertThat(fenced.refuses(0, 5)).as("the shard claimed again by this node").isFalse();
    assertThat(fenced.refuses(1, 3)).as("another shard").isFalse();
    assertThat(fenced.record(List.of(new FencedWrite(0, 2, NEWER, 0, 1)))).as("an older epoch: already fenced").isEmpty();
    assertThat(fenced.record(List.of(new FencedWrite(0, 5, NEWER, 0, 1)))).hasSize(1);
  }

  @Test
  void theQueueDropsAFencedShardsBatchesAndCheckpointsUpToTheEpoch() {
    StoreQueue queue = new StoreQueue(true);
    queue.add(new StoreBatch(0, 2, List.of(trade(1), trade(2)), List.of()));
    queue.add(new StoreBatch(1, 3, List.of(trade(3)), List.of()));
    queue.add(new Checkpoint(0, 3, 7, new byte[] {7}, Map.of(), 1));
    queue.add(new StoreBatch(0, 4, List.of(trade(4)), List.of()));

    assertThat(queue.drop(0, 3)).isEqualTo(3);
    assertThat(queue.rows()).isEqualTo(2);
    Flush rest = queue.take(100);
    assertThat(rest.fencedData(Map.of(0, new ShardOwner(0, "node-a", 4, 1), 1, new ShardOwner(1, "node-a", 3, 1)))).isEmpty();
    assertThat(rest.rows()).isEqualTo(2);
  }

  private static TradeTick trade(long seq) {
    return new TradeTick("f", seq, "S", 1_795_000_000_000_000_000L + seq, 100_000_000L, 100_000_000L);
  }
}
