package io.tickmesh.model;

/**
 * A node has handed a shard over: it took a last checkpoint under {@code epoch}, made it durable and
 * stopped serving the shard. Published to every node, so the shard's next owner claims it at once rather
 * than after waiting for the hand-off to time out.
 */
public record ShardReleased(int shard, long epoch, String node) {
  /** Positive identity and a node name. */
  public ShardReleased {
    if (shard < 0 || epoch < 0 || node == null || node.isEmpty()) {
      throw new IllegalArgumentException("bad release notice of shard " + shard);
    }
  }
}
