package io.tickmesh.shard;

import io.tickmesh.model.BarInterval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bar settings a snapshot's symbols were built with (one entry per distinct settings, so nearly
 * always one) and, on restore, how their intervals map onto the configured ones. Bars of an interval no
 * longer configured are dropped and counted; an interval the snapshot lacks starts empty. Intervals are
 * matched by length, as a bar depends on nothing else. Only intervals and allowed lateness are written:
 * grace and retention take effect from the configuration anyway, and lateness only to warn about it.
 */
final class IntervalMapping {
  private final BarSettings configured;
  private final List<BarInterval[]> intervals = new ArrayList<>(); // per entry, as in the snapshot
  private final List<int[]> targets = new ArrayList<>(); // per entry: configured index, or -1
  private final Map<BarInterval, long[]> dropped = new LinkedHashMap<>(); // bars dropped per interval
  private final List<BarInterval> added = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private IntervalMapping(BarSettings configured) {
    this.configured = configured;
  }

  /** Writes the table: per entry its intervals (label, length) and its allowed lateness. */
  static void write(List<BarSettings> table, SnapshotWriter out) {
    out.writeVarLong(table.size());
    for (BarSettings settings : table) {
      out.writeVarLong(settings.intervals().size());
      for (BarInterval interval : settings.intervals()) {
        out.writeString(interval.label());
        out.writeVarLong(interval.nanos());
      }
      out.writeVarLong(settings.allowedLatenessNanos());
    }
  }

  /** Reads the table and maps it onto {@code configured}. */
  static IntervalMapping read(SnapshotReader in, BarSettings configured) {
    IntervalMapping mapping = new IntervalMapping(configured);
    int entries = in.readCount("bar settings");
    for (int entry = 0; entry < entries; entry++) {
      int count = in.readCount("interval");
      List<BarInterval> list = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String label = in.readString("interval label");
        list.add(interval(in, label, in.readVarLong()));
      }
      long lateness = in.readBounded("allowed lateness", 0, Long.MAX_VALUE);
      checkSettings(in, list, lateness);
      mapping.add(list, lateness);
    }
    return mapping;
  }

  /** The intervals must be as a BarSettings holds them: sorted, distinct, nested. */
  private static void checkSettings(SnapshotReader in, List<BarInterval> list, long lateness) {
    try {
      var unused = new BarSettings(list, lateness, 0, 0);
    } catch (IllegalArgumentException e) {
      throw in.corrupt(e.getMessage());
    }
  }

  private static BarInterval interval(SnapshotReader in, String label, long nanos) {
    try {
      return new BarInterval(label, nanos);
    } catch (IllegalArgumentException e) {
      throw in.corrupt(e.getMessage());
    }
  }

  private void add(List<BarInterval> list, long lateness) {
    int[] target = new int[list.size()];
    for (int i = 0; i < target.length; i++) {
      target[i] = configuredIndex(list.get(i).nanos());
      if (target[i] < 0) {
        dropped.putIfAbsent(list.get(i), new long[1]);
      }
    }
    for (BarInterval interval : configured.intervals()) {
      if (list.stream().noneMatch(i -> i.nanos() == interval.nanos()) && !added.contains(interval)) {
        added.add(interval);
      }
    }
    if (lateness < configured.allowedLatenessNanos()) {
      warnings.add(
          "allowed lateness was raised from " + millis(lateness) + " to "
              + millis(configured.allowedLatenessNanos())
              + " since the snapshot: a trade now accepted may open again a bar that was already final");
    }
    intervals.add(list.toArray(new BarInterval[0]));
    targets.add(target);
  }

  private int configuredIndex(long nanos) {
    List<BarInterval> list = configured.intervals();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).nanos() == nanos) {
        return i;
      }
    }
    return -1;
  }

  private static String millis(long nanos) {
    return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + " ms";
  }

  int entries() {
    return intervals.size();
  }

  /** The intervals of {@code entry}, in the snapshot's order (the order of its bar sections). */
  BarInterval[] intervals(int entry) {
    return intervals.get(entry);
  }

  /** Index among the configured intervals of the {@code i}-th interval of {@code entry}, or -1. */
  int target(int entry, int i) {
    return targets.get(entry)[i];
  }

  /** Counts {@code bars} of {@code interval} (not configured) as dropped. */
  void dropped(BarInterval interval, long bars) {
    dropped.get(interval)[0] += bars;
  }

  List<BarInterval> droppedIntervals() {
    return List.copyOf(dropped.keySet());
  }

  long droppedBars() {
    return dropped.values().stream().mapToLong(count -> count[0]).sum();
  }

  List<BarInterval> addedIntervals() {
    return List.copyOf(added);
  }

  /** One sentence per change, for the log of whoever restores. */
  List<String> warnings() {
    List<String> all = new ArrayList<>();
    dropped.forEach(
        (interval, count) ->
            all.add("bar interval " + interval + " is in the snapshot but no longer configured: its "
                + count[0] + " open or revisable bars were dropped"));
    for (BarInterval interval : added) {
      all.add("bar interval " + interval + " is configured but not in the snapshot: its bars start"
          + " empty, without the trades applied before the snapshot");
    }
    all.addAll(warnings);
    return all;
  }
}
