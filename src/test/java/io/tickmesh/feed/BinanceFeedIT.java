package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.venue.BinanceReference;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.VenueReplayServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, acceptance 1 to 3 for Binance spot and futures: each capture replayed by a real WebSocket server
 * ({@link VenueReplayServer}) that also serves the REST depth snapshots. The captures hold no snapshot: the
 * test's venue ({@link BinanceReference}) starts each book empty at its first diff and serves, when asked,
 * the book its diffs sent so far made, as of the last of their update ids (so every snapshot is consistent
 * with the diffs before and after it). Every trade is applied once, the bars and books equal the reference,
 * the futures capture's closed klines all agree with our bars, a depth diff dropped mid-capture resyncs its
 * book from a new snapshot, three dropped connections count the trades missed as gaps and nothing twice,
 * and bad frames are rejects with their reasons.
 */
class BinanceFeedIT {
  private static final Path SPOT = Path.of("src/test/resources/crypto-ws/BINANCE.ws.1.0");
  private static final Path FUTURES = Path.of("src/test/resources/crypto-ws/BINANCE_FUTURES.ws.1.0");
  private static final List<String> SPOT_SYMBOLS = List.of("NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR");
  private static final List<String> FUTURES_SYMBOLS = List.of("SUSHIUSDT", "AKROUSDT", "KEEPUSDT", "CTKUSDT");

