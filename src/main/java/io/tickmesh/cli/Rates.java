package io.tickmesh.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rates of repeated measured rounds, in ticks per second: their median and range, for the bench report. */
record Rates(List<Double> perRound) {
  Rates {
    if (perRound.isEmpty()) {
      throw new IllegalArgumentException("no rounds measured");
    }
    perRound = List.copyOf(perRound);
  }

  /** The rate of {@code ticks} in {@code nanos}. */
  static double of(long ticks, long nanos) {
    return ticks * 1e9 / Math.max(1, nanos);
  }

  double median() {
    List<Double> sorted = sorted();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double min() {
    return sorted().get(0);
  }

  double max() {
    return sorted().get(perRound.size() - 1);
  }

  /** {@code median 212,345 ticks/s (range 205,001 .. 220,100; rounds 212,345 205,001 220,100)}. */
  String describe() {
    StringBuilder rounds = new StringBuilder();
    for (double rate : perRound) {
      rounds.append(rounds.length() == 0 ? "" : " ").append(format(rate));
    }
    return "median " + format(median()) + " ticks/s (range " + format(min()) + " .. " + format(max())
        + "; rounds " + rounds + ")";
  }

  static String format(double rate) {
    return String.format(Locale.ROOT, "%,.0f", rate);
  }

  private List<Double> sorted() {
    List<Double> sorted = new ArrayList<>(perRound);
    sorted.sort(null);
    return sorted;
  }
}
