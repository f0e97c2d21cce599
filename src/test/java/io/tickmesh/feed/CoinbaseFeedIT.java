package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.venue.CoinbaseReference;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.VenueReplayServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, acceptance 1 to 3 for Coinbase: the capture's frames replayed by a real WebSocket server
 * ({@link VenueReplayServer}) to a node configured with a {@code coinbase} feed. Each trade is applied
 * once, the 1-second and 1-minute bars and the books equal {@link CoinbaseReference}'s, also when the
 * server drops the connection three times mid-capture (skipping frames meanwhile, as a venue does: the
 * feed reconnects, resubscribes, resyncs its books from the fresh snapshots and reports the trade ids it
 * missed); bad frames are rejects with their reasons and the node stays ready. Bars close by event time
 * only ({@code bars.graceMs} an hour): the capture is from 2021, and the open bars are compared too.
 */
class CoinbaseFeedIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void theCaptureGivesTheReferenceTradesBarsAndBooks() throws Exception {
    List<String> frames = CoinbaseReference.received();
    CoinbaseReference ref = new CoinbaseReference();
    frames.forEach(ref::apply);
    try (VenueReplayServer server = VenueReplayServer.start(List.of(frames));
        InProcessNode node = InProcessNode.start(settings(server))) {
      JsonObject feed = awaitFeed(node.http(), frames.size(), ref);
      assertThat(feed.getLong("ticksRejected")).isZero();
      assertThat(feed.getLong("gaps")).isZero();
      assertAsReference(node.http(), ref);
      assertThat(server.subscribes()).hasSize(1);
      assertThat(new JsonObject(server.subscribes().get(0)).getJsonArray("channels").getList())
          .containsExactly("matches", "ticker", "level2");
    }
  }

  @Test
  void threeDropsMidCaptureLoseOnlyWhatTheVenueCannotGiveBackAndCountNothingTwice() throws Exception {
    List<String> frames = CoinbaseReference.received();
    CoinbaseReference venue = new CoinbaseReference();
    CoinbaseReference delivered = new CoinbaseReference();
    List<List<String>> sessions = new ArrayList<>();
    List<String> session = new ArrayList<>();
    int skipFrom = -1;
    int cuts = 0;
    for (int i = 0; i < frames.size(); i++) {
      String f = frames.get(i);
      boolean match = f.startsWith("{\"type\":\"match\"");
      if (cuts < 3 && i > frames.size() * (cuts + 1) / 4 && match && skipFrom < 0) {
        sessions.add(session); // the server drops the connection before this match...
        skipFrom = i;
        cuts++;
      }
      venue.apply(f);
      if (skipFrom >= 0) {
        if (i - skipFrom >= 200) { // ...and the node misses 200 frames, this match among them
          skipFrom = -1;
          session = new ArrayList<>(venue.onSubscribe());
          session.forEach(delivered::apply);
        }
        continue;
      }
      session.add(f);
      delivered.apply(f);
    }
    sessions.add(session);
    assertThat(sessions).hasSize(4);
    long[] gaps = delivered.gaps();
    assertThat(gaps[0]).as("the cuts skip trades").isPositive();
    try (VenueReplayServer server = VenueReplayServer.start(sessions);
        InProcessNode node = InProcessNode.start(settings(server))) {
      long messages = sessions.stream().mapToLong(List::size).sum();
      JsonObject feed = awaitFeed(node.http(), messages, delivered);
      assertThat(server.subscribes()).hasSize(4);
      assertThat(feed.getLong("connects")).isEqualTo(4);
      assertThat(feed.getLong("disconnects")).isEqualTo(3);
      assertThat(feed.getLong("gaps")).isEqualTo(gaps[0]);
      assertThat(feed.getLong("missing")).isEqualTo(gaps[1]);
      assertThat(feed.getLong("bookResyncs")).isEqualTo(3L * CoinbaseReference.products().size());
      assertThat(feed.getLong("booksSynced")).isEqualTo(CoinbaseReference.products().size());
      assertThat(feed.getLong("duplicates")).as("last matches and tickers sent again").isPositive();
      assertThat(feed.getLong("ticksRejected")).isZero();
      assertAsReference(node.http(), delivered);
    }
  }

  @Test
  void badFramesAreRejectsWithTheirReasonsAndTheRestGoesOn() throws Exception {
    List<String> frames = CoinbaseReference.received();
    String firstMatch = frames.stream().filter(f -> f.startsWith("{\"type\":\"match\"")).findFirst().orElseThrow();
    int at = frames.indexOf(firstMatch) + 1;
    List<String> before = new ArrayList<>(frames.subList(0, at));
    before.addAll(List.of("garbage{{", "{\"type\":\"match\",\"trade_id\":", firstMatch, // an old trade again: out of order
        "{\"type\":\"shout\"}", "{\"type\":\"match\",\"product_id\":\"ETH-USD\"}",
        "{\"type\":\"match\",\"product_id\":\"SKL-USD\",\"trade_id\":1,\"price\":\"-1\",\"size\":\"1\",\"time\":\"2021-04-17T16:43:30Z\"}",
        "x".repeat(10 * 1024 * 1024)));
    CoinbaseReference ref = new CoinbaseReference();
    frames.subList(0, at).forEach(ref::apply);
    List<String> after = new ArrayList<>(ref.onSubscribe());
    after.addAll(frames.subList(at, frames.size()));
    after.forEach(ref::apply);
    try (VenueReplayServer server = VenueReplayServer.start(List.of(before, after));
        InProcessNode node = InProcessNode.start(settings(server))) {
      Http http = node.http();
      JsonObject feed = awaitFeed(http, before.size() - 1 + after.size(), ref);
      JsonObject problems = feed.getJsonObject("problems");
      JsonArray rejects = http.get("/api/v1/rejects?feed=coinbase&limit=100").array();
      assertThat(problems.getMap()).as(rejects.encodePrettily()).containsOnlyKeys("not_json", "out_of_order", "unknown_type",
          "unknown_product", "bad_message", "too_long");
      assertThat(problems.getLong("not_json")).isEqualTo(2);
      assertThat(problems.getLong("out_of_order")).isEqualTo(1);
      assertThat(problems.getLong("unknown_type")).isEqualTo(1);
      assertThat(problems.getLong("unknown_product")).isEqualTo(1);
      assertThat(problems.getLong("bad_message")).as(rejects.encodePrettily()).isEqualTo(1);
      assertThat(problems.getLong("too_long")).isEqualTo(1);
      assertThat(feed.getLong("ticksRejected")).isEqualTo(7);
      assertThat(rejects.stream().map(r -> ((JsonObject) r).getString("reason")).toList())
          .anyMatch(r -> r.contains("not JSON")).anyMatch(r -> r.contains("too long: longer than venues.maxMessageBytes"))
          .anyMatch(r -> r.contains("price: expected a positive decimal"));
      assertThat(http.get("/health/ready").status()).isEqualTo(200);
      assertAsReference(http, ref);
    }
  }

  private static Map<String, Object> settings(VenueReplayServer server) {
    return Map.of(
        "venues.feeds", List.of(Map.of("venue", "coinbase", "url", server.url(), "products", CoinbaseReference.products())),
        "venues.maxMessageBytes", 1_048_576,
        "venues.reconnectMinMs", 50,
        "bars.graceMs", 3_600_000,
        "shards.count", 8);
  }

  /** Waits until the feed has taken {@code messages} messages and every tick is answered; its stats. */
  private static JsonObject awaitFeed(Http http, long messages, CoinbaseReference ref) throws Exception {
    long ticks = ref.allTrades().size() + ref.tickerCount();
    JsonObject stats = http.awaitStats(s -> s.getJsonObject("feeds").getJsonObject("coinbase") != null
        && s.getJsonObject("feeds").getJsonObject("coinbase").getLong("messagesIn") >= messages
        && s.getLong("pendingTicks") == 0 && s.getLong("ticksApplied") >= ticks, WAIT);
    JsonObject feed = stats.getJsonObject("feeds").getJsonObject("coinbase");
    assertThat(feed.getLong("trades")).as("trades routed").isEqualTo(ref.allTrades().size());
    assertThat(feed.getLong("quotes")).as("quotes routed").isEqualTo(ref.tickerCount());
    assertThat(stats.getLong("ticksApplied")).as("applied once each").isEqualTo(ticks);
    assertThat(stats.getLong("ticksIn")).isEqualTo(stats.getLong("ticksApplied") + stats.getLong("ticksRejected"));
    return feed;
  }

  private static void assertAsReference(Http http, CoinbaseReference ref) throws Exception {
    for (String symbol : ref.trades.keySet()) {
      ReferenceBars.assertSame(http.allBars(symbol, "1s"), ReferenceBars.of(ref.allTrades(), symbol, 1_000_000_000L));
      ReferenceBars.assertSame(http.allBars(symbol, "1m"), ReferenceBars.of(ref.allTrades(), symbol, 60_000_000_000L));
    }
    for (String product : CoinbaseReference.products()) {
      JsonObject book = http.get("/api/v1/book/coinbase:" + product + "?depth=1000").json();
      assertThat(levels(book.getJsonArray("bids"))).as(product + " bids").isEqualTo(ref.book(product, true, 1000));
      assertThat(levels(book.getJsonArray("asks"))).as(product + " asks").isEqualTo(ref.book(product, false, 1000));
    }
  }

  private static List<List<BigDecimal>> levels(JsonArray side) {
    List<List<BigDecimal>> out = new ArrayList<>();
    for (Object o : side) {
      JsonObject l = (JsonObject) o;
      out.add(List.of(new BigDecimal(l.getString("px")).stripTrailingZeros(), new BigDecimal(l.getString("size")).stripTrailingZeros()));
    }
    return out;
  }
}
