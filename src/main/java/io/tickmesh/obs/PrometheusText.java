package io.tickmesh.obs;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes metric families in the Prometheus text format (version 0.0.4): each family once, its
 * {@code # HELP} and {@code # TYPE} lines first, then its samples. Values are passed as text, so exact
 * decimals stay exact.
 *
 * <p>Threading: not thread-safe; local to one scrape.
 */
public final class PrometheusText {
  private final StringBuilder out = new StringBuilder(4096);
  private final Set<String> families = new HashSet<>();

  /** Starts family {@code name} of {@code type} (counter, gauge, histogram); a second start is a bug. */
  @CanIgnoreReturnValue
  public PrometheusText family(String name, String type, String help) {
    if (!families.add(name)) {
      throw new IllegalStateException("metric family written twice: " + name);
    }
    out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** A sample without labels. */
  @CanIgnoreReturnValue
  public PrometheusText sample(String name, String value) {
    out.append(name).append(' ').append(value).append('\n');
    return this;
  }

  /** A sample with one label. */
  @CanIgnoreReturnValue
  public PrometheusText sample(String name, String label, String labelValue, String value) {
    out.append(name).append('{').append(label).append("=\"");
    escapeLabelValue(labelValue);
    out.append("\"} ").append(value).append('\n');
    return this;
  }

  /** A sample with two labels. */
  @CanIgnoreReturnValue
  public PrometheusText sample(String name, String label1, String value1, String label2, String value2, String value) {
    out.append(name).append('{').append(label1).append("=\"");
    escapeLabelValue(value1);
    out.append("\",").append(label2).append("=\"");
    escapeLabelValue(value2);
    out.append("\"} ").append(value).append('\n');
    return this;
  }

  private void escapeLabelValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
