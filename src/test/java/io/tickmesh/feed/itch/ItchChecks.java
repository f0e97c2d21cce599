package io.tickmesh.feed.itch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.Http;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node fed the ITCH fixture day must show, checked against {@link ItchReference}: its feed read
 * to the end, every trade stored once, each instrument's 1-minute bars and book, and the refused messages.
 * A node fed a damaged copy of the day is held to the reference of that copy the same way.
 */
public final class ItchChecks {
  /** The fixture: a complete invented ITCH 5.0 day whose length prefixes are all zero (DavZim/RITCH, MIT). */
  public static final Path DAY = Path.of("src/test/resources/itch/ex20101224.TEST_ITCH_50");
  /** The feed id of the fixture session's trades. */
  public static final String FEED = "itch:ex20101224:trades";
  private static final List<String> SYMBOLS = List.of("ALC", "BOB", "CHAR");

  private ItchChecks() {}

  /** Waits until the node's ITCH feed has read the whole session and its ticks are handled; its stats. */
  public static JsonObject awaitEnded(Http http, Duration timeout) throws Exception {
    JsonObject stats = http.awaitStats(s -> s.getJsonObject("feeds").getJsonObject(FEED) != null
        && s.getJsonObject("feeds").getJsonObject(FEED).getBoolean("ended") && s.getLong("pendingTicks") == 0, timeout);
    return stats.getJsonObject("feeds").getJsonObject(FEED);
  }

  /** The fixture's trades as the node stores them: the session's midnight in New York, the feed's id. */
  public static List<Trade> trades(ItchReference ref) {
    long midnight = LocalDate.of(2010, 12, 24).atStartOfDay(ZoneId.of("America/New_York")).toEpochSecond() * 1_000_000_000L;
    List<Trade> trades = new ArrayList<>();
    for (ItchReference.Trade t : ref.trades) {
      trades.add(new Trade(FEED, t.seq(), t.symbol(), midnight + t.nanosOfDay(), t.price(), BigDecimal.valueOf(t.shares())));
    }
    return trades;
  }

  /** Every trade stored once, the 1-minute bars and each book as the reference's, and the refused messages. */
  public static void assertAsReference(Http http, ItchReference ref) throws Exception {
    List<Trade> trades = trades(ref);
    ReferenceBars.assertMinuteBars(http, SYMBOLS, trades);
    for (String symbol : SYMBOLS) {
      List<Long> want = trades.stream().filter(t -> t.symbol().equals(symbol)).map(Trade::seq).toList();
      JsonArray stored = awaitArray(http, "/api/v1/trades/" + symbol + "?limit=10000&from=2010-12-24T00:00:00Z", want.size());
      assertThat(stored.stream().map(o -> ((JsonObject) o).getLong("seq")).toList()).as("stored trades of " + symbol)
          .containsExactlyInAnyOrderElementsOf(want);
      JsonObject book = http.get("/api/v1/book/" + symbol + "?depth=1000").json();
      assertThat(levels(book.getJsonArray("bids"))).as(symbol + " bids").isEqualTo(ref.book(symbol, true));
      assertThat(levels(book.getJsonArray("asks"))).as(symbol + " asks").isEqualTo(ref.book(symbol, false));
    }
    JsonArray rejects = rejects(http, ref);
    // after a restart the session is read again: the ticks the shards applied before are refused as duplicates
    assertThat(rejects.stream().map(o -> (JsonObject) o).filter(r -> !r.getString("reason").startsWith("duplicate:"))
        .map(r -> r.getLong("seq")).distinct().toList()).as("messages refused")
        .containsExactlyInAnyOrderElementsOf(ref.refused.keySet());
  }

  /** The node's rejects of the feed, once there are at least as many as the reference refuses. */
  public static JsonArray rejects(Http http, ItchReference ref) throws Exception {
    return awaitArray(http, "/api/v1/rejects?feed=" + FEED + "&limit=10000", ref.refused.size());
  }

  /** Polls {@code path} until it answers at least {@code count} elements (the writer stores asynchronously). */
  private static JsonArray awaitArray(Http http, String path, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonArray answer = http.get(path).array();
    while (answer.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100); // the store writes in the background; nothing to wait on from here
      answer = http.get(path).array();
    }
    return answer;
  }

  /** The levels of one side of a book answer ({@code [{px,size,orders}]}), as the reference's. */
  public static List<ItchReference.Level> levels(JsonArray side) {
    List<ItchReference.Level> out = new ArrayList<>();
    for (Object o : side) {
      JsonObject l = (JsonObject) o;
      out.add(new ItchReference.Level(new BigDecimal(l.getString("px")).setScale(4), new BigDecimal(l.getString("size")).longValueExact(), l.getInteger("orders")));
    }
    return out;
  }
}
