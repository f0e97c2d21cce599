package io.tickmesh.model;

/**
 * The store refused a write of {@code shard} under ownership {@code epoch}: another claim raised the
 * shard's epoch (or its owner released it), so whatever this node still holds of the shard at that
 * epoch is stale. Terminal: the store drops every later row of the shard at that epoch, and the shard
 * must stop at once.
 */
public record ShardFenced(int shard, long epoch) {
  /** A shard and an epoch of an owner (1 or more). */
  public ShardFenced {
    if (shard < 0 || epoch <= 0) {
      throw new IllegalArgumentException("bad fenced shard " + shard + " at epoch " + epoch);
    }
  }
}
