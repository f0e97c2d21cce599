package io.tickmesh.model;

import java.util.List;

/**
 * What one shard published in one step (a batch, a timer), handed to its node's relay in a cluster, which
 * sends it on to the nodes whose subscribers want this shard's outputs. Stays on its node.
 */
public record ShardOutputs(int shard, List<Output> outputs) {
  /** One published message: its address and its body ({@link Published} or a reject's JSON). */
  public record Output(String address, Object body) {}

  /** Copies nothing: the shard hands over its list. */
  public ShardOutputs {
    if (outputs == null) {
      throw new IllegalArgumentException("outputs missing");
    }
  }
}
