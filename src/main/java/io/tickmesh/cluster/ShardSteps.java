package io.tickmesh.cluster;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ownership steps of each shard (claim, hand-over, drop), run one after the other per shard and side
 * by side across shards: a step starts once every earlier step of its shard is done, whatever their
 * outcome, so two steps never act on one shard's deployment at once. Keeps how many steps of a shard are
 * under way and since when the running one runs, for the audit that looks for a step stuck. Not
 * thread-safe: owned by {@link ShardOwnershipVerticle}, called on its event loop.
 */
final class ShardSteps {
  private static final Logger LOG = LoggerFactory.getLogger(ShardSteps.class);

  /** Per shard, the end of its chain: completes once its last step is done, never failed. */
  private final Map<Integer, Future<Void>> tails = new HashMap<>();
  /** Per shard, how many steps are queued or running, and since when (nanoTime) the one running now. */
  private final Map<Integer, Integer> underWay = new HashMap<>();
  private final Map<Integer, Long> runningSince = new HashMap<>();

  /**
   * Runs {@code step} for {@code shard} once its earlier steps are done; a failure is logged with the
   * shard. Returns the end of the shard's chain with this step: it completes, never fails, once the step
   * is done.
   */
  Future<Void> after(int shard, Supplier<Future<Void>> step) {
    Future<Void> before = tails.getOrDefault(shard, Future.succeededFuture());
    if (underWay.merge(shard, 1, Integer::sum) == 1) {
      runningSince.put(shard, System.nanoTime());
    }
    Future<Void> next = before.transform(ar -> step.get())
        .onFailure(e -> LOG.atWarn().addKeyValue("shard", shard).log("ownership step for shard {} failed: {}", shard, e.getMessage()))
        .onComplete(ar -> {
          if (underWay.merge(shard, -1, Integer::sum) == 0) {
            underWay.remove(shard);
            runningSince.remove(shard);
          } else {
            runningSince.put(shard, System.nanoTime());
          }
        });
    Future<Void> tail = next.recover(e -> Future.succeededFuture());
    tails.put(shard, tail);
    return tail;
  }

  /** Since when (nanoTime) the step of {@code shard} running now runs; null when none is under way. */
  Long runningSince(int shard) {
    return runningSince.get(shard);
  }

  /** Every shard that has had a step here: those being taken or given up included. */
  Set<Integer> shards() {
    return Set.copyOf(tails.keySet());
  }
}
