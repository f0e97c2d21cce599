package io.tickmesh.cli;

import io.tickmesh.model.BarInterval;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickmesh bench-memory}: the heap an idle symbol costs a node. Starts a node JVM of its own
 * ({@code -Xmx<heap>}, no simulator, store off unless {@code --store}), takes its live heap after a full
 * GC before any symbol (the baseline of the run), sends {@code --trades} trades and one quote to each of
 * {@code --symbols} symbols over the TCP feed and waits for every ack (each tick applied) and for every bar
 * they make to close, then takes the live heap again. The ticks are stamped just before today's UTC
 * midnight, so the bars of every interval end together and close by the wall clock within about two
 * seconds: each symbol ends idle with its last trade, book, session and closed bars (revisable,
 * and in the history the shard keeps). Prints bytes per idle symbol, the node's heap limit, whether the
 * symbols fit, and the classes that grew most.
 */
@Command(name = "bench-memory", mixinStandardHelpOptions = true,
    description = "Measure the heap an idle symbol costs a node (a node JVM of its own, measured with jcmd).")
final class BenchMemoryCommand implements Callable<Integer> {
  private static final long SECOND = 1_000_000_000L;
  private static final long DAY = 86_400 * SECOND;

  @Option(names = "--symbols", defaultValue = "100000", description = "Symbols (default ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--heap", defaultValue = "1g", description = "The node's -Xmx (default ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--trades", defaultValue = "3", description = "Trades per symbol (default ${DEFAULT-VALUE}).")
  int trades;

  @Option(names = "--spacing-ms", defaultValue = "100", description = "Event time between a symbol's trades, the last one"
      + " that long before midnight: 100 puts them into one bar of each interval, 1000 into a 1s bar each (default ${DEFAULT-VALUE}).")
  long spacingMs;

  @Option(names = "--intervals", defaultValue = "1s,1m", description = "bars.intervals of the node (default ${DEFAULT-VALUE}).")
  String intervals;

  @Option(names = "--store", description = "Keep the store on (an embedded PostgreSQL in a temporary folder).")
  boolean store;

  @Option(names = "--top", defaultValue = "15", description = "Classes to show (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "More node config, as node --set (repeatable).")
  List<String> sets = List.of();

  @Override
  public Integer call() {
    if (symbols < 1 || symbols > 10_000_000 || trades < 1 || trades > 50 || spacingMs < 1 || spacingMs > 60_000 || top < 0) {
      System.err.println("tickmesh bench-memory: --symbols 1..10000000, --trades 1..50, --spacing-ms 1..60000, --top 0..");
      return 2;
    }
    try {
      long midnight = Math.floorDiv(System.currentTimeMillis() * 1_000_000L, DAY) * DAY;
      long expectedBars = (long) symbols * barsPerSymbol(midnight);
      Path dir = Files.createTempDirectory("tickmesh-bench-memory");
      List<String> nodeSets = new ArrayList<>(List.of("bars.intervals=" + intervals));
      if (!store) {
        nodeSets.add("store.enabled=false");
      }
      nodeSets.addAll(sets);
      progress("starting a node: -Xmx%s, %s (log: %s)", heap, String.join(" ", nodeSets), dir.resolve("node.log"));
      try (NodeJvm node = NodeJvm.start(dir, List.of("-Xmx" + heap), nodeSets)) {
        return measure(node, midnight, expectedBars);
      }
    } catch (Exception e) {
      System.err.println("tickmesh bench-memory: " + e.getMessage());
      return 1;
    }
  }

  private int measure(NodeJvm node, long midnight, long expectedBars) throws Exception {
    long usedBefore = node.heapUsedAfterGc();
    ClassHistogram before = node.histogram();
    progress("before any symbol: %,d bytes live, %,d bytes of heap used after a full GC", before.totalBytes(), usedBefore);
    long t0 = System.nanoTime();
    PublisherVerticle.Summary sent = Publish.run(FeedAddresses.of(node.feed()), new Lines(midnight), 0, 50_000, 10_000, false);
    long ticks = (long) symbols * (trades + 1);
    if (sent.acked() != ticks || sent.rejected() > 0) {
      throw new IllegalStateException(String.format(Locale.ROOT, "%,d of %,d ticks acknowledged, %,d refused%s", sent.acked(), ticks,
          sent.rejected(), sent.reasons().isEmpty() ? "" : ": " + String.join(" | ", sent.reasons())));
    }
    progress("%,d ticks applied in %.1f s; waiting for %,d bars to close", ticks, (System.nanoTime() - t0) / 1e9, expectedBars);
    JsonObject stats = awaitBars(node, expectedBars);
    long usedAfter = node.heapUsedAfterGc();
    ClassHistogram after = node.histogram();
    report(stats, before, after, usedBefore, usedAfter);
    return 0;
  }

  /** Polls the node's stats until {@code expected} bars closed (a deadline of two minutes past the wall-clock close). */
  private static JsonObject awaitBars(NodeJvm node, long expected) throws Exception {
    long deadline = System.nanoTime() + 120 * SECOND;
    while (true) {
      JsonObject stats = node.stats();
      if (stats.getLong("barsClosed") >= expected) {
        return stats;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + stats.getLong("barsClosed") + " of " + expected + " bars closed within 2 minutes");
      }
      Thread.sleep(200); // another process: its stats are what there is to poll
    }
  }

