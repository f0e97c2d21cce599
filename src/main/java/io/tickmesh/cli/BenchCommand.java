package io.tickmesh.cli;

import io.tickmesh.config.HostPort;
import io.tickmesh.model.BarInterval;
import io.tickmesh.shard.BarSettings;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickmesh bench --to HOST:PORT}: the load run. Generates (once) a seeded file of ticks, pushes it
 * through one TCP connection of a running node (or {@code --connections N}, each with its share of the
 * symbols), {@code --warmup} rounds and then {@code --rounds}
 * measured rounds, each timed from the first byte sent to the last ack; then, in the same JVM, times a
 * single-thread loop ({@link BenchBaseline}) over the very lines the node received, each pass after a
 * full GC. Run it with a fixed, pre-touched heap ({@code -Xms6g -Xmx6g -XX:+AlwaysPreTouch}): a heap
 * that grows again after each full GC costs whichever pass grows it seconds of page faults. Prints both rates,
 * their ratio and the command to reproduce on stdout; progress goes to stderr. Fails (exit 1) if the
 * node refuses a line or leaves one unacknowledged. With {@code --write-only} it only makes sure the file
 * exists (for a peer such as peers/flink, which reads the same file) and prints its path; no node needed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure a node's TCP feed against a single-thread baseline.")
final class BenchCommand implements Callable<Integer> {
  private static final int WINDOW = 200_000;
  private static final long RETRY_FOR_MS = 10_000;

  @Option(names = "--to", paramLabel = "HOST:PORT", converter = HostPortConverter.class, description = "The node's TCP feed, e.g. localhost:7070 (required unless --write-only).")
  HostPort to;

  @Option(names = "--write-only", description = "Only write (or reuse) the file and print its path; send nothing.")
  boolean writeOnly;

  @Option(names = "--ticks", defaultValue = "2000000", description = "Ticks in the file (default ${DEFAULT-VALUE}).")
  long ticks;

  @Option(names = "--symbols", defaultValue = "1000", description = "Symbols (default ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--file", paramLabel = "PATH", description = "The generated file (default target/bench/ticks-<symbols>-<ticks>-<seed>.jsonl).")
  Path file;

  @Option(names = "--run-id", paramLabel = "ID", description = "Prefix of each round's symbols, <ID>.<round>.<SYM>"
      + " (default: the start time), so a subscriber can know the addresses in advance.")
  String runId;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds of each path, after a warm-up (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--connections", defaultValue = "1", description = "TCP connections to the node, each a feed of its own"
      + " carrying the ticks of its share of the symbols (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--warmup", defaultValue = "1", description = "Warm-up rounds of the node path, not counted; the baseline warms up with one pass more (default ${DEFAULT-VALUE}).")
  int warmup;

  /** This JVM's CPU during the measured node rounds (the publisher's) and baseline passes. */
  private CpuUse publisherCpu = CpuUse.NONE;
  private CpuUse baselineCpu = CpuUse.NONE;

