package io.tickmesh.model;

import java.util.List;

/**
 * Checkpoints now durable in PostgreSQL, each with the ownership epoch that wrote it: what the feeds may
 * acknowledge to their publishers up to. Published by the store writer of the node that owns the shards,
 * to every node's feeds; it is repeated, so a notice lost on the way (a node failing) is made good.
 */
public record DurableCheckpoints(List<Durable> checkpoints) {
  /** Checkpoint {@code checkpointId} of {@code shard}, written under {@code epoch}. */
  public record Durable(int shard, long epoch, long checkpointId) {
    /** Positive identity. */
    public Durable {
      if (shard < 0 || epoch <= 0 || checkpointId <= 0) {
        throw new IllegalArgumentException("bad durable checkpoint of shard " + shard);
      }
    }
  }

  /** Copies the list. */
  public DurableCheckpoints {
    checkpoints = List.copyOf(checkpoints);
  }
}
