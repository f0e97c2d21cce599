package io.tickmesh.shard;

/**
 * How a shard starts: its ownership epoch (the fencing token of its checkpoints) and, if the store holds
 * one, its last durable checkpoint to restore. Epoch 0 and no state: no store, start empty.
 */
public record ShardStart(long epoch, long lastCheckpointId, byte[] state) {
  /** A shard without a store. */
  public static ShardStart withoutStore() {
    return new ShardStart(0, 0, null);
  }
}
