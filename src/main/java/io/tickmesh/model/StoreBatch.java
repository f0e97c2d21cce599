package io.tickmesh.model;

import java.util.List;

/**
 * What a shard hands to the store after a batch or a timer: the trades it applied and the bars it
 * closed or revised, in order. The lists are handed over and not touched again by the shard.
 */
public record StoreBatch(int shard, List<TradeTick> trades, List<Bar> bars) {
  /** Both lists present. */
  public StoreBatch {
    if (trades == null || bars == null) {
      throw new IllegalArgumentException("a store batch needs its lists");
    }
  }

  /** Rows this batch adds to the writer's queue. */
  public int rows() {
    return trades.size() + bars.size();
  }
}
