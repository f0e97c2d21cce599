package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same trades split over two feeds and delivered in different interleavings, with 1 and with 64
 * shards: identical bars, equal to the reference (issue 2, acceptance 3). Allowed lateness covers the
 * widest interleaving (all of one feed before the other), so late trades revise bars instead of being
 * refused; the API returns the latest revision.
 */
class OrderFreeBarsIT {
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "BRK.B", "ES:Z6", "EUR/USD");
  private static final long SECOND = 1_000_000_000L;
  private static final List<Trade> TRADES = TradeDays.generate(SYMBOLS, 40_000, TradeDays.DAY + 9 * 3_600 * SECOND, 7_200 * SECOND, "x", 3);
  private static final List<Trade> FEED_A = split(0);
  private static final List<Trade> FEED_B = split(1);
  private static final Map<String, JsonArray> FIRST_RUN = new HashMap<>();

  @ParameterizedTest(name = "shards={0}, order={1}")
  @CsvSource({"1, interleaved", "64, interleaved", "1, twoConnections", "64, twoConnections", "1, bThenA", "64, bThenA"})
  void barsDoNotDependOnShardsOrInterleaving(int shards, String order) throws Exception {
    Map<String, Object> config = Map.of("shards.count", shards, "bars.allowedLatenessMs", 86_400_000, "bars.retain", 10_000);
    try (InProcessNode node = InProcessNode.start(config)) {
      deliver(node, order);
      List<Trade> all = new ArrayList<>(FEED_A);
      all.addAll(FEED_B);
      for (String symbol : SYMBOLS) {
        for (String interval : List.of("1s", "1m")) {
          var reference = ReferenceBars.of(all, symbol, interval.equals("1s") ? SECOND : 60 * SECOND);
          String path = "/api/v1/bars/" + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "?interval=" + interval + "&limit=10000";
          JsonArray bars = node.http().awaitBars(path, reference.size());
          ReferenceBars.assertSame(bars, reference);
          JsonArray withoutRevisions = withoutRevisions(bars);
          JsonArray first = FIRST_RUN.putIfAbsent(symbol + interval, withoutRevisions);
          if (first != null) {
            assertThat(withoutRevisions).as(symbol + " " + interval + " same as the first run").isEqualTo(first);
          }
        }
      }
      assertThat(node.http().stats().getLong("ticksApplied")).isEqualTo((long) TRADES.size());
    }
  }

  private static void deliver(InProcessNode node, String order) throws Exception {
    switch (order) {
      case "interleaved" -> {
        try (FeedClient client = node.connect()) {
          client.send(interleave(FEED_A, FEED_B, new SplittableRandom(7)));
          awaitBoth(client, client);
        }
      }
      case "twoConnections" -> {
        try (FeedClient a = node.connect(); FeedClient b = node.connect()) {
          CompletableFuture<Void> sendA = CompletableFuture.runAsync(() -> send(a, FEED_A));
          send(b, FEED_B);
          sendA.join();
          awaitBoth(a, b);
        }
      }
      default -> {
        try (FeedClient client = node.connect()) {
          List<String> lines = new ArrayList<>(lines(FEED_B));
          lines.addAll(lines(FEED_A));
          client.send(lines);
          awaitBoth(client, client);
        }
      }
    }
  }

  private static void awaitBoth(FeedClient a, FeedClient b) throws InterruptedException {
    a.awaitAck("A", FEED_A.size(), Duration.ofMinutes(1));
    b.awaitAck("B", FEED_B.size(), Duration.ofMinutes(1));
    assertThat(a.rejects()).isEmpty();
    assertThat(b.rejects()).isEmpty();
  }

  private static void send(FeedClient client, List<Trade> trades) {
    try {
      client.send(lines(trades));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> interleave(List<Trade> a, List<Trade> b, SplittableRandom random) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int chunk = 1 + random.nextInt(500);
      if (random.nextBoolean()) {
        for (int k = 0; k < chunk && i < a.size(); k++, i++) {
          out.add(a.get(i).line(i));
        }
      } else {
        for (int k = 0; k < chunk && j < b.size(); k++, j++) {
          out.add(b.get(j).line(j));
        }
      }
    }
    return out;
  }

  private static List<String> lines(List<Trade> trades) {
    List<String> out = new ArrayList<>(trades.size());
    for (int i = 0; i < trades.size(); i++) {
      out.add(trades.get(i).line(i));
    }
    return out;
  }

  private static List<Trade> split(int parity) {
    List<Trade> out = new ArrayList<>();
    for (int i = parity; i < TRADES.size(); i += 2) {
      out.add(TRADES.get(i).with(parity == 0 ? "A" : "B", out.size() + 1));
    }
    return out;
  }

  private static JsonArray withoutRevisions(JsonArray bars) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < bars.size(); i++) {
      JsonObject bar = bars.getJsonObject(i).copy();
      var revision = bar.remove("revision");
      out.add(bar);
    }
    return out;
  }
}
