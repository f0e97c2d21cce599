package io.tickmesh.model;

import java.util.Map;

/**
 * A shard's state at one point of its input: every batch it answered with {@code checkpointId} or less
 * is in {@code state}. {@code epoch} is the shard's ownership epoch, the fencing token that lets the store
 * refuse a stale owner. The state bytes are handed over and never changed after.
 */
public record Checkpoint(
    int shard, long epoch, long checkpointId, byte[] state, Map<String, Long> feedSeqs, long takenAtNanos) {
  /** Checks the identity and keeps an unmodifiable copy of the feed seqs. */
  public Checkpoint {
    if (shard < 0 || epoch <= 0 || checkpointId <= 0 || state == null) {
      throw new IllegalArgumentException("bad checkpoint of shard " + shard);
    }
    feedSeqs = Map.copyOf(feedSeqs);
  }
}
