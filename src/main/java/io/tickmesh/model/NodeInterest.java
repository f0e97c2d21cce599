package io.tickmesh.model;

import java.util.BitSet;

/**
 * Which outputs a node's subscribers want, at the grain of shards: the shards owning a symbol one of its
 * bridge clients subscribes to, and whether any subscribes to {@code rejects}. Every node publishes its
 * interest to the others now and then; shard owners send a node the outputs of the shards it names.
 */
public record NodeInterest(String node, BitSet shards, boolean rejects) {
  /** Copies the set. */
  public NodeInterest {
    if (node == null || node.isEmpty()) {
      throw new IllegalArgumentException("an interest needs its node");
    }
    shards = (BitSet) shards.clone();
  }

  /** Whether the node wants the outputs of {@code shard}. */
  public boolean wants(int shard) {
    return shards.get(shard);
  }

  @Override
  public BitSet shards() {
    return (BitSet) shards.clone();
  }
}
