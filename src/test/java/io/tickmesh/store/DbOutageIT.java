package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.NodeProcess;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 3: PostgreSQL (an external server, at {@code db.url}) stops for 30 s while ticks
 * flow. Readiness goes 503 and back to 200, intake pauses (the writer's queue fills, feeds stop reading)
 * and resumes by itself, and in the end the bars equal the reference and every trade is stored once.
 */
class DbOutageIT {
  private static final long MINUTE = 60_000_000_000L;
  private static final int TRADES = 200_000;
  private static final long OUTAGE_SECONDS = Long.getLong("it.outage.seconds", 30);

  /** One look at the node: when, ready or not, and ticks read so far. */
  private record Sample(long atMs, int ready, long ticksIn) {}

  @Test
  void aThirtySecondOutageLosesNothing() throws Exception {
    List<String> symbols = TradeDays.symbols("D", 40);
    List<Trade> trades = TradeDays.generate(symbols, TRADES, TradeDays.DAY, 86_400_000_000_000L, "out", 31);
    Path dir = Files.createTempDirectory("db-outage");
    int pgPort = NodeProcess.freePort();
    EmbeddedPostgres pg = startPostgres(dir, pgPort);
    List<String> args = List.of("--no-sim", "--set", "db.url=postgresql://postgres:postgres@127.0.0.1:" + pgPort + "/postgres",
        "--set", "store.maxQueuedRows=20000");
    try (NodeProcess node = NodeProcess.start(dir, List.of(), args).awaitReady(Duration.ofSeconds(60));
        FeedClient client = new FeedClient(node.feedPort())) {
      Http http = node.http();
      ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
      long t0 = System.currentTimeMillis();
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> sendPaced(client, trades));
      Thread sampler = new Thread(() -> sample(http, samples, t0), "sampler");
      sampler.setDaemon(true);
      sampler.start();

      Thread.sleep(3_000); // ticks flow, then the database goes away
      long down = System.currentTimeMillis() - t0;
      pg.close();
      Thread.sleep(OUTAGE_SECONDS * 1_000);
      long back = System.currentTimeMillis() - t0;
      pg = startPostgres(dir, pgPort);

      sending.join();
      client.awaitAck("out", TRADES, Duration.ofMinutes(3));
      Thread.sleep(1_500); // a last sample after recovery
      sampler.interrupt();

      assertThat(samples).as("readiness 503 during the outage")
          .anyMatch(s -> s.atMs() > down && s.atMs() < back && s.ready() == 503);
      assertThat(samples).as("readiness 200 after it")
          .anyMatch(s -> s.atMs() > back && s.ready() == 200);
      long inEarly = ticksAt(samples, down + OUTAGE_SECONDS * 1_000 / 3);
      long inLate = ticksAt(samples, back - 1_000);
      assertThat(inLate).as("intake paused while the database was down").isEqualTo(inEarly).isLessThan(TRADES);
      System.out.printf("OUTAGE FIGURES: database down from %.1f s to %.1f s; ticks read %,d before pausing; all %,d acknowledged after%n",
          down / 1e3, back / 1e3, inLate, TRADES);

      for (String symbol : symbols) {
        var reference = ReferenceBars.of(trades, symbol, MINUTE);
        ReferenceBars.assertSame(http.allBars(symbol, "1m"), reference);
        JsonArray stored = http.get("/api/v1/trades/" + symbol + "?limit=10000").array();
        assertThat(stored.size()).as(symbol + " trades stored once").isEqualTo((int) trades.stream().filter(t -> t.symbol().equals(symbol)).count());
      }
      JsonObject stats = http.stats();
      assertThat(stats.getLong("ticksIn")).isEqualTo(TRADES).isEqualTo(stats.getLong("ticksApplied"));
      assertThat(node.terminate(Duration.ofSeconds(20))).isZero();
    } finally {
      pg.close();
    }
  }

  private static EmbeddedPostgres startPostgres(Path dir, int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dir.resolve("external-pg").toFile())
        .setCleanDataDirectory(false).setPort(port).start();
  }

  /** About 8,000 lines a second, so ticks are still flowing when the database goes and comes back. */
  private static void sendPaced(FeedClient client, List<Trade> trades) {
    try {
      for (int i = 0; i < trades.size(); i += 800) {
        List<String> chunk = new ArrayList<>();
        for (int j = i; j < Math.min(trades.size(), i + 800); j++) {
          chunk.add(trades.get(j).line(j));
        }
        client.send(chunk); // blocks while the node does not read: that is the backpressure under test
        Thread.sleep(100);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sample(Http http, ConcurrentLinkedQueue<Sample> samples, long t0) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        int ready = http.get("/health/ready").status();
        long in = http.stats().getLong("ticksIn");
        samples.add(new Sample(System.currentTimeMillis() - t0, ready, in));
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // a missed sample is fine
      }
    }
  }

  private static long ticksAt(ConcurrentLinkedQueue<Sample> samples, long atMs) {
    return samples.stream().filter(s -> s.atMs() <= atMs).reduce((a, b) -> b).orElseThrow().ticksIn();
  }
}
