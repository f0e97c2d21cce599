package io.tickmesh.shard;

import io.tickmesh.model.BarInterval;
import java.util.List;

/**
 * How a shard builds bars: the intervals (finest first), how far behind the highest trade timestamp a
 * trade may still arrive and be accepted ({@code allowedLatenessNanos}), how long after the last trade the
 * wall clock starts to close bars of a quiet symbol ({@code graceNanos}), and how many closed bars per
 * interval stay in memory for queries ({@code retain}).
 *
 * <p>Every interval must be a whole multiple of the finest one: lateness is decided on the finest bar,
 * and only nested bars guarantee that a trade accepted there still fits an open or revisable bar of every
 * other interval, so all intervals are built from the same set of trades.
 */
public record BarSettings(
    List<BarInterval> intervals, long allowedLatenessNanos, long graceNanos, int retain) {
  /** Copies the list and fails fast, naming the offending value. */
  public BarSettings {
    if (intervals == null || intervals.isEmpty()) {
      throw new IllegalArgumentException("bar settings need at least one interval");
    }
    intervals = List.copyOf(intervals);
    BarInterval finest = intervals.get(0);
    for (int i = 1; i < intervals.size(); i++) {
      BarInterval interval = intervals.get(i);
      if (interval.nanos() <= intervals.get(i - 1).nanos()) {
        throw new IllegalArgumentException(
            "bar intervals must be sorted finest first without repeats: " + intervals);
      }
      if (interval.nanos() % finest.nanos() != 0) {
        throw new IllegalArgumentException(
            "bar interval " + interval + " is not a whole multiple of the finest interval " + finest);
      }
    }
    if (allowedLatenessNanos < 0 || graceNanos < 0) {
      throw new IllegalArgumentException(
          "allowed lateness and grace must not be negative: "
              + allowedLatenessNanos
              + " ns, "
              + graceNanos
              + " ns");
    }
    if (retain < 0) {
      throw new IllegalArgumentException("retained bar count must not be negative: " + retain);
    }
  }

  /** The finest interval, the one lateness is decided on. */
  public BarInterval finest() {
    return intervals.get(0);
  }
}
