package io.tickmesh.cli;

import io.tickmesh.app.TickmeshNode;
import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.feed.itch.ItchBooks;
import io.tickmesh.feed.itch.ItchFramer;
import io.tickmesh.feed.itch.OrderBook;
import io.tickmesh.obs.MeteredVertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickmesh bench-itch}: an ITCH day through a node, against one thread doing the ITCH part alone.
 * Writes (once) a seeded day ({@link ItchDayFile}); each round starts a node in this JVM (store off, no
 * simulator) whose ITCH feed reads the file as fast as the shards take the ticks, and reads the feed's
 * {@code doneMs}: from its first read to the last tick answered by its shard (books built, trades and
 * quotes routed, applied to bars, VWAP and quotes). The baseline, in the same run, frames the same bytes
 * and builds the same books in one thread, with no pipeline behind. Prints both rates and their ratio.
 */
@Command(name = "bench-itch", mixinStandardHelpOptions = true,
    description = "Measure an ITCH day through a node against parse + books in one thread.")
final class BenchItchCommand implements Callable<Integer> {
  @Option(names = "--messages", defaultValue = "5000000", description = "Messages in the day (default ${DEFAULT-VALUE}).")
  long messages;

  @Option(names = "--symbols", defaultValue = "1000", description = "Instruments (default ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds of each path, after one warm-up (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--file", paramLabel = "PATH", description = "The day (default target/bench/itch2-<symbols>-<messages>-<seed>.itch).")
  Path file;

  @Override
  public Integer call() {
    if (messages < 1_000 || messages > 200_000_000 || symbols < 1 || symbols > 60_000 || rounds < 1 || rounds > 20) {
      System.err.println("tickmesh bench-itch: --messages 1000..200000000, --symbols 1..60000, --rounds 1..20");
      return 2;
    }
    Path day = file != null ? file : Path.of("target", "bench", "itch2-" + symbols + "-" + messages + "-" + seed + ".itch");
    try {
      boolean written = ItchDayFile.ensure(day, symbols, messages, seed);
      System.err.printf("%s %s (%,d bytes)%n", written ? "wrote" : "reusing", day, Files.size(day));
      double[] node = new double[rounds];
      double[] single = new double[rounds];
      byte[] bytes = Files.readAllBytes(day);
      var warmSingle = singleThread(bytes); // warm-up
      for (int r = 0; r < rounds; r++) {
        single[r] = singleThread(bytes);
      }
      var warmNode = nodeRound(day); // warm-up
      for (int r = 0; r < rounds; r++) {
        node[r] = nodeRound(day);
      }
      double n = median(node);
      double s = median(single);
      System.out.printf(Locale.ROOT, "bench-itch: %,d messages, %d instruments; node (ITCH file feed -> books -> trades and quotes into the"
          + " shards, store off): %,.0f msg/s (median of %d: %s); one thread, parse + books only: %,.0f msg/s (%s); node/one thread %.2fx%n",
          messages, symbols, n, rounds, show(node), s, show(single), n / s);
      System.out.printf("reproduce: java -jar target/tickmesh.jar bench-itch --messages %d --symbols %d --seed %d --rounds %d%n",
          messages, symbols, seed, rounds);
      return 0;
    } catch (Exception e) {
      System.err.println("tickmesh bench-itch: " + e.getMessage());
      return 1;
    }
  }

  /** Messages a second of one thread framing {@code bytes} and applying each message to the books. */
  private static double singleThread(byte[] bytes) {
    long[] outputs = new long[1];
    ItchBooks books = new ItchBooks(0);
    ItchBooks.Output out = new ItchBooks.Output() {
      @Override
      public void trade(long seq, String symbol, long tsNanos, long price, long shares) {
        outputs[0]++;
      }

      @Override
      public void quote(long seq, String symbol, long tsNanos, OrderBook.Top top) {
        outputs[0]++;
      }

      @Override
      public void reject(long seq, String reason) {
        outputs[0]++;
      }
    };
    ItchFramer framer = new ItchFramer();
    ItchFramer.Sink sink = books.applying(out);
    long t0 = System.nanoTime();
    for (int at = 0; at < bytes.length; at += 1 << 16) {
      framer.feed(bytes, at, Math.min(1 << 16, bytes.length - at), sink);
    }
    framer.end(sink);
    double rate = framer.lastSeq() / ((System.nanoTime() - t0) / 1e9);
    System.err.printf(Locale.ROOT, "one thread: %,.0f msg/s (%,d outputs)%n", rate, outputs[0]);
    return rate;
  }

  /** Messages a second of a node's ITCH feed over the whole day, from its first read to its last tick applied. */
  private static double nodeRound(Path day) throws Exception {
    TickmeshConfig config = TickmeshConfig.of(Map.of("node.host", "127.0.0.1", "http.port", 0, "feed.tcp.port", 0, "bridge.tcp.port", 0,
        "sim.enabled", false, "store.enabled", false, "itch.file", day.toString(), "itch.date", "2026-01-02"));
    MeteredVertx metered = MeteredVertx.create(config.node().nativeTransport(), config.node().eventLoopThreads());
    try {
      TickmeshNode node = TickmeshNode.start(metered, config).await(60, TimeUnit.SECONDS);
      JsonObject feed;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      do {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the node's ITCH feed did not finish the day within 10 minutes");
        }
        Thread.sleep(20);
        JsonObject stats = metered.vertx().eventBus().<JsonObject>request(Addresses.ITCH_STATS, new JsonObject())
            .await(10, TimeUnit.SECONDS).body();
        feed = stats.getJsonObject("feeds").getJsonObject(stats.getJsonObject("feeds").fieldNames().iterator().next());
      } while (feed.getValue("doneMs") == null);
      double rate = feed.getLong("messagesIn") / (feed.getLong("doneMs") / 1e3);
      System.err.printf(Locale.ROOT, "node: %,.0f msg/s (%,d messages, %,d trades, %,d quotes, %,d rejected in %,d ms)%n", rate,
          feed.getLong("messagesIn"), feed.getLong("trades"), feed.getLong("quotes"), feed.getLong("ticksRejected"), feed.getLong("doneMs"));
      var unused = node.stop().await(60, TimeUnit.SECONDS);
      return rate;
    } finally {
      var unused = metered.vertx().close().await(30, TimeUnit.SECONDS);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String show(double[] values) {
    StringBuilder sb = new StringBuilder();
    for (double v : values) {
      sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", v));
    }
    return sb.toString();
  }
}
