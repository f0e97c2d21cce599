package io.tickmesh.cli;

import io.tickmesh.app.TickmeshNode;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.feed.MemoryFeedVerticle;
import io.tickmesh.feed.RandomWalk;
import io.tickmesh.model.Tick;
import io.tickmesh.obs.MeteredVertx;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickmesh bench-inproc}: the in-process path alone, against the plain loop over the same ticks.
 * Builds the ticks of {@code bench}'s file once, as records (the same seeded walk, 30% trades, from the
 * same past start, no JSON), spread over a busy minute of event time by default. Each round starts a node in this JVM (store off, no simulator, a fresh one
 * each round) and routes the ticks from a {@link MemoryFeedVerticle}, as the simulator and the ITCH feed
 * route theirs: batches per shard into the shards' addresses, delivered locally, applied and published by
 * the real shard verticles; timed from the first tick routed to the last answered. Then, in the same
 * round, one thread applies the same records to fresh {@code SymbolState}s ({@link BenchBaseline}): the
 * physical limit. Prints both rates per round, their medians and ratio.
 */
@Command(name = "bench-inproc", mixinStandardHelpOptions = true,
    description = "Measure ticks routed in-process through a node's shards against a plain single-thread loop.")
final class BenchInprocCommand implements Callable<Integer> {
  @Option(names = "--ticks", defaultValue = "20000000", description = "Ticks (default ${DEFAULT-VALUE}).")
  int ticks;

