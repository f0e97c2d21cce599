package io.tickmesh.store;

import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.StoreBatch;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What waits to be written, in arrival order, with its row count. {@link #take} cuts the next flush at
 * a whole item, so a checkpoint is never written before what came ahead of it. Not thread-safe.
 */
final class StoreQueue {
  private final ArrayDeque<Object> items = new ArrayDeque<>();
  /** Rows queued per shard, kept with every change: a hand-over asks often, and the queue may be long. */
  private final Map<Integer, Integer> rowsByShard = new HashMap<>();
  private final boolean storeTrades;
  private int rows;

  StoreQueue(boolean storeTrades) {
    this.storeTrades = storeTrades;
  }

  void add(StoreBatch batch) {
    items.addLast(batch);
    rows += batch.rows();
    rowsByShard.merge(batch.shard(), batch.rows(), Integer::sum);
  }

  void add(Checkpoint checkpoint) {
    items.addLast(checkpoint);
    rows++;
    rowsByShard.merge(checkpoint.shard(), 1, Integer::sum);
  }

  void add(FeedPositions positions) {
    items.addLast(positions);
    rows++;
  }

  void add(JsonObject reject) {
    items.addLast(reject);
    rows++;
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  int rows() {
    return rows;
  }

  /** Removes whole items from the head up to about {@code maxRows} rows (at least one item). */
  Flush take(int maxRows) {
    Flush flush = new Flush(storeTrades);
    int taken = 0;
    while (!items.isEmpty() && (taken == 0 || taken + size(items.peekFirst()) <= maxRows)) {
      Object item = items.pollFirst();
      taken += size(item);
      add(flush, item);
    }
    return flush;
  }

  /**
   * As {@link #take(int)}, passing over the batches and checkpoints of {@code skipped} (shards being handed
   * over, whose rows go in flushes of their own); empty when only theirs are queued.
   */
  Flush take(int maxRows, Set<Integer> skipped) {
    return skipped.isEmpty() ? take(maxRows) : take(maxRows, item -> shardOf(item) < 0 || !skipped.contains(shardOf(item)));
  }

  /**
   * As {@link #take(int, Set)}, passing over also the items {@code held} holds (rows of shards served
   * provisionally): they stay queued, and {@link #heldRows} counts them.
   */
  Flush take(int maxRows, Set<Integer> skipped, WriteGates held) {
    if (held.isEmpty()) {
      return take(maxRows, skipped);
    }
    return take(maxRows, item -> !held.holds(item) && (shardOf(item) < 0 || !skipped.contains(shardOf(item))));
  }

  /** The rows of the items {@code held} holds. */
  int heldRows(WriteGates held) {
    return held.isEmpty() ? 0 : items.stream().filter(held::holds).mapToInt(StoreQueue::size).sum();
  }

  /** Removes the items {@code taken} accepts, oldest first, up to about {@code maxRows} rows (at least one item). */
  private Flush take(int maxRows, java.util.function.Predicate<Object> taken) {
    Flush flush = new Flush(storeTrades);
    int rowsTaken = 0;
    for (var it = items.iterator(); it.hasNext(); ) {
      Object item = it.next();
      if (!taken.test(item)) {
        continue;
      }
      if (rowsTaken > 0 && rowsTaken + size(item) > maxRows) {
        break;
      }
      it.remove();
      rowsTaken += size(item);
      add(flush, item);
    }
    return flush;
  }

  private void add(Flush flush, Object item) {
    removed(item);
    if (item instanceof StoreBatch b) {
      flush.batch(b);
    } else if (item instanceof Checkpoint c) {
      flush.checkpoint(c);
    } else if (item instanceof FeedPositions p) {
      flush.positions(p);
    } else {
      flush.reject((JsonObject) item);
    }
  }

  /** The shard of a batch or checkpoint; -1 for feed positions and rejects, which belong to no shard. */
  private static int shardOf(Object item) {
    return item instanceof StoreBatch b ? b.shard() : item instanceof Checkpoint c ? c.shard() : -1;
  }

  /**
   * Removes every batch and checkpoint of {@code shards}, in their order, into one flush, ahead of the
   * rest: a hand-over's last checkpoint is written next instead of behind the other shards' backlog.
   * Order matters only within a shard (a checkpoint after the rows it covers), and that order is kept;
   * feed positions and rejects stay where they are, so they are written no earlier than before.
   */
  Flush takeShards(Set<Integer> shards) {
    return takeShards(shards, Integer.MAX_VALUE);
  }

  /** As {@link #takeShards(Set)}, up to about {@code maxRows} rows (at least one item), the oldest first. */
  Flush takeShards(Set<Integer> shards, int maxRows) {
    if (shards.stream().allMatch(s -> rowsOf(s) == 0)) {
      return new Flush(storeTrades); // nothing of theirs: no need to look through the queue
    }
    return take(maxRows, item -> shardOf(item) >= 0 && shards.contains(shardOf(item)));
  }

  /** The rows queued of {@code shard}. */
  int rowsOf(int shard) {
    return rowsByShard.getOrDefault(shard, 0);
  }

  /**
   * Removes the batches and checkpoints of {@code shard} made under {@code epoch} or an older one: the
   * shard was fenced at that epoch, and none of them may be written. Answers the rows removed.
   */
  int drop(int shard, long epoch) {
    int before = rows;
    items.removeIf(item -> {
      boolean stale = item instanceof StoreBatch b ? b.shard() == shard && b.epoch() <= epoch
          : item instanceof Checkpoint c && c.shard() == shard && c.epoch() <= epoch;
      if (stale) {
        removed(item);
      }
      return stale;
    });
    return before - rows;
  }

  private void removed(Object item) {
    rows -= size(item);
    int shard = shardOf(item);
    if (shard >= 0) {
      rowsByShard.computeIfPresent(shard, (s, n) -> n == size(item) ? null : n - size(item));
    }
  }

  private static int size(Object item) {
    return item instanceof StoreBatch b ? b.rows() : 1;
  }
}