  @Override
  public Integer call() {
    if (ticks < 1 || ticks > 50_000_000 || symbols < 1 || symbols > 100_000 || rounds < 1 || rounds > 100 || warmup < 0 || warmup > 100
        || connections < 1 || connections > 64) {
      System.err.println("tickmesh bench: --ticks 1..50000000, --symbols 1..100000, --rounds 1..100, --warmup 0..100, --connections 1..64");
      return 2;
    }
    if (to == null && !writeOnly) {
      System.err.println("tickmesh bench: --to HOST:PORT is required (or --write-only to only write the file)");
      return 2;
    }
    Path input = file != null ? file : BenchFile.defaultPath(symbols, ticks, seed);
    if (writeOnly) {
      return writeOnly(input);
    }
    adviseFixedHeap();
    try {
      long t0 = System.nanoTime();
      boolean written = BenchFile.ensure(input, symbols, ticks, seed);
      List<byte[]> templates = BenchFile.read(input);
      progress("%s %s: %,d lines (%.1f s)", written ? "wrote" : "reusing", input, templates.size(), (System.nanoTime() - t0) / 1e9);
      String runId = this.runId != null ? this.runId : Long.toString(System.currentTimeMillis(), 36);
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

  /** Writes or reuses the file, prints its path on stdout; sends nothing. */
  private int writeOnly(Path input) {
    try {
      long t0 = System.nanoTime();
      boolean written = BenchFile.ensure(input, symbols, ticks, seed);
      progress("%s %s (%.1f s)", written ? "wrote" : "reusing", input, (System.nanoTime() - t0) / 1e9);
      System.out.println("file: " + input);
      return 0;
    } catch (Exception e) {
      System.err.println("tickmesh bench: " + e.getMessage());
      return 1;
    }
  }

  /** Rounds up to 0 warm up; rounds 1.. are measured. Keeps the bytes of round 1 in {@code received}. */
  private Rates nodeRounds(List<byte[]> templates, String runId, List<byte[]> received) throws Exception {
    List<Double> rates = new ArrayList<>();
    for (int round = 1 - warmup; round <= rounds; round++) {
      // Warm-up rounds count from 0 down: "w0", "w1" keep feeds and symbol prefixes distinct.
      String tag = round > 0 ? Integer.toString(round) : "w" + -round;
      String feed = "bench." + runId + "." + tag;
      List<BenchLines> shares = new ArrayList<>();
      List<List<byte[]>> split = BenchLines.bySymbol(templates, connections);
      for (int c = 0; c < connections; c++) {
        // each connection a feed of its own, with its share of the symbols: a symbol's ticks stay in order
        shares.add(BenchLines.of(split.get(c), connections == 1 ? feed : feed + ".c" + c, runId + "." + tag + "."));
      }
      if (round == 1) {
        shares.forEach(lines -> received.addAll(lines.bytes()));
      }
      long cpu0 = CpuUse.processCpuNanos();
      PublisherVerticle.Summary s = Publish.runAll(FeedAddresses.of(to), shares, 0, WINDOW / connections, RETRY_FOR_MS, false);
      long cpu = CpuUse.processCpuNanos() - cpu0;
      if (s.sent() != templates.size() || s.acked() != templates.size() || s.rejected() > 0 || s.resent() > 0) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "round %d (feed %s): sent %,d of %,d lines, %,d acknowledged, %,d refused, %,d resent%s",
            round, feed, s.sent(), templates.size(), s.acked(), s.rejected(), s.resent(),
            s.reasons().isEmpty() ? "" : "; first refusals: " + String.join(" | ", s.reasons())));
      }
      double rate = Rates.of(s.acked(), s.elapsedNanos());
      progress("node round %d%s: %,d ticks in %.2f s = %s ticks/s", round, round <= 0 ? " (warm-up)" : "",
          s.acked(), s.elapsedNanos() / 1e9, Rates.format(rate));
      if (round > 0) {
        rates.add(rate);
        publisherCpu = publisherCpu.plus(s.acked(), cpu, s.elapsedNanos());
      }
    }
    return new Rates(rates);
  }

  private Rates baselinePasses(BenchBaseline baseline, List<byte[]> lines, BenchBaseline.Pass[] last) throws Exception {
    List<Double> rates = new ArrayList<>();
    int warmups = warmup + 1; // the first pass also loads and interprets the classes: one more is cheap
    for (int pass = 1 - warmups; pass <= rounds; pass++) {
      // Every pass starts from the same heap: the previous pass's states are not collected on its time.
      System.gc();
      long gcMillis = gcMillis();
      long cpu0 = CpuUse.processCpuNanos();
      BenchBaseline.Pass p = baseline.run(lines);
      long cpu = CpuUse.processCpuNanos() - cpu0;
      double rate = Rates.of(p.ticks(), p.nanos());
      progress("baseline pass %d%s: %,d ticks in %.2f s = %s ticks/s, %,d bars, %,d ms in GC", pass, pass <= 0 ? " (warm-up)" : "",
          p.ticks(), p.nanos() / 1e9, Rates.format(rate), p.bars(), gcMillis() - gcMillis);
      if (pass > 0) {
        rates.add(rate);
        last[0] = p;
        baselineCpu = baselineCpu.plus(p.ticks(), cpu, p.nanos());
      }
    }
    return new Rates(rates);
  }

  static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** The node's default bar settings: 1s and 1m bars, no allowed lateness, 1 s grace. */
  static BarSettings nodeBarSettings() {
    return new BarSettings(List.of(BarInterval.parse("1s"), BarInterval.parse("1m")), 0, 1_000_000_000L, 1_000);
  }

  private void report(Path input, Rates node, Rates single, BenchBaseline.Pass pass) {
    String line = String.format(Locale.ROOT,
        "tickmesh bench: %,d ticks, %,d symbols, %d%% trades, seed %d; %d measured round(s) after %d warm-up round(s)%n"
            + "node TCP path (%d connection%s to %s:%d): %s%n"
            + "single-thread baseline (Jackson streaming + SymbolState): %s%n"
            + "ratio node / baseline (medians): %.2f%n"
            + "publisher (this JVM) in the measured node rounds, its Vert.x start and stop included: %s%n"
            + "baseline (this JVM) in the measured passes: %s%n"
            + "baseline bars closed per pass: %,d%n"
            + "file: %s%n"
            + "reproduce: java %s-jar target/tickmesh.jar bench --to %s:%d --ticks %d --symbols %d --seed %d --rounds %d --warmup %d"
            + " --connections %d%s%n",
        ticks, symbols, BenchFile.TRADE_PERCENT, seed, rounds, warmup,
        connections, connections == 1 ? "" : "s", to.host(), to.port(), node.describe(),
        single.describe(),
        node.median() / single.median(),
        publisherCpu.describe(),
        baselineCpu.describe(),
        pass.bars(),
        input,
        jvmOptions(), to.host(), to.port(), ticks, symbols, seed, rounds, warmup, connections, file != null ? " --file " + file : "");
    System.out.print(line);
  }

  /** The options this JVM was started with that shape the figures (heap, GC), each followed by a space. */
  static String jvmOptions() {
    StringBuilder sb = new StringBuilder();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-X") || arg.startsWith("-XX:")) {
        sb.append(arg).append(' ');
      }
    }
    return sb.toString();
  }

  /** A growing heap's page faults land on whichever pass grows it: say how to avoid that. */
  private static void adviseFixedHeap() {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    if (args.stream().noneMatch(a -> a.startsWith("-Xms")) || !args.contains("-XX:+AlwaysPreTouch")) {
      progress("note: for steady baseline passes run the bench JVM with a fixed, pre-touched heap:"
          + " java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -jar target/tickmesh.jar bench ...");
    }
  }

  private static void progress(String format, Object... args) {
    System.err.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