  private void report(JsonObject stats, ClassHistogram before, ClassHistogram after, long usedBefore, long usedAfter) {
    JsonObject jvm = stats.getJsonObject("jvm");
    long max = jvm.getLong("heapMaxBytes");
    double perSymbol = (after.totalBytes() - before.totalBytes()) / (double) symbols;
    double perSymbolUsed = (usedAfter - usedBefore) / (double) symbols;
    System.out.printf(Locale.ROOT, "tickmesh bench-memory: %,d idle symbols (%d trades %d ms apart and 1 quote each, intervals %s, store %s), %,d bars closed%n",
        symbols, trades, spacingMs, intervals, store ? "on" : "off", stats.getLong("barsClosed"));
    System.out.printf(Locale.ROOT, "live heap (class histogram, after a full GC): baseline before any symbol %,d bytes, after %,d bytes%n",
        before.totalBytes(), after.totalBytes());
    System.out.printf(Locale.ROOT, "bytes per idle symbol: %,.0f (heap used after GC.run: %,d -> %,d, %,.0f per symbol); goal <= 1,024%n",
        perSymbol, usedBefore, usedAfter, perSymbolUsed);
    long room = (long) ((max - before.totalBytes()) / Math.max(1.0, perSymbol));
    System.out.printf(Locale.ROOT, "node heap limit %,d bytes (-Xmx%s): %,d symbols %s, %,d MiB used of %,d MiB; about %,d idle symbols would fit%n",
        max, heap, symbols, usedAfter < max ? "fit" : "do NOT fit", usedAfter >> 20, max >> 20, room);
    System.out.printf("top classes grown (bytes, instances, bytes per symbol):%n");
    for (ClassHistogram.Row row : after.growth(before, top)) {
      System.out.printf(Locale.ROOT, "  %12d %10d %8.1f  %s%n", row.bytes(), row.instances(), row.bytes() / (double) symbols, row.name());
    }
    System.out.printf("reproduce: java -jar target/tickmesh.jar bench-memory --symbols %d --heap %s --trades %d --spacing-ms %d --intervals %s%s%s%n",
        symbols, heap, trades, spacingMs, intervals, store ? " --store" : "", sets.isEmpty() ? "" : " --set " + String.join(" --set ", sets));
  }

  /** Bars each symbol makes: its trades' distinct bars over all intervals. */
  private long barsPerSymbol(long midnight) {
    long count = 0;
    for (String text : intervals.split(",")) {
      BarInterval interval = BarInterval.parse(text.strip());
      Set<Long> starts = new HashSet<>();
      for (int k = 0; k < trades; k++) {
        starts.add(interval.startOf(tradeTs(midnight, k)));
      }
      count += starts.size();
    }
    return count;
  }

  /** Trade k of a symbol: {@code --spacing-ms} apart, the last one that long before midnight, where every bar ends. */
  private long tradeTs(long midnight, int k) {
    return midnight - (trades - k) * spacingMs * 1_000_000L;
  }

  /** Each symbol's trades, then its quote, symbol after symbol, made as the publisher asks for them. */
  private final class Lines implements LineSource {
    private final long midnight;
    private long seq;

    Lines(long midnight) {
      this.midnight = midnight;
    }

    @Override
    public OutLine next() {
      if (seq == (long) symbols * (trades + 1)) {
        return null;
      }
      seq++;
      long symbol = (seq - 1) / (trades + 1);
      int k = (int) ((seq - 1) % (trades + 1));
      String head = String.format(Locale.ROOT, "{\"feed\":\"mem\",\"seq\":%d,\"sym\":\"MEM%07d\",", seq, symbol);
      String body = k < trades
          ? String.format(Locale.ROOT, "\"ts\":%d,\"type\":\"trade\",\"px\":\"%d.%02d\",\"qty\":\"%d\"}", tradeTs(midnight, k),
              100 + symbol % 900, (seq * 7) % 100, 100 * (k + 1))
          : String.format(Locale.ROOT, "\"ts\":%d,\"type\":\"quote\",\"bid\":\"%d.00\",\"bidQty\":\"300\",\"ask\":\"%d.05\","
              + "\"askQty\":\"200\"}", tradeTs(midnight, trades - 1) + 1, 100 + symbol % 900, 100 + symbol % 900);
      return new OutLine("mem", seq, (head + body).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public long expected() {
      return (long) symbols * (trades + 1);
    }

    @Override
    public void close() {}
  }

  private static void progress(String format, Object... args) {
    System.err.println("bench-memory: " + String.format(Locale.ROOT, format, args));
  }
}
