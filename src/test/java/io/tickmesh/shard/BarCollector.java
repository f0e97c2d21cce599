package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Bar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects emitted bars and checks as they come that each bar's revisions count up from 0 by one; keeps
 * every emission and the latest revision of each bar.
 */
final class BarCollector implements Consumer<Bar> {
  /** A bar's identity across revisions. */
  record Key(String symbol, long intervalNanos, long start) {}

  private final List<Bar> emitted = new ArrayList<>();
  private final Map<Key, Bar> latest = new LinkedHashMap<>();

  @Override
  public void accept(Bar bar) {
    Key key = new Key(bar.symbol(), bar.interval().nanos(), bar.start());
    Bar previous = latest.get(key);
    assertThat(bar.revision())
        .as("revision of %s", bar)
        .isEqualTo(previous == null ? 0 : previous.revision() + 1);
    latest.put(key, bar);
    emitted.add(bar);
  }

  /** Every bar emitted, in order; clears the list. */
  List<Bar> drain() {
    List<Bar> result = List.copyOf(emitted);
    emitted.clear();
    return result;
  }

  /** The latest revision of each bar, by (interval, start). */
  List<Bar> latest() {
    return latest.values().stream()
        .sorted(
            Comparator.comparingLong((Bar b) -> b.interval().nanos()).thenComparingLong(Bar::start))
        .toList();
  }
}
