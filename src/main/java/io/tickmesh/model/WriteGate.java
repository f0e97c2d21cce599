package io.tickmesh.model;

/**
 * What the node's store writer does with the rows of {@code shard} made under {@code epoch}, a shard
 * served provisionally after a {@link ShardHandOff}: {@code HOLD} them queued (the old owner's last flush,
 * which gives the shard this epoch, has not committed yet), {@code WRITE} them (it has), or {@code DISCARD}
 * them (it did not: the shard was dropped, and its epoch is refused from then on). Node-local.
 */
public record WriteGate(int shard, long epoch, Action action) {
  /** What becomes of the held rows. */
  public enum Action {
    HOLD,
    WRITE,
    DISCARD
  }

  /** A shard, an owner's epoch and an action. */
  public WriteGate {
    if (shard < 0 || epoch <= 0 || action == null) {
      throw new IllegalArgumentException("bad write gate of shard " + shard);
    }
  }
}
