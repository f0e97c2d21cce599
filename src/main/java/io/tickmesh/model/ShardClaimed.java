package io.tickmesh.model;

/**
 * A node has claimed a shard under a new ownership epoch, and serves it: published to every node, so
 * feeds resend what waited on an older epoch and bridges renew their interest with the new owner.
 */
public record ShardClaimed(int shard, long epoch, String node) {
  /** Positive identity and a node name. */
  public ShardClaimed {
    if (shard < 0 || epoch <= 0 || node == null || node.isEmpty()) {
      throw new IllegalArgumentException("bad claim notice of shard " + shard);
    }
  }
}
