package io.tickmesh.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which checkpoint of each shard the store has made durable, and the waits of hand-overs for one: a
 * hand-over whose last flush only stored its checkpoint (no hand-over transaction) gives the shard up once
 * that checkpoint is durable. Fed with the store's {@code tm.store.durable} notices of the epochs this node
 * serves. Not thread-safe: owned by {@link ShardOwnershipVerticle}, called on its event loop (the waits'
 * timers run on its context).
 */
final class DurableWaits {
  private final Map<Integer, Long> upTo = new HashMap<>();
  private final Map<Integer, List<Promise<Void>>> waits = new HashMap<>();

  /**
   * Completes once checkpoint {@code checkpointId} of {@code shard} (or a later one) is durable; fails
   * after {@code timeoutMs} without news of it (a notice of an earlier checkpoint starts the wait again).
   */
  Future<Void> upTo(int shard, long checkpointId, long timeoutMs) {
    if (upTo.getOrDefault(shard, 0L) >= checkpointId) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    waits.computeIfAbsent(shard, s -> new ArrayList<>()).add(done);
    return done.future().timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .compose(v -> upTo(shard, checkpointId, timeoutMs));
  }

  /** Checkpoint {@code checkpointId} of {@code shard} is durable: the shard's waits look again. */
  void durable(int shard, long checkpointId) {
    upTo.merge(shard, checkpointId, Math::max);
    List<Promise<Void>> waiting = waits.remove(shard);
    if (waiting != null) {
      waiting.forEach(Promise::tryComplete);
    }
  }
}