  @Option(names = "--symbols", defaultValue = "1000", description = "Symbols (default ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--span-seconds", defaultValue = "60", description = "Event time the ticks cover, evenly spaced from"
      + " bench's session start (default ${DEFAULT-VALUE}: a busy minute; 23400 is bench's 6.5-hour session).")
  long spanSeconds;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds of each path, after one warm-up (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--shards", defaultValue = "64", description = "Shards of the node (default ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--batch", defaultValue = "512", description = "Most ticks in a batch to a shard, feed.batchSize (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--chunk", defaultValue = "4096", description = "Ticks the feed routes per turn of its event loop (default ${DEFAULT-VALUE}).")
  int chunk;

  @Override
  public Integer call() {
    if (ticks < 1_000 || ticks > 100_000_000 || symbols < 1 || symbols > 100_000 || rounds < 1 || rounds > 20
        || shards < 1 || shards > 4096 || batch < 1 || batch > 65_536 || chunk < 1 || chunk > 1_000_000 || spanSeconds < 1 || spanSeconds > 86_400) {
      System.err.println("tickmesh bench-inproc: --ticks 1000..100000000, --symbols 1..100000, --rounds 1..20, --shards 1..4096,"
          + " --batch 1..65536, --chunk 1..1000000, --span-seconds 1..86400");
      return 2;
    }
    try {
      long t0 = System.nanoTime();
      List<Tick> input = build();
      progress("built %,d ticks of %,d symbols in %.1f s", input.size(), symbols, (System.nanoTime() - t0) / 1e9);
      BenchBaseline baseline = new BenchBaseline(BenchCommand.nodeBarSettings());
      List<Double> node = new ArrayList<>();
      List<Double> loop = new ArrayList<>();
      List<Double> nodeBytes = new ArrayList<>();
      List<Double> loopBytes = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) {
        String tag = round == 0 ? "warm-up" : "round " + round;
        Round n = nodeRound(input, tag);
        Round l = loopPass(baseline, input, tag);
        if (round > 0) {
          node.add(n.rate());
          loop.add(l.rate());
          nodeBytes.add(n.bytesPerTick());
          loopBytes.add(l.bytesPerTick());
          System.out.printf(Locale.ROOT, "round %d: in-process %s ticks/s, plain loop %s ticks/s, ratio %.2f%n", round,
              Rates.format(n.rate()), Rates.format(l.rate()), n.rate() / l.rate());
        }
      }
      report(new Rates(node), new Rates(loop), new Rates(nodeBytes).median(), new Rates(loopBytes).median());
      return 0;
    } catch (Exception e) {
      System.err.println("tickmesh bench-inproc: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The ticks of {@code bench}'s file with these parameters (its walk and start), as records of one feed,
   * spread over {@code --span-seconds} of event time.
   */
  private List<Tick> build() {
    RandomWalk walk = new RandomWalk(symbols, seed, "inproc." + seed, BenchFile.TRADE_PERCENT);
    long step = spanSeconds * 1_000_000_000L / ticks;
    List<Tick> out = new ArrayList<>(ticks);
    for (int i = 0; i < ticks; i++) {
      out.add(walk.next(BenchFile.START_NANOS + i * step));
    }
    return out;
  }

  /** A round's rate, in ticks a second, and the bytes it allocated per tick (every thread). */
  private record Round(double rate, double bytesPerTick) {}

  /** One node's in-process path over {@code input}, a fresh node after a full GC. */
  private Round nodeRound(List<Tick> input, String tag) throws Exception {
    TickmeshConfig config = TickmeshConfig.of(Map.of("node.host", "127.0.0.1", "http.port", 0, "feed.tcp.port", 0,
        "bridge.tcp.port", 0, "sim.enabled", false, "store.enabled", false, "shards.count", shards, "feed.batchSize", batch));
    System.gc();
    MeteredVertx metered = MeteredVertx.create(config.node().nativeTransport(), config.node().eventLoopThreads());
    try {
      TickmeshNode node = TickmeshNode.start(metered, config).await(60, TimeUnit.SECONDS);
      MemoryFeedVerticle feed = new MemoryFeedVerticle(config, "inproc", input, chunk);
      long gc = BenchCommand.gcMillis();
      long allocated = allocatedBytes();
      var id = metered.vertx().deployVerticle(feed).await(60, TimeUnit.SECONDS);
      MemoryFeedVerticle.Outcome o = feed.done().await(10, TimeUnit.MINUTES);
      long gcSpent = BenchCommand.gcMillis() - gc;
      allocated = allocatedBytes() - allocated;
      if (o.applied() != input.size() || o.rejected() != 0) {
        throw new IllegalStateException(String.format(Locale.ROOT, "%s: %,d of %,d ticks applied, %,d refused", tag, o.applied(),
            input.size(), o.rejected()));
      }
      double rate = Rates.of(o.applied(), o.nanos());
      progress("%s, in-process: %,d ticks in %.2f s = %s ticks/s, %,d ms in GC, %,.1f bytes allocated per tick", tag, o.applied(),
          o.nanos() / 1e9, Rates.format(rate), gcSpent, (double) allocated / o.applied());
      var undeployed = metered.vertx().undeploy(id).await(60, TimeUnit.SECONDS);
      var stopped = node.stop().await(60, TimeUnit.SECONDS);
      return new Round(rate, (double) allocated / o.applied());
    } finally {
      var closed = metered.vertx().close().await(30, TimeUnit.SECONDS);
    }
  }

  /** One thread applying {@code input} to fresh states, after a full GC. */
  private static Round loopPass(BenchBaseline baseline, List<Tick> input, String tag) throws Exception {
    System.gc();
    long gc = BenchCommand.gcMillis();
    long allocated = allocatedBytes();
    BenchBaseline.Pass p = baseline.apply(input);
    allocated = allocatedBytes() - allocated;
    double rate = Rates.of(p.ticks(), p.nanos());
    progress("%s, plain loop: %,d ticks in %.2f s = %s ticks/s, %,d bars, %,d ms in GC, %,.1f bytes allocated per tick", tag, p.ticks(),
        p.nanos() / 1e9, Rates.format(rate), p.bars(), BenchCommand.gcMillis() - gc, (double) allocated / p.ticks());
    return new Round(rate, (double) allocated / p.ticks());
  }

  /**
   * Bytes allocated so far by the threads alive now (HotSpot counts them per thread): the difference over a
   * round is what the round allocated, as its threads (the node's event loops, this one) live through it.
   */
  private static long allocatedBytes() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)) {
      return 0;
    }
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }

  private void report(Rates node, Rates loop, double nodeBytes, double loopBytes) {
    System.out.printf(Locale.ROOT,
        "tickmesh bench-inproc: %,d ticks, %,d symbols, %d%% trades, seed %d, over %,d s of event time, %d shards, batches of %d; %d measured round(s) after 1 warm-up%n"
            + "in-process path (records routed into a node's shards, store off): %s%n"
            + "plain loop (one thread, the same records into SymbolState): %s%n"
            + "ratio in-process / plain loop (medians): %.2f%n"
            + "allocated per tick (medians, all threads): in-process %.1f bytes, plain loop %.1f bytes%n"
            + "reproduce: java %s-jar target/tickmesh.jar bench-inproc --ticks %d --symbols %d --seed %d --span-seconds %d"
            + " --rounds %d --shards %d --batch %d --chunk %d%n",
        ticks, symbols, BenchFile.TRADE_PERCENT, seed, spanSeconds, shards, batch, rounds, node.describe(), loop.describe(),
        node.median() / loop.median(), nodeBytes, loopBytes, BenchCommand.jvmOptions(), ticks, symbols, seed, spanSeconds, rounds, shards, batch, chunk);
  }

  private static void progress(String format, Object... args) {
    System.err.println("bench-inproc: " + String.format(Locale.ROOT, format, args));
  }
}
