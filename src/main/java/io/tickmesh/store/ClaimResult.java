package io.tickmesh.store;

/**
 * What a claim of one shard gives its new owner: the shard's new ownership epoch (every write under an
 * older one is refused from now on) and what to restore it from, read after the claim took effect.
 */
public record ClaimResult(long epoch, StoredShard restore) {
  /** The restore is the claimed shard's, under the claimed epoch. */
  public ClaimResult {
    if (restore == null || restore.epoch() != epoch) {
      throw new IllegalArgumentException("a claim at epoch " + epoch + " needs its restore at that epoch");
    }
  }
}
