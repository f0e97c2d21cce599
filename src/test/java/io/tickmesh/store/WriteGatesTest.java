package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.StoreBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A held shard holds only its rows of the held epoch; a later epoch's rows (after a claim) go on, and so do other shards'. */
class WriteGatesTest {
  @Test
  void onlyTheHeldShardsRowsOfTheHeldEpochWait() {
    WriteGates gates = new WriteGates();
    assertThat(gates.holds(batch(3, 2))).isFalse();
    gates.hold(3, 2, 100);
    assertThat(gates.holds(batch(3, 2))).isTrue();
    assertThat(gates.holds(new Checkpoint(3, 2, 7, new byte[] {1}, Map.of(), 1))).isTrue();
    assertThat(gates.holds(batch(3, 4))).as("a claim's later epoch").isFalse();
    assertThat(gates.holds(batch(4, 2))).as("another shard").isFalse();
    assertThat(gates.olderThan(50, 149)).isEmpty();
    assertThat(gates.olderThan(50, 151)).extracting(WriteGates.Gate::shard).containsExactly(3);
    assertThat(gates.release(3, 1)).as("an older epoch releases nothing").isFalse();
    assertThat(gates.release(3, 2)).isTrue();
    assertThat(gates.holds(batch(3, 2))).isFalse();
    assertThat(gates.isEmpty()).isTrue();
  }

  private static StoreBatch batch(int shard, long epoch) {
    return new StoreBatch(shard, epoch, List.of(), List.of());
  }
}
