package io.tickmesh.shard;

import io.tickmesh.obs.LatencyHistogram;
import io.vertx.core.json.JsonObject;

/** Counters of one shard. Not thread-safe: owned by the shard's context. */
final class ShardCounters {
  /** Ingest-to-publish latency, one observation per applied tick (its batch's latency). */
  final LatencyHistogram latency = new LatencyHistogram();
  long lastLatencyNanos;
  long batches;
  long applied;
  long rejected;
  long late;
  long duplicates;
  long failed;
  /** Ticks sent again after the shard moved and skipped: the restored checkpoint held them already. */
  long resentSkipped;

  /** A batch of {@code applied} ticks was published {@code nanos} after its first tick was read. */
  void published(long nanos, int applied) {
    latency.record(nanos, applied);
    lastLatencyNanos = nanos;
  }

  JsonObject toJson(int symbols, ShardPublisher publisher) {
    return new JsonObject()
        .put("symbols", symbols)
        .put("batches", batches)
        .put("ticksApplied", applied)
        .put("ticksRejected", rejected)
        .put("late", late)
        .put("duplicates", duplicates)
        .put("failed", failed)
        .put("resentSkipped", resentSkipped)
        .put("barsClosed", publisher.barsClosed)
        .put("barRevisions", publisher.barRevisions)
        .put("lastLatencyMicros", lastLatencyNanos / 1_000)
        .put("latency", latency.toJson());
  }
}
