package io.tickmesh.shard;

import io.tickmesh.model.Bar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The closed bars of one interval kept in memory for queries: the latest revision of each of the
 * {@code retain} bars with the latest starts. Bars may close out of start order (a trade can open a bar
 * older than bars already closed), so they are kept sorted by start rather than by closing time.
 */
final class BarHistory {
  private final int retain;
  private final TreeMap<Long, Bar> bars = new TreeMap<>();

  BarHistory(int retain) {
    this.retain = retain;
  }

  /** Keeps {@code bar}, replacing an earlier revision of it, and forgets the oldest beyond the limit. */
  void put(Bar bar) {
    bars.put(bar.start(), bar);
    if (bars.size() > retain) {
      bars.pollFirstEntry();
    }
  }

  /**
   * Oldest first: with {@code from}, the first {@code limit} bars with from <= start < to; without it,
   * the last {@code limit} bars with start < to. A null {@code to} means no upper bound.
   */
  List<Bar> query(Long from, Long to, int limit) {
    if (limit <= 0 || (from != null && to != null && from >= to)) {
      return List.of();
    }
    List<Bar> result = new ArrayList<>(Math.min(limit, bars.size()));
    if (from != null) {
      NavigableMap<Long, Bar> range =
          to == null ? bars.tailMap(from, true) : bars.subMap(from, true, to, false);
      for (Bar bar : range.values()) {
        if (result.size() == limit) {
          break;
        }
        result.add(bar);
      }
      return result;
    }
    NavigableMap<Long, Bar> range = to == null ? bars : bars.headMap(to, false);
    for (Bar bar : range.descendingMap().values()) {
      if (result.size() == limit) {
        break;
      }
      result.add(bar);
    }
    Collections.reverse(result);
    return result;
  }
}
