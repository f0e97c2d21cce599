package io.tickmesh.cli;

import io.tickmesh.model.BarInterval;
import io.tickmesh.shard.BarSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickmesh bench --to HOST:PORT}: the load run. Generates (once) a seeded file of ticks, pushes it
 * through one TCP connection of a running node, a warm-up round and then {@code --rounds} measured
 * rounds, each timed from the first byte sent to the last ack; then, in the same JVM, times a
 * single-thread loop ({@link BenchBaseline}) over the very lines the node received. Prints both rates,
 * their ratio and the command to reproduce on stdout; progress goes to stderr. Fails (exit 1) if the
 * node refuses a line or leaves one unacknowledged.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure a node's TCP feed against a single-thread baseline.")
final class BenchCommand implements Callable<Integer> {
  private static final int WINDOW = 200_000;
  private static final long RETRY_FOR_MS = 10_000;
  private static final int BASELINE_WARMUPS = 2;

  @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class, description = "The node's TCP feed, e.g. localhost:7070.")
  HostPort to;

  @Option(names = "--ticks", defaultValue = "2000000", description = "Ticks in the file (default ${DEFAULT-VALUE}).")
  long ticks;

  @Option(names = "--symbols", defaultValue = "1000", description = "Symbols (default ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--file", paramLabel = "PATH", description = "The generated file (default target/bench/ticks-<symbols>-<ticks>-<seed>.jsonl).")
  Path file;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds of each path, after a warm-up (default ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() {
    if (ticks < 1 || ticks > 50_000_000 || symbols < 1 || symbols > 100_000 || rounds < 1 || rounds > 100) {
      System.err.println("tickmesh bench: --ticks 1..50000000, --symbols 1..100000, --rounds 1..100");
      return 2;
    }
    Path input = file != null ? file : BenchFile.defaultPath(symbols, ticks, seed);
    try {
      long t0 = System.nanoTime();
      boolean written = BenchFile.ensure(input, symbols, ticks, seed);
      List<byte[]> templates = BenchFile.read(input);
      progress("%s %s: %,d lines (%.1f s)", written ? "wrote" : "reusing", input, templates.size(), (System.nanoTime() - t0) / 1e9);
      String runId = Long.toString(System.currentTimeMillis(), 36);
      List<byte[]> received = new ArrayList<>();
      Rates node = nodeRounds(templates, runId, received);
      BenchBaseline baseline = new BenchBaseline(nodeBarSettings());
      BenchBaseline.Pass[] passes = new BenchBaseline.Pass[1];
      Rates single = baselinePasses(baseline, received, passes);
      report(input, node, single, passes[0]);
      return 0;
    } catch (Exception e) {
      System.err.println("tickmesh bench: " + e.getMessage());
      return 1;
    }
  }

  /** Round 0 warms up; rounds 1.. are measured. Keeps the bytes of round 1 in {@code received}. */
  private Rates nodeRounds(List<byte[]> templates, String runId, List<byte[]> received) throws Exception {
    List<Double> rates = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      String feed = "bench." + runId + "." + round;
      BenchLines lines = BenchLines.of(templates, feed, runId + "." + round + ".");
      if (round == 1) {
        received.addAll(lines.bytes());
      }
      PublisherVerticle.Summary s = Publish.run(to, lines, 0, WINDOW, RETRY_FOR_MS, false);
      if (s.sent() != templates.size() || s.acked() != templates.size() || s.rejected() > 0 || s.resent() > 0) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "round %d (feed %s): sent %,d of %,d lines, %,d acknowledged, %,d refused, %,d resent%s",
            round, feed, s.sent(), templates.size(), s.acked(), s.rejected(), s.resent(),
            s.reasons().isEmpty() ? "" : "; first refusals: " + String.join(" | ", s.reasons())));
      }
      double rate = Rates.of(s.acked(), s.elapsedNanos());
      progress("node round %d%s: %,d ticks in %.2f s = %s ticks/s", round, round == 0 ? " (warm-up)" : "",
          s.acked(), s.elapsedNanos() / 1e9, Rates.format(rate));
      if (round > 0) {
        rates.add(rate);
      }
    }
    return new Rates(rates);
  }

  private Rates baselinePasses(BenchBaseline baseline, List<byte[]> lines, BenchBaseline.Pass[] last) throws Exception {
    List<Double> rates = new ArrayList<>();
    for (int pass = 1 - BASELINE_WARMUPS; pass <= rounds; pass++) {
      BenchBaseline.Pass p = baseline.run(lines);
      double rate = Rates.of(p.ticks(), p.nanos());
      progress("baseline pass %d%s: %,d ticks in %.2f s = %s ticks/s, %,d bars", pass, pass <= 0 ? " (warm-up)" : "",
          p.ticks(), p.nanos() / 1e9, Rates.format(rate), p.bars());
      if (pass > 0) {
        rates.add(rate);
        last[0] = p;
      }
    }
    return new Rates(rates);
  }

  /** The node's default bar settings: 1s and 1m bars, no allowed lateness, 1 s grace. */
  static BarSettings nodeBarSettings() {
    return new BarSettings(List.of(BarInterval.parse("1s"), BarInterval.parse("1m")), 0, 1_000_000_000L, 1_000);
  }

  private void report(Path input, Rates node, Rates single, BenchBaseline.Pass pass) {
    String line = String.format(Locale.ROOT,
        "tickmesh bench: %,d ticks, %,d symbols, %d%% trades, seed %d; %d measured rounds after a warm-up%n"
            + "node TCP path (1 connection to %s:%d): %s%n"
            + "single-thread baseline (Jackson streaming + SymbolState): %s%n"
            + "ratio node / baseline (medians): %.2f%n"
            + "baseline bars closed per pass: %,d%n"
            + "file: %s%n"
            + "reproduce: java -jar target/tickmesh.jar bench --to %s:%d --ticks %d --symbols %d --seed %d --rounds %d%s%n",
        ticks, symbols, BenchFile.TRADE_PERCENT, seed, rounds,
        to.host(), to.port(), node.describe(),
        single.describe(),
        node.median() / single.median(),
        pass.bars(),
        input,
        to.host(), to.port(), ticks, symbols, seed, rounds, file != null ? " --file " + file : "");
    System.out.print(line);
  }

  private static void progress(String format, Object... args) {
    System.err.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
