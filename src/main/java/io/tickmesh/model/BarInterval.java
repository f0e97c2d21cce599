package io.tickmesh.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bar length such as {@code 1s}, {@code 1m}, {@code 5m}, {@code 1h} or {@code 1d}. Bars cover
 * [start, start + length) in UTC, aligned to the epoch.
 */
public record BarInterval(String label, long nanos) implements Comparable<BarInterval> {
  private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,4})(ms|s|m|h|d)");
  private static final long DAY = 86_400_000_000_000L;

  /** Validates the length: positive and at most one day. */
  public BarInterval {
    if (nanos <= 0 || nanos > DAY) {
      throw new IllegalArgumentException("interval must be between 1ms and 1d: " + label);
    }
  }

  /** Parses {@code <n><unit>} with unit ms, s, m, h or d; throws with the offending text. */
  public static BarInterval parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad interval '" + text + "': expected a number and a unit (ms, s, m, h, d), like 1s or 5m");
    }
    long n = Long.parseLong(m.group(1));
    long unit =
        switch (m.group(2)) {
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          case "h" -> 3_600_000_000_000L;
          default -> DAY;
        };
    return new BarInterval(m.group(1) + m.group(2), n * unit);
  }

  /** Start of the bar of this interval that contains {@code ts}. */
  public long startOf(long ts) {
    return Math.floorDiv(ts, nanos) * nanos;
  }

  @Override
  public int compareTo(BarInterval o) {
    return Long.compare(nanos, o.nanos);
  }

  @Override
  public String toString() {
    return label;
  }
}
