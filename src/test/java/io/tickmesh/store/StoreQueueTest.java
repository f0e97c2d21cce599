package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.TradeTick;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the writer's queue cuts flushes while a shard is handed over: its rows apart, in their order. */
class StoreQueueTest {
  private static final long TS = 1_795_000_000_000_000_000L;

  @Test
  void theCommonFlushPassesOverAShardBeingHandedOverAndItsOwnFlushTakesItsRowsInOrder() {
    StoreQueue queue = new StoreQueue(true);
    queue.add(new StoreBatch(0, 1, List.of(trade(1, "A"), trade(2, "A")), List.of()));
    queue.add(new StoreBatch(1, 1, List.of(trade(3, "B")), List.of()));
    queue.add(new Checkpoint(0, 1, 4, new byte[] {1}, Map.of("f", 2L), TS));
    queue.add(new FeedPositions(Map.of("f", 3L), TS));
    queue.add(new StoreBatch(1, 1, List.of(trade(5, "B")), List.of()));
    assertThat(queue.rows()).isEqualTo(6);

    Flush common = queue.take(2, Set.of(0));
    assertThat(common.holdsDataOf(0)).isFalse();
    assertThat(common.holdsDataOf(1)).isTrue();
    assertThat(common.rows()).as("shard 1's first batch and the feed positions: the cut at 2 rows").isEqualTo(2);
    assertThat(common.hasPositions()).isTrue();
    assertThat(queue.rows()).isEqualTo(4);

    Flush own = queue.takeShards(Set.of(0));
    assertThat(own.holdsDataOf(0)).isTrue();
    assertThat(own.holdsDataOf(1)).isFalse();
    assertThat(own.hasPositions()).isFalse();
    assertThat(own.checkpointsWritten(List.of())).extracting(Checkpoint::checkpointId).containsExactly(4L);
    assertThat(own.checkpointsCover(common)).isFalse();
    assertThat(own.rows()).isEqualTo(3);

    Flush rest = queue.take(100, Set.of(0));
    assertThat(rest.trades()).isEqualTo(1);
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.rows()).isZero();
  }

  @Test
  void withOnlyTheHandedOverShardQueuedTheCommonFlushIsEmpty() {
    StoreQueue queue = new StoreQueue(true);
    queue.add(new StoreBatch(0, 1, List.of(trade(1, "A")), List.of()));
    assertThat(queue.take(100, Set.of(0)).rows()).isZero();
    assertThat(queue.rows()).isEqualTo(1);
    assertThat(queue.take(100, Set.of()).rows()).isEqualTo(1);
  }

  private static TradeTick trade(long seq, String symbol) {
    return new TradeTick("f", seq, symbol, TS, 100_000_000L, 100_000_000L);
  }
}
