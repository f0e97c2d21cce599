package io.tickmesh.shard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry beyond {@code capacity}, so per-source and per-feed
 * bookkeeping in a shard cannot grow without bound over a long life with many short connections.
 * Not thread-safe: owned by one shard.
 */
final class BoundedLru<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;
  private final int capacity;

  BoundedLru(int capacity) {
    super(16, 0.75f, true);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
