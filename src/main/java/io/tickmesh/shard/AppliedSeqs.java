package io.tickmesh.shard;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The highest seq a shard has handled per feed: a tick at or below it is a duplicate. Consecutive ticks
 * of a batch nearly always share a feed, so the last feed's entry is kept at hand and the map (bounded,
 * least recently used forgotten first) is consulted only when the feed changes.
 * Not thread-safe: owned by one shard.
 */
final class AppliedSeqs {
  private final Map<String, long[]> highest;
  private String lastFeed;
  private long[] lastEntry;

  AppliedSeqs(int maxFeeds) {
    this.highest = new BoundedLru<>(maxFeeds);
  }

  /** Records {@code seq} for {@code feed} and returns -1, or returns the higher seq already handled. */
  long record(String feed, long seq) {
    long[] entry = feed.equals(lastFeed) ? lastEntry : entryOf(feed);
    if (seq <= entry[0]) {
      return entry[0];
    }
    entry[0] = seq;
    return -1;
  }

  private long[] entryOf(String feed) {
    long[] entry = highest.computeIfAbsent(feed, f -> new long[1]);
    lastFeed = feed;
    lastEntry = entry;
    return entry;
  }

  /** Visits (feed, highest seq). */
  void forEach(BiConsumer<String, Long> visitor) {
    highest.forEach((feed, entry) -> visitor.accept(feed, entry[0]));
  }

  /** Forgets {@code feed} (one the node assigned, whose connection is closed and durable); true if it was known. */
  boolean forget(String feed) {
    if (feed.equals(lastFeed)) {
      lastFeed = null;
      lastEntry = null;
    }
    return highest.remove(feed) != null;
  }

  /** Restores the highest seq of {@code feed} (from a checkpoint). */
  void restore(String feed, long seq) {
    highest.put(feed, new long[] {seq});
  }
}
