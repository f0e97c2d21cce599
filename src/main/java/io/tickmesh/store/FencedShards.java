package io.tickmesh.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the writer knows of fenced shards: per shard the highest epoch PostgreSQL refused (every epoch up
 * to it is stale, since epochs only grow), and the counts for its stats. A fence is terminal: rows of a
 * fenced epoch are dropped, never retried. Pure; not thread-safe (the writer's context).
 */
final class FencedShards {
  private final Map<Integer, Long> fencedUpTo = new HashMap<>();
  private long rows;
  private long fences;

  /** Whether rows of {@code shard} made under {@code epoch} are refused without asking PostgreSQL. */
  boolean refuses(int shard, long epoch) {
    return epoch <= fencedUpTo.getOrDefault(shard, 0L);
  }

  /** Refuses rows of {@code shard} under {@code epoch} or an older one from now on (a provisional epoch discarded). */
  void refuse(int shard, long epoch) {
    fencedUpTo.merge(shard, epoch, Math::max);
  }

  /** Counts {@code n} rows dropped by the writer itself: refused on arrival or removed from its queue. */
  void dropped(int n) {
    rows += n;
  }

  /**
   * Counts the rows PostgreSQL refused, and answers the writes that fence a shard epoch for the first
   * time (one per shard and epoch, in shard and epoch order): the shard is told and the log says so once.
   */
  List<FencedWrite> record(List<FencedWrite> refused) {
    List<FencedWrite> sorted = new ArrayList<>(refused);
    sorted.sort(Comparator.comparingInt(FencedWrite::shard).thenComparingLong(FencedWrite::epoch));
    List<FencedWrite> first = new ArrayList<>();
    for (FencedWrite w : sorted) {
      rows += w.rows();
      if (!refuses(w.shard(), w.epoch())) {
        fencedUpTo.put(w.shard(), w.epoch());
        fences++;
        first.add(w);
      }
    }
    return first;
  }

  /** Rows refused in all: trades, bars and checkpoints of fenced epochs. */
  long rows() {
    return rows;
  }

  /** Shard epochs fenced: one per notice. */
  long fences() {
    return fences;
  }
}
