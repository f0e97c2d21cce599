package io.tickmesh.model;

/**
 * Why a shard's consumer did not take a batch at all (nothing of it was applied), carried as the failure
 * code of the reply: the sender routes the batch again. {@code EPOCH_MOVED}: the shard has a later
 * ownership epoch than the batch knows, so the sender must first resend what it sent under the old one;
 * {@code NOT_OWNER}: this node no longer (or not yet) owns the shard.
 */
public enum BatchRefusal {
  /** The shard's epoch is not the one the batch knows; the message is the shard's epoch. */
  EPOCH_MOVED(409),
  /** This node does not own the shard (any more, or yet). */
  NOT_OWNER(421);

  /** The reply's failure code. */
  public final int code;

  BatchRefusal(int code) {
    this.code = code;
  }

  /** The refusal with this failure code, or null. */
  public static BatchRefusal of(int code) {
    for (BatchRefusal r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return null;
  }
}
