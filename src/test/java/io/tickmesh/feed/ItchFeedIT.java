package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.itch.ItchReference;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, acceptance 1 (file feed): the ITCH fixture day read by a node's ITCH feed, with the store on.
 * Every trade of the file is stored once, each instrument's 1-minute bars and final book equal
 * {@link ItchReference}'s, the counts add up, and the only rejects are the messages the reference
 * refuses too (the invented day names some orders just before it adds them).
 */
class ItchFeedIT {
  private static final Path DAY = Path.of("src/test/resources/itch/ex20101224.TEST_ITCH_50");
  private static final List<String> SYMBOLS = List.of("ALC", "BOB", "CHAR");
  private static final String FEED = "itch:ex20101224:trades";

  @Test
  void theFixtureDayThroughTheNodeGivesTheReferenceTradesBarsAndBooks() throws Exception {
    ItchReference ref = ItchReference.of(DAY);
    long midnight = LocalDate.of(2010, 12, 24).atStartOfDay(ZoneId.of("America/New_York")).toEpochSecond() * 1_000_000_000L;
    List<Trade> trades = new ArrayList<>();
    for (ItchReference.Trade t : ref.trades) {
      trades.add(new Trade(FEED, t.seq(), t.symbol(), midnight + t.nanosOfDay(), t.price(), BigDecimal.valueOf(t.shares())));
    }
    Path data = Files.createTempDirectory("itch-feed");
    try (InProcessNode node = InProcessNode.withStore(data.resolve("pg"), Map.of("itch.file", DAY.toString()))) {
      Http http = node.http();
      JsonObject stats = http.awaitStats(s -> s.getJsonObject("feeds").getJsonObject(FEED) != null
          && s.getJsonObject("feeds").getJsonObject(FEED).getBoolean("ended") && s.getLong("pendingTicks") == 0, Duration.ofMinutes(2));
      JsonObject feed = stats.getJsonObject("feeds").getJsonObject(FEED);
      assertThat(feed.getLong("messagesIn")).isEqualTo(12_012L);
      assertThat(feed.getLong("trades")).isEqualTo(ref.trades.size());
      // the invented day names 117 orders a moment before it adds them: refused, as by the reference
      assertThat(feed.getLong("ticksRejected")).isEqualTo(ref.unknownOrders.size());
      assertThat(stats.getLong("ticksRejected")).isEqualTo(ref.unknownOrders.size());
      JsonArray rejects = awaitArray(http, "/api/v1/rejects?feed=" + FEED + "&limit=1000", ref.unknownOrders.size());
      assertThat(rejects.stream().map(o -> ((JsonObject) o).getLong("seq")).toList()).containsExactlyInAnyOrderElementsOf(ref.unknownOrders);
      assertThat(stats.getLong("ticksApplied")).isEqualTo(feed.getLong("trades") + feed.getLong("quotes"));
      assertThat(stats.getLong("ticksIn")).isEqualTo(stats.getLong("ticksApplied") + stats.getLong("ticksRejected"));

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
      assertThat(http.get("/api/v1/book/NOPE").status()).isEqualTo(404);
      assertThat(http.get("/api/v1/book/ALC?depth=0").status()).isEqualTo(400);
    }
  }

  /** Polls {@code path} until it answers {@code count} elements (the writer stores asynchronously). */
  private static JsonArray awaitArray(Http http, String path, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonArray answer = http.get(path).array();
    while (answer.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100); // the store writes in the background; nothing to wait on from here
      answer = http.get(path).array();
    }
    return answer;
  }

  private static List<ItchReference.Level> levels(JsonArray side) {
    List<ItchReference.Level> out = new ArrayList<>();
    for (Object o : side) {
      JsonObject l = (JsonObject) o;
      out.add(new ItchReference.Level(new BigDecimal(l.getString("px")).setScale(4), l.getLong("size"), l.getInteger("orders")));
    }
    return out;
  }
}
