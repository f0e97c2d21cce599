package io.tickmesh.store;

import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.StoreBatch;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shards whose rows the writer holds: each served provisionally under one epoch (a hand-off's state,
 * before the hand-over that gives it that epoch committed), since when. Only rows of that shard and that
 * epoch are held; rows of any other epoch are written (or fenced) as usual. Pure; not thread-safe (the
 * writer's context).
 */
final class WriteGates {
  /** A shard held under {@code epoch} since {@code sinceNanos} (nanoTime). */
  record Gate(int shard, long epoch, long sinceNanos) {}

  private final Map<Integer, Gate> held = new TreeMap<>();

  void hold(int shard, long epoch, long nowNanos) {
    held.put(shard, new Gate(shard, epoch, nowNanos));
  }

  /** Stops holding {@code shard} if it is held under {@code epoch} or an older one; answers whether it was. */
  boolean release(int shard, long epoch) {
    Gate gate = held.get(shard);
    return gate != null && gate.epoch() <= epoch && held.remove(shard) != null;
  }

  /** Whether {@code item} (a queued batch or checkpoint) must stay queued. */
  boolean holds(Object item) {
    if (held.isEmpty()) {
      return false;
    }
    Gate gate = item instanceof StoreBatch b ? held.get(b.shard()) : item instanceof Checkpoint c ? held.get(c.shard()) : null;
    long epoch = item instanceof StoreBatch b ? b.epoch() : item instanceof Checkpoint c ? c.epoch() : 0;
    return gate != null && gate.epoch() == epoch;
  }

  /** The gates held longer than {@code maxNanos} at {@code nowNanos}. */
  List<Gate> olderThan(long maxNanos, long nowNanos) {
    return held.values().stream().filter(g -> nowNanos - g.sinceNanos() > maxNanos).toList();
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  int size() {
    return held.size();
  }
}
