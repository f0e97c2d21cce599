package io.tickmesh.store;

import java.util.Comparator;

/** A shard under one ownership epoch: the unit the store writes or refuses together. */
record ShardEpoch(int shard, long epoch) implements Comparable<ShardEpoch> {
  private static final Comparator<ShardEpoch> ORDER =
      Comparator.comparingInt(ShardEpoch::shard).thenComparingLong(ShardEpoch::epoch);

  @Override
  public int compareTo(ShardEpoch other) {
    return ORDER.compare(this, other);
  }
}
