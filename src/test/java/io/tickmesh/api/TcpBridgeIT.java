package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.itch.ItchChecks;
import io.tickmesh.feed.itch.ItchReference;
import io.tickmesh.testing.BridgeClient;
import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TCP event-bus bridge: outputs numbered per address, a snapshot to resync from, nothing gets in, and
 * an ITCH feed's books on {@code book.<SYM>}.
 */
class TcpBridgeIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final List<String> ITCH_SYMBOLS = List.of("ALC", "BOB", "CHAR");

  @Test
  void subscribersGetNumberedOutputsAndASnapshot() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("bars.graceMs", 200, "publish.quoteIntervalMs", 0));
        BridgeClient client = new BridgeClient(node.bridgePort(), true);
        FeedClient feed = node.connect()) {
      client.register("trades.IBM").register("quotes.IBM").register("bars.1s.IBM");
      client.send(new JsonObject().put("type", "ping"));
      client.await(f -> f.getString("type").equals("pong"), WAIT); // registrations are handled in order
      List<String> lines = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        lines.add("{\"feed\":\"b\",\"seq\":" + i + ",\"sym\":\"IBM\",\"ts\":\"2026-11-24T10:00:00." + (100 + i)
            + "Z\",\"type\":\"trade\",\"px\":\"" + (100 + i) + ".5\",\"qty\":\"2\"}");
      }
      feed.send(lines);
      for (long n = 1; n <= 50; n++) {
        long expected = n;
        JsonObject trade = client.await(f -> "trades.IBM".equals(f.getString("address")), WAIT).getJsonObject("body");
        assertThat(trade.getLong("pubSeq")).isEqualTo(expected);
        assertThat(trade.getLong("seq")).isEqualTo(expected);
      }
      JsonObject bar = client.await(f -> "bars.1s.IBM".equals(f.getString("address")), WAIT).getJsonObject("body");
      assertThat(bar.getLong("pubSeq")).isEqualTo(1L);
      assertThat(bar.getString("volume")).isEqualTo("100");
      assertThat(bar.getLong("trades")).isEqualTo(50L);

      client.send(new JsonObject().put("type", "send").put("address", "snapshot.quote").put("replyAddress", "snap-1")
          .put("body", new JsonObject().put("symbol", "IBM")));
      JsonObject snapshot = client.await(f -> "snap-1".equals(f.getString("address")), WAIT).getJsonObject("body");
      assertThat(snapshot.getString("last")).isEqualTo("150.5");
      assertThat(snapshot.getLong("trades")).isEqualTo(50L);
      assertThat(snapshot.getLong("pubSeq")).as("the snapshot names the last quote published").isPositive();
    }
  }

  @Test
  void clientsCannotReachShardsOrPublish() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of());
        BridgeClient client = new BridgeClient(node.bridgePort(), true)) {
      client.register("tm.shard.0");
      assertThat(error(client)).startsWith("access_denied");
      client.send(new JsonObject().put("type", "send").put("address", "tm.shard.0").put("replyAddress", "x")
          .put("body", new JsonObject()));
      assertThat(error(client)).startsWith("access_denied");
      client.send(new JsonObject().put("type", "publish").put("address", "quotes.IBM").put("body", new JsonObject()));
      assertThat(error(client)).startsWith("access_denied");
      client.send(new JsonObject().put("type", "send").put("address", "snapshot.quote").put("replyAddress", "s")
          .put("body", new JsonObject().put("symbol", "'; drop table bars; --")));
      JsonObject refused = client.await(f -> "s".equals(f.getString("address")), WAIT);
      assertThat(refused.getInteger("failureCode")).isEqualTo(400);
      client.send(new JsonObject().put("type", "send").put("address", "snapshot.quote").put("replyAddress", "u")
          .put("body", new JsonObject().put("symbol", "NOPE")));
      assertThat(client.await(f -> "u".equals(f.getString("address")), WAIT).getInteger("failureCode")).isEqualTo(404);
      client.send(new JsonObject().put("type", "dance"));
      assertThat(error(client)).startsWith("unknown_type");
      client.send(new JsonObject().put("type", "ping"));
      client.await(f -> f.getString("type").equals("pong"), WAIT); // still connected
      assertThat(node.http().get("/health/ready").status()).isEqualTo(200);
    }
  }

  /**
   * {@code book.<SYM>} of the ITCH fixture day read at 2,000 messages a second: a subscriber's last message
   * of each instrument is its final book, the GET answer at the end of the file and the reference's best
   * levels; and the books went out conflated: fewer messages than changes.
   */
  @Test
  void bookSubscribersEndWithTheFinalBookOfEachItchInstrument() throws Exception {
    ItchReference ref = ItchReference.of(ItchChecks.DAY);
    int depth = 5;
    try (InProcessNode node = InProcessNode.start(Map.of("itch.file", ItchChecks.DAY.toString(), "itch.ratePerSec", 2000,
            "itch.bookDepth", depth));
        BridgeClient client = new BridgeClient(node.bridgePort(), true)) {
      for (String symbol : ITCH_SYMBOLS) {
        client.register("book." + symbol);
      }
      client.send(new JsonObject().put("type", "ping"));
      client.await(f -> f.getString("type").equals("pong"), WAIT);
      JsonObject feed = ItchChecks.awaitEnded(node.http(), Duration.ofMinutes(1));
      Map<String, JsonObject> answers = new HashMap<>();
      for (String symbol : ITCH_SYMBOLS) {
        answers.put(symbol, withoutSeq(node.http().get("/api/v1/book/" + symbol + "?depth=" + depth).json()));
      }
      // each message is a whole book; read them until the latest of each instrument is its final book
      Map<String, JsonObject> latest = new HashMap<>();
      while (!latest.equals(answers)) {
        JsonObject frame = client.await(f -> f.getString("address", "").startsWith("book."), WAIT);
        latest.put(frame.getString("address").substring("book.".length()), withoutSeq(frame.getJsonObject("body")));
      }
      for (String symbol : ITCH_SYMBOLS) {
        JsonObject book = latest.get(symbol);
        assertThat(ItchChecks.levels(book.getJsonArray("bids"))).as(symbol + " bids").isEqualTo(best(ref.book(symbol, true), depth));
        assertThat(ItchChecks.levels(book.getJsonArray("asks"))).as(symbol + " asks").isEqualTo(best(ref.book(symbol, false), depth));
      }
      int changes = ref.bookChanges.values().stream().mapToInt(Integer::intValue).sum();
      assertThat(feed.getLong("booksPublished")).as("conflated: fewer messages than changes").isPositive().isLessThan(changes);
    }
  }

  /** A book's body but its seq (the last message read when it went out, which differs between them). */
  private static JsonObject withoutSeq(JsonObject book) {
    JsonObject copy = book.copy();
    var unusedSeq = copy.remove("seq");
    return copy;
  }

  private static List<ItchReference.Level> best(List<ItchReference.Level> side, int depth) {
    return side.subList(0, Math.min(depth, side.size()));
  }

  private static String error(BridgeClient client) throws InterruptedException {
    return client.await(f -> f.getString("type").equals("err") && !f.containsKey("address"), WAIT).getString("message");
  }
}
