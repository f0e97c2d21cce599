package io.tickmesh.shard;

/**
 * How a shard starts: the node that serves it, its ownership epoch (the fencing token of its writes,
 * named in every answer) and, if the store holds one, its last durable checkpoint to restore. Epoch 0 and
 * no state: no store, start empty.
 */
public record ShardStart(String node, long epoch, long lastCheckpointId, byte[] state) {
  /** A shard of {@code node} without a store. */
  public static ShardStart withoutStore(String node) {
    return new ShardStart(node, 0, 0, null);
  }
}
