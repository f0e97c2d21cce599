package io.tickmesh.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class, as {@code jcmd <pid> GC.class_histogram} prints them (after the full
 * GC it forces): instances and bytes per class, and their totals.
 */
record ClassHistogram(Map<String, Row> rows, long totalBytes) {
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
  private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

  /** One class: its name, instances and bytes (or their growth, in a {@link #growth}). */
  record Row(String name, long instances, long bytes) {}

  ClassHistogram {
    rows = Map.copyOf(rows);
  }

  /** Reads jcmd's output; fails if it has no total line (jcmd printed an error instead). */
  static ClassHistogram parse(String text) {
    Map<String, Row> rows = new HashMap<>();
    long total = -1;
    for (String line : text.split("\n")) {
      Matcher row = ROW.matcher(line);
      Matcher sum = TOTAL.matcher(line);
      if (row.find()) {
        rows.merge(row.group(3), new Row(row.group(3), Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
            (a, b) -> new Row(a.name(), a.instances() + b.instances(), a.bytes() + b.bytes()));
      } else if (sum.find()) {
        total = Long.parseLong(sum.group(2));
      }
    }
    if (total < 0) {
      throw new IllegalArgumentException("not a class histogram: " + text.substring(0, Math.min(300, text.length())));
    }
    return new ClassHistogram(rows, total);
  }

  /** What grew from {@code before} to this one, by class, the most bytes first, at most {@code top} rows. */
  List<Row> growth(ClassHistogram before, int top) {
    List<Row> out = new ArrayList<>();
    for (Row now : rows.values()) {
      Row then = before.rows.get(now.name());
      long bytes = now.bytes() - (then == null ? 0 : then.bytes());
      if (bytes > 0) {
        out.add(new Row(now.name(), now.instances() - (then == null ? 0 : then.instances()), bytes));
      }
    }
    out.sort(Comparator.comparingLong(Row::bytes).reversed());
    return out.subList(0, Math.min(top, out.size()));
  }
}
