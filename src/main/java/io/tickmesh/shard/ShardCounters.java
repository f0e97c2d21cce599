package io.tickmesh.shard;

import io.vertx.core.json.JsonObject;

/** Counters of one shard. Not thread-safe: owned by the shard's context. */
final class ShardCounters {
  long batches;
  long applied;
  long rejected;
  long late;
  long duplicates;
  long failed;

  JsonObject toJson(int symbols, ShardPublisher publisher) {
    return new JsonObject()
        .put("symbols", symbols)
        .put("batches", batches)
        .put("ticksApplied", applied)
        .put("ticksRejected", rejected)
        .put("late", late)
        .put("duplicates", duplicates)
        .put("failed", failed)
        .put("barsClosed", publisher.barsClosed)
        .put("barRevisions", publisher.barRevisions);
  }
}
