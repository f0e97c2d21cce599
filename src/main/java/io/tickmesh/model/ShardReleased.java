package io.tickmesh.model;

/**
 * A node has handed a shard over: it took a last checkpoint under {@code epoch}, made it durable and
 * stopped serving the shard. Published to every node, so the shard's next owner claims it at once rather
 * than after waiting for the hand-off to time out. {@code stoppedAtNanos} (wall clock, 0 if it never
 * served): when it stopped taking ticks, so the next owner can tell how long the shard served nowhere.
 * {@code to} and {@code toEpoch}: the node the hand-over gave the shard to in the ledger, under that epoch,
 * which it may take without a claim of its own ("" and 0: released to nobody in particular).
 */
public record ShardReleased(int shard, long epoch, String node, long stoppedAtNanos, String to, long toEpoch) {
  /** Positive identity and a node name; a node to give it to with an epoch after {@code epoch}, or none. */
  public ShardReleased {
    if (shard < 0 || epoch < 0 || node == null || node.isEmpty() || stoppedAtNanos < 0 || to == null
        || (to.isEmpty() ? toEpoch != 0 : toEpoch <= epoch)) {
      throw new IllegalArgumentException("bad release notice of shard " + shard);
    }
  }
}
