package io.tickmesh.feed;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Shard answers that wait for their checkpoint to be durable before their lines may be acknowledged to
 * the publisher: a node that dies before then restores an older checkpoint, and the publisher must
 * resend those lines. Per shard, answers arrive with growing checkpoint ids, so each shard's waits are a
 * queue. Threading: owned by one source's context.
 */
final class DurableWaits {
  private record Wait(long checkpointId, SegmentRuns runs) {}

  private final Map<Integer, ArrayDeque<Wait>> byShard = new HashMap<>();
  private int waiting;

  /** Keeps {@code runs} until checkpoint {@code checkpointId} of {@code shard} is durable. */
  void park(int shard, long checkpointId, SegmentRuns runs) {
    byShard.computeIfAbsent(shard, s -> new ArrayDeque<>()).addLast(new Wait(checkpointId, runs));
    waiting++;
  }

  /** Releases the runs covered by the durable checkpoints in {@code durable} ({shard: id}). */
  void durable(JsonObject durable, Consumer<SegmentRuns> release) {
    for (Map.Entry<String, Object> e : durable) {
      ArrayDeque<Wait> queue = byShard.get(Integer.valueOf(e.getKey()));
      long upTo = ((Number) e.getValue()).longValue();
      while (queue != null && !queue.isEmpty() && queue.peekFirst().checkpointId() <= upTo) {
        release.accept(queue.pollFirst().runs());
        waiting--;
      }
    }
  }

  /** Answers still waiting. */
  int waiting() {
    return waiting;
  }
}
