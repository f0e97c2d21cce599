package io.tickmesh.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4), as a scraper sees it: every family has one
 * {@code # TYPE} line (and at most one {@code # HELP}, before it) and appears once; every sample belongs
 * to the family declared above it (histograms: {@code _bucket} with an {@code le} label, {@code _sum},
 * {@code _count}); no series repeats; values are numbers; histogram buckets ascend in {@code le}, are
 * cumulative and end with {@code +Inf} equal to {@code _count}. Any violation is an AssertionError
 * naming the line.
 */
public final class PrometheusScrape {
  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** One family: its type, help text and samples in order. */
  public record Family(String name, String type, String help, List<Sample> samples) {
    /** The value of the sample named {@code name} with exactly these labels. */
    public double value(String name, Map<String, String> labels) {
      return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
          .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in family " + this.name)).value();
    }
  }

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE = Pattern.compile("(" + NAME.pattern() + ")(\\{(.*)\\})?[ \\t]+(\\S+)([ \\t]+-?\\d+)?");
  private static final Pattern LABEL = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped", "info", "stateset", "gaugehistogram");

  private PrometheusScrape() {}

  /** Parses and checks {@code text}; the families by name, in the order they appear. */
  public static Map<String, Family> parse(String text) {
    Map<String, Family> families = new LinkedHashMap<>();
    Set<String> series = new HashSet<>();
    String pendingHelp = null;
    String pendingHelpName = null;
    Family current = null;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      String where = "line " + (n + 1) + ": " + line;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# HELP ")) {
        String[] parts = line.substring(7).split(" ", 2);
        check(NAME.matcher(parts[0]).matches(), "bad family name", where);
        check(!families.containsKey(parts[0]), "family declared twice", where);
        pendingHelpName = parts[0];
        pendingHelp = parts.length > 1 ? parts[1] : "";
      } else if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        check(parts.length == 2 && NAME.matcher(parts[0]).matches() && TYPES.contains(parts[1]), "bad TYPE line", where);
        check(!families.containsKey(parts[0]), "family declared twice", where);
        check(pendingHelpName == null || pendingHelpName.equals(parts[0]), "HELP of another family before TYPE", where);
        current = new Family(parts[0], parts[1], pendingHelp, new ArrayList<>());
        families.put(parts[0], current);
        pendingHelp = null;
        pendingHelpName = null;
      } else if (line.startsWith("#")) {
        continue; // a comment
      } else {
        check(current != null, "sample before any TYPE line", where);
        Sample sample = sample(line, where);
        check(belongs(current, sample.name()), "sample outside its family " + current.name(), where);
        check(series.add(sample.name() + new TreeMap<>(sample.labels())), "series repeated", where);
        current.samples().add(sample);
      }
    }
    families.values().stream().filter(f -> f.type().equals("histogram")).forEach(PrometheusScrape::checkHistogram);
    return families;
  }

  private static Sample sample(String line, String where) {
    Matcher m = SAMPLE.matcher(line);
    check(m.matches(), "not a sample line", where);
    Map<String, String> labels = new LinkedHashMap<>();
    if (m.group(3) != null && !m.group(3).isEmpty()) {
      Matcher l = LABEL.matcher(m.group(3));
      int end = 0;
      while (l.find() && l.start() == end) {
        check(labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\")) == null, "label repeated", where);
        end = l.end();
      }
      check(end == m.group(3).length(), "bad labels", where);
    }
    return new Sample(m.group(1), labels, number(m.group(4), where));
  }

  private static double number(String text, String where) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new AssertionError("not a number: " + where);
        }
    }
  }

  private static boolean belongs(Family family, String sample) {
    String f = family.name();
    return switch (family.type()) {
      case "histogram" -> sample.equals(f + "_bucket") || sample.equals(f + "_sum") || sample.equals(f + "_count") || sample.equals(f + "_created");
      case "summary" -> sample.equals(f) || sample.equals(f + "_sum") || sample.equals(f + "_count") || sample.equals(f + "_created");
      case "counter" -> sample.equals(f) || sample.equals(f + "_total") || sample.equals(f + "_created");
      default -> sample.equals(f);
    };
  }

  /** Per series (labels without le): le ascending to +Inf, counts cumulative, +Inf == _count, a _sum. */
  private static void checkHistogram(Family h) {
    Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
    for (Sample s : h.samples()) {
      if (s.name().endsWith("_bucket")) {
        check(s.labels().containsKey("le"), "bucket without le", h.name());
        Map<String, String> key = new TreeMap<>(s.labels());
        key.remove("le");
        buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
      }
    }
    check(!buckets.isEmpty(), "histogram without buckets", h.name());
    buckets.forEach((labels, list) -> {
      double lastLe = Double.NEGATIVE_INFINITY;
      double lastCount = 0;
      for (Sample b : list) {
        double le = number(b.labels().get("le"), h.name() + " le");
        check(le > lastLe, "le not ascending", h.name() + labels);
        check(b.value() >= lastCount, "buckets not cumulative", h.name() + labels);
        lastLe = le;
        lastCount = b.value();
      }
      check(lastLe == Double.POSITIVE_INFINITY, "no +Inf bucket", h.name() + labels);
      check(h.value(h.name() + "_count", labels) == lastCount, "+Inf bucket differs from _count", h.name() + labels);
      var unusedSum = h.value(h.name() + "_sum", labels); // present, or value() fails
    });
  }

  private static void check(boolean ok, String what, String where) {
    if (!ok) {
      throw new AssertionError(what + " (" + where + ")");
    }
  }
}
