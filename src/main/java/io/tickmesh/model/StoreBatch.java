package io.tickmesh.model;

import java.util.List;

/**
 * What a shard hands to the store after a batch or a timer: the trades it applied and the bars it
 * closed or revised, in order, under its ownership {@code epoch} (the fencing token: the store writes
 * them only while that epoch is the shard's current one). The lists are handed over and not touched
 * again by the shard.
 */
public record StoreBatch(int shard, long epoch, List<TradeTick> trades, List<Bar> bars) {
  /** A shard, an epoch of an owner (1 or more) and both lists. */
  public StoreBatch {
    if (shard < 0 || epoch <= 0 || trades == null || bars == null) {
      throw new IllegalArgumentException("bad store batch of shard " + shard + " at epoch " + epoch);
    }
  }

  /** Rows this batch adds to the writer's queue. */
  public int rows() {
    return trades.size() + bars.size();
  }
}
