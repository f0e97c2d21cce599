package io.tickmesh.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A planned move's state, sent by the old owner {@code node} straight to the next owner {@code to} the
 * moment shard {@code shard} stopped under {@code epoch}: its last checkpoint ({@code checkpointId},
 * {@code state}), so the next owner serves at once under {@code toEpoch} (the epoch the hand-over's last
 * flush gives it), instead of after the old owner's last flush and a read of the checkpoint. Provisional:
 * the next owner writes nothing of the shard until the {@link ShardReleased} notice says the hand-over
 * committed. {@code stoppedAtNanos}: wall clock of the stop.
 */
public record ShardHandOff(int shard, long epoch, String node, String to, long toEpoch, long checkpointId, byte[] state,
    long stoppedAtNanos) {
  /** An owner's epoch and the next one after it, two distinct nodes, a checkpoint with its state. */
  public ShardHandOff {
    if (shard < 0 || epoch <= 0 || toEpoch != epoch + 1 || node == null || node.isEmpty() || to == null || to.isEmpty()
        || node.equals(to) || checkpointId <= 0 || state == null || stoppedAtNanos <= 0) {
      throw new IllegalArgumentException("bad hand-off of shard " + shard);
    }
  }

  /** Equal when every field is, the state byte for byte (a record compares arrays by identity). */
  @Override
  public boolean equals(Object o) {
    return o instanceof ShardHandOff h && shard == h.shard && epoch == h.epoch && node.equals(h.node) && to.equals(h.to)
        && toEpoch == h.toEpoch && checkpointId == h.checkpointId && Arrays.equals(state, h.state) && stoppedAtNanos == h.stoppedAtNanos;
  }

  @Override
  public int hashCode() {
    return Objects.hash(shard, epoch, node, to, toEpoch, checkpointId, Arrays.hashCode(state), stoppedAtNanos);
  }

  @Override
  public String toString() {
    return "ShardHandOff[shard=" + shard + ", epoch=" + epoch + ", node=" + node + ", to=" + to + ", toEpoch=" + toEpoch
        + ", checkpointId=" + checkpointId + ", state=" + state.length + " bytes, stoppedAtNanos=" + stoppedAtNanos + "]";
  }
}