  @Test
  void spotADroppedDepthDiffResyncsItsBookAndBadFramesAreRejects() throws Exception {
    List<String> frames = BinanceReference.received(SPOT);
    int drop = frames.size() / 2;
    while (!frames.get(drop).startsWith("{\"stream\":\"nknusdt@depth")) {
      drop++;
    }
    List<String> session = new ArrayList<>();
    List<List<String>> truth = new ArrayList<>(); // the venue's frames each frame sent stands for
    for (int i = 0; i < frames.size(); i++) {
      if (i == drop) {
        for (String bad : List.of("garbage{{", "{\"stream\":\"nknusdt@depth", "{\"e\":\"aggTrade\",\"s\":\"DOGEUSDT\"}",
            "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"NKNUSDT\",\"a\":1,\"p\":\"-1\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":1633998523963}",
            "{\"e\":\"markPriceUpdate\",\"s\":\"NKNUSDT\"}")) {
          session.add(bad);
          truth.add(List.of());
        }
        continue; // this diff is not sent
      }
      session.add(frames.get(i));
      truth.add(i == drop + 1 ? List.of(frames.get(drop), frames.get(i)) : List.of(frames.get(i)));
    }
    BinanceReference ref = reference("binance", truth, truth.size());
    int hold = drop; // the session waits here until the books it had diffs of have their snapshots (time compression would outrun them)
    try (VenueReplayServer server = VenueReplayServer.start(List.of(session), snapshots("binance", List.of(truth), List.of(hold), session));
        InProcessNode node = InProcessNode.start(settings("binance", server, SPOT_SYMBOLS))) {
      Http http = node.http();
      JsonObject feed = awaitFeed(http, "binance", session.size(), ref);
      VenueFeedChecks.assertProblems(http, "binance", feed, Map.of("not_json", 2L, "unknown_product", 1L, "bad_message", 1L,
          "unknown_type", 1L, "book_resync", 1L));
      assertThat(feed.getLong("ticksRejected")).isEqualTo(5);
      assertThat(VenueFeedChecks.rejectReasons(http, "binance"))
          .anyMatch(r -> r.contains("not JSON")).anyMatch(r -> r.contains("'DOGEUSDT' is not among the feed's products"))
          .anyMatch(r -> r.contains("p: expected a positive decimal"));
      assertThat(feed.getLong("bookResyncs")).isEqualTo(1);
      assertThat(feed.getLong("snapshotRequests")).isEqualTo(SPOT_SYMBOLS.size() + 1);
      assertThat(server.gets()).hasSize(SPOT_SYMBOLS.size() + 1).contains("/api/v3/depth?symbol=NKNUSDT&limit=1000");
      assertThat(feed.getLong("klineChecks")).as("the spot capture has no closed kline").isZero();
      assertAsReference(http, "binance", SPOT_SYMBOLS, ref);
    }
  }

  @Test
  void futuresEveryClosedKlineAgreesWithOurBars() throws Exception {
    List<String> frames = BinanceReference.received(FUTURES);
    List<List<String>> truth = frames.stream().map(List::of).toList();
    BinanceReference ref = reference("binance-futures", truth, truth.size());
    long closed = frames.stream().filter(f -> f.contains("\"x\":true")).count();
    try (VenueReplayServer server = VenueReplayServer.start(List.of(frames), snapshots("binance-futures", List.of(truth), List.of(0), frames));
        InProcessNode node = InProcessNode.start(settings("binance-futures", server, FUTURES_SYMBOLS))) {
      JsonObject feed = awaitFeed(node.http(), "binance-futures", frames.size(), ref);
      assertThat(feed.getLong("klineChecks")).isEqualTo(closed).isPositive();
      assertThat(feed.getLong("klineMismatches")).isZero();
      assertThat(feed.getLong("ticksRejected")).isZero();
      assertThat(feed.getLong("bookResyncs")).isZero();
      assertThat(feed.getLong("gaps")).isZero();
      assertThat(server.gets()).contains("/fapi/v1/depth?symbol=SUSHIUSDT&limit=1000");
      assertAsReference(node.http(), "binance-futures", FUTURES_SYMBOLS, ref);
    }
  }

  @Test
  void futuresThreeDropsCountTheTradesMissedAndResyncTheBooks() throws Exception {
    List<String> frames = BinanceReference.received(FUTURES);
    List<List<List<String>>> truths = new ArrayList<>();
    List<List<String>> truth = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      if (truths.size() < 3 && skipped.isEmpty() && truth.size() > 0 && i > frames.size() * (truths.size() + 1) / 4) {
        truths.add(truth); // the server drops the connection here, and the node misses the next 150 frames
        truth = new ArrayList<>();
        skipped.add(frames.get(i));
        continue;
      }
      if (!skipped.isEmpty() && skipped.size() < 150) {
        skipped.add(frames.get(i));
        continue;
      }
      skipped.add(frames.get(i));
      truth.add(new ArrayList<>(skipped));
      skipped.clear();
    }
    truths.add(truth);
    List<List<String>> sessions = truths.stream().map(t -> t.stream().map(f -> f.get(f.size() - 1)).toList()).toList();
    BinanceReference delivered = new BinanceReference("binance-futures");
    sessions.forEach(s -> s.forEach(delivered::apply));
    BinanceReference venue = new BinanceReference("binance-futures");
    frames.forEach(venue::apply);
    long[] gaps = delivered.gaps();
    assertThat(gaps[0]).as("the cuts skip trades").isPositive();
    List<Integer> holds = sessions.stream().map(BinanceFeedIT::everyBookSeen).toList();
    try (VenueReplayServer server = VenueReplayServer.start(sessions, snapshots("binance-futures", truths, holds, null));
        InProcessNode node = InProcessNode.start(settings("binance-futures", server, FUTURES_SYMBOLS))) {
      JsonObject feed = awaitFeed(node.http(), "binance-futures", sessions.stream().mapToLong(List::size).sum(), delivered);
      assertThat(feed.getLong("connects")).isEqualTo(4);
      assertThat(feed.getLong("gaps")).isEqualTo(gaps[0]);
      assertThat(feed.getLong("missing")).isEqualTo(gaps[1]);
      assertThat(feed.getLong("bookResyncs")).isEqualTo(3L * FUTURES_SYMBOLS.size());
      assertThat(feed.getLong("klineMismatches")).isZero();
      assertThat(feed.getLong("duplicates")).isZero();
      assertThat(feed.getLong("ticksRejected")).isZero();
      VenueFeedChecks.assertBars(node.http(), delivered.trades.keySet(), delivered.allTrades());
      assertBooks(node.http(), "binance-futures", FUTURES_SYMBOLS, venue);
    }
  }

  /**
   * The venue of {@code truths} (per session, the venue's frames each frame sent stands for): its snapshots as
   * of the frames sent. Session {@code k} holds at frame {@code holds[k]} until a snapshot was served for each
   * symbol with a depth diff before it (in {@code frames} of session 0, or, if null, every symbol).
   */
  private static VenueReplayServer.Venue snapshots(String name, List<List<List<String>>> truths, List<Integer> holds, List<String> frames) {
    return new VenueReplayServer.Venue() {
      @Override
      public boolean mayGoOn(int session, int sent, int gets) {
        if (sent != holds.get(session)) {
          return true;
        }
        long books = frames == null ? 4 : frames.subList(0, sent).stream().filter(f -> f.contains("@depth")).map(f -> f.substring(0, f.indexOf('@')))
            .distinct().count();
        return gets >= books;
      }

      @Override
      public String get(int session, int sent, String uri) {
        BinanceReference now = new BinanceReference(name);
        for (int k = 0; k < session; k++) {
          truths.get(k).forEach(t -> t.forEach(now::apply));
        }
        truths.get(session).subList(0, sent).forEach(t -> t.forEach(now::apply));
        return now.snapshot(uri.substring(uri.indexOf("symbol=") + 7, uri.indexOf('&')));
      }
    };
  }

  /** The index of a session's frame after which every futures symbol has had a depth diff. */
  private static int everyBookSeen(List<String> session) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < session.size(); i++) {
      String f = session.get(i);
      if (f.contains("@depth")) {
        seen.add(f.substring(0, f.indexOf('@')));
      }
      if (seen.size() == FUTURES_SYMBOLS.size()) {
        return i + 1;
      }
    }
    return session.size();
  }

  private static BinanceReference reference(String name, List<List<String>> truth, int upTo) {
    BinanceReference ref = new BinanceReference(name);
    truth.subList(0, upTo).forEach(t -> t.forEach(ref::apply));
    return ref;
  }

  private static Map<String, Object> settings(String venue, VenueReplayServer server, List<String> symbols) {
    return VenueFeedChecks.settings(Map.of("venue", venue, "url", server.url(), "products", symbols, "snapshotUrl", server.httpUrl()));
  }

  private static JsonObject awaitFeed(Http http, String name, long messages, BinanceReference ref) throws Exception {
    return VenueFeedChecks.awaitFeed(http, name, messages, 4, ref.allTrades().size(), ref.tickers());
  }

  private static void assertAsReference(Http http, String name, List<String> symbols, BinanceReference ref) throws Exception {
    VenueFeedChecks.assertBars(http, ref.trades.keySet(), ref.allTrades());
    assertBooks(http, name, symbols, ref);
  }

  private static void assertBooks(Http http, String name, List<String> symbols, BinanceReference ref) throws Exception {
    for (String symbol : symbols) {
      var book = VenueFeedChecks.book(http, name + ":" + symbol);
      assertThat(book.get(0)).as(symbol + " bids").isEqualTo(ref.book(symbol, true, 1000));
      assertThat(book.get(1)).as(symbol + " asks").isEqualTo(ref.book(symbol, false, 1000));
    }
  }
}
