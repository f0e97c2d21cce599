package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.Http;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What the venue feed tests share: a node's settings for one replayed feed, waiting for it, and reading its bars and books. */
final class VenueFeedChecks {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private VenueFeedChecks() {}

  /** A node with the one venue feed {@code feed}, fast reconnects, and bars closed by event time only (the captures are old). */
  static Map<String, Object> settings(Map<String, Object> feed) {
    return Map.of(
        "venues.feeds", List.of(feed),
        "venues.maxMessageBytes", 1_048_576,
        "venues.reconnectMinMs", 50,
        "bars.graceMs", 3_600_000,
        "shards.count", 8);
  }

  /**
   * Waits until feed {@code name} has taken {@code messages} messages and synced {@code books} books, and every
   * tick is answered; checks the trades and quotes routed, each applied once; the feed's stats.
   */
  static JsonObject awaitFeed(Http http, String name, long messages, long books, long trades, long quotes) throws Exception {
    JsonObject stats = http.awaitStats(s -> s.getJsonObject("feeds").getJsonObject(name) != null
        && s.getJsonObject("feeds").getJsonObject(name).getLong("messagesIn") >= messages
        && s.getJsonObject("feeds").getJsonObject(name).getLong("booksSynced") >= books
        && s.getLong("pendingTicks") == 0 && s.getLong("ticksApplied") >= trades + quotes, WAIT);
    JsonObject feed = stats.getJsonObject("feeds").getJsonObject(name);
    assertThat(feed.getLong("trades")).as("trades routed").isEqualTo(trades);
    assertThat(feed.getLong("quotes")).as("quotes routed").isEqualTo(quotes);
    assertThat(stats.getLong("ticksApplied")).as("applied once each").isEqualTo(trades + quotes);
    assertThat(stats.getLong("ticksIn")).isEqualTo(stats.getLong("ticksApplied") + stats.getLong("ticksRejected"));
    return feed;
  }

  /**
   * Splits a capture's {@code frames} into four sessions: the server drops the connection three times, before
   * the first frame {@code cutBefore} takes past each quarter of the capture, and the node misses that frame
   * and the next 200. {@code venue} sees every frame; each new session starts with what the venue sends on a
   * subscribe ({@code onSubscribe}, asked after the frames missed); {@code delivered} sees what is sent.
   */
  static List<List<String>> threeDrops(List<String> frames, Predicate<String> cutBefore, Consumer<String> venue,
      Supplier<List<String>> onSubscribe, Consumer<String> delivered) {
    List<List<String>> sessions = new ArrayList<>();
    List<String> session = new ArrayList<>();
    int skipFrom = -1;
    for (int i = 0; i < frames.size(); i++) {
      String f = frames.get(i);
      if (sessions.size() < 3 && skipFrom < 0 && i > frames.size() * (sessions.size() + 1) / 4 && cutBefore.test(f)) {
        sessions.add(session);
        skipFrom = i;
      }
      venue.accept(f);
      if (skipFrom >= 0) {
        if (i - skipFrom >= 200) {
          skipFrom = -1;
          session = new ArrayList<>(onSubscribe.get());
          session.forEach(delivered);
        }
        continue;
      }
      session.add(f);
      delivered.accept(f);
    }
    sessions.add(session);
    assertThat(sessions).hasSize(4);
    return sessions;
  }

  /** The feed's rejects by kind are exactly {@code expected}, shown with the rejects if not. */
  static void assertProblems(Http http, String name, JsonObject feed, Map<String, Long> expected) throws Exception {
    JsonArray rejects = http.get("/api/v1/rejects?feed=" + name + "&limit=100").array();
    Map<String, Long> problems = new java.util.TreeMap<>();
    feed.getJsonObject("problems").forEach(e -> problems.put(e.getKey(), ((Number) e.getValue()).longValue()));
    assertThat(problems).as(rejects.encodePrettily()).isEqualTo(new java.util.TreeMap<>(expected));
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
  }

  /** The reasons of the feed's newest rejects. */
  static List<String> rejectReasons(Http http, String name) throws Exception {
    return http.get("/api/v1/rejects?feed=" + name + "&limit=100").array().stream().map(r -> ((JsonObject) r).getString("reason")).toList();
  }

  /** The 1-second and 1-minute bars of each of {@code symbols} equal the reference's of {@code trades}. */
  static void assertBars(Http http, Collection<String> symbols, List<Trade> trades) throws Exception {
    for (String symbol : symbols) {
      ReferenceBars.assertSame(http.allBars(symbol, "1s"), ReferenceBars.of(trades, symbol, 1_000_000_000L));
      ReferenceBars.assertSame(http.allBars(symbol, "1m"), ReferenceBars.of(trades, symbol, 60_000_000_000L));
    }
  }

  /** The book of {@code symbol}, 1000 levels a side, as {@code [bids, asks]} of {@code [px, size]} decimals without trailing zeros. */
  static List<List<List<BigDecimal>>> book(Http http, String symbol) throws Exception {
    JsonObject book = http.get("/api/v1/book/" + symbol.replace("/", "%2F") + "?depth=1000").json();
    return List.of(levels(book.getJsonArray("bids")), levels(book.getJsonArray("asks")));
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
