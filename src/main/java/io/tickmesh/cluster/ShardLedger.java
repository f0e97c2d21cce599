package io.tickmesh.cluster;

import io.vertx.core.Future;

/**
 * Where shard ownership is decided for good: PostgreSQL's {@code shard_owners}, whose epoch fences every
 * write of a shard's output. Hazelcast only says who should own what; the ledger says who does.
 */
public interface ShardLedger {
  /** What a node claimed: the new epoch, and the last durable checkpoint to restore (0 and null: none). */
  record Claim(int shard, long epoch, long checkpointId, byte[] state) {}

  /** Claims {@code shard} for {@code node}: a new epoch, which fences every earlier owner's writes. */
  Future<Claim> claim(int shard, String node);

  /**
   * The shard a hand-over gave {@code node} under {@code epoch}, with its last checkpoint to restore, if
   * the ledger still says so (no write: the hand-over raised the epoch); null otherwise.
   */
  Future<Claim> adopt(int shard, String node, long epoch);

  /** The node that holds {@code shard} in the ledger now; null if none (released, or never claimed). */
  Future<String> holder(int shard);

  /** Marks {@code shard} released by {@code node} if {@code epoch} is still its epoch; else nothing. */
  Future<Void> release(int shard, long epoch, String node);
}
