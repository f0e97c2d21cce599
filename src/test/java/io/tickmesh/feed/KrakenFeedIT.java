package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.venue.KrakenReference;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.VenueReplayServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, acceptance 1 to 3 for Kraken: the three Kraken captures (trades, tickers, book of ten pairs,
 * 2021-04-17) merged in arrival order and replayed by a real WebSocket server ({@link VenueReplayServer}) to
 * a node with a {@code kraken} feed of channels trade, ticker and book. Every trade is applied once, the
 * 1-second and 1-minute bars and the books equal {@link KrakenReference}'s, and every book checksum of the
 * capture verifies; with three drops mid-capture (200 frames missed each, fresh snapshots on each
 * subscribe, as the venue sends them) nothing is counted twice and the books resync; garbage, cut-off and
 * wrong frames are rejects with their reasons, and a corrupted checksum resubscribes that pair's book,
 * whose fresh snapshot (the server's answer) makes it right again.
 */
class KrakenFeedIT {
  @Test
  void theCaptureGivesTheReferenceTradesBarsAndBooksAndEveryChecksumVerifies() throws Exception {
    List<String> frames = KrakenReference.received();
    KrakenReference ref = new KrakenReference();
    frames.forEach(ref::apply);
    long checksummed = frames.stream().filter(f -> f.contains("\"book-1000\"") && f.contains("\"c\":\"")).count();
    assertThat(ref.checksummedUpdates()).isEqualTo(checksummed).isEqualTo(4269);
    try (VenueReplayServer server = VenueReplayServer.start(List.of(frames));
        InProcessNode node = InProcessNode.start(settings(server))) {
      JsonObject feed = awaitFeed(node.http(), frames.size(), ref);
      assertThat(feed.getLong("ticksRejected")).isZero();
      assertThat(feed.getLong("checksumsVerified")).isEqualTo(checksummed);
      assertThat(feed.getLong("checksumMismatches")).isZero();
      assertThat(feed.getLong("bookResyncs")).isZero();
      assertAsReference(node.http(), ref);
      assertThat(server.subscribes()).hasSize(1);
      assertThat(server.laterMessages()).hasSize(2); // the ticker and book subscribes after the trade one
    }
  }

  @Test
  void threeDropsMidCaptureResyncTheBooksAndCountNothingTwice() throws Exception {
    List<String> frames = KrakenReference.received();
    KrakenReference venue = new KrakenReference();
    KrakenReference delivered = new KrakenReference();
    List<List<String>> sessions = VenueFeedChecks.threeDrops(frames, f -> true, venue::apply, venue::onSubscribe, delivered::apply);
    assertThat(delivered.allTrades()).as("the cuts skip trades").hasSizeLessThan(venue.allTrades().size());
    try (VenueReplayServer server = VenueReplayServer.start(sessions);
        InProcessNode node = InProcessNode.start(settings(server))) {
      JsonObject feed = awaitFeed(node.http(), sessions.stream().mapToLong(List::size).sum(), delivered);
      assertThat(feed.getLong("connects")).isEqualTo(4);
      assertThat(feed.getLong("disconnects")).isEqualTo(3);
      assertThat(feed.getLong("bookResyncs")).isEqualTo(3L * KrakenReference.pairs().size());
      assertThat(feed.getLong("checksumsVerified")).isEqualTo(delivered.checksummedUpdates());
      assertThat(feed.getLong("checksumMismatches")).isZero();
      assertThat(feed.getLong("duplicates")).isZero();
      assertThat(feed.getLong("ticksRejected")).isZero();
      assertAsReference(node.http(), delivered);
    }
  }

  @Test
  void badFramesAreRejectsAndACorruptedChecksumResubscribesTheBook() throws Exception {
    List<String> frames = KrakenReference.received();
    int at = frames.size() / 2;
    while (!(frames.get(at).contains("\"XMR/USD\"]") && frames.get(at).contains("\"c\":\""))) {
      at++;
    }
    List<String> session = new ArrayList<>(frames.subList(0, at));
    List<String> truth = new ArrayList<>(session); // what the venue meant: the reference's state after each frame sent
    List<String> bad = List.of("garbage{{", "[1360,{\"a\":[[\"0.0000229", "[0,[],\"trade\",\"DOGE/USD\"]",
        "[0,[[\"-1\",\"1\",\"1618678150.1\",\"s\",\"l\",\"\"]],\"trade\",\"XMR/USD\"]", "{\"event\":\"shout\"}");
    session.addAll(bad);
    bad.forEach(b -> truth.add("{}"));
    session.add(frames.get(at).replaceFirst("\"c\":\"\\d+\"", "\"c\":\"1\""));
    truth.add(frames.get(at));
    session.addAll(frames.subList(at + 1, frames.size()));
    truth.addAll(frames.subList(at + 1, frames.size()));
    KrakenReference ref = new KrakenReference();
    truth.forEach(ref::apply);
    VenueReplayServer.Venue resubscribes = new VenueReplayServer.Venue() {
      @Override
      public List<String> answer(int k, int sent, String text) {
        JsonObject m = new JsonObject(text);
        if (!"subscribe".equals(m.getString("event")) || m.getJsonArray("pair").size() != 1) {
          return List.of(); // an unsubscribe, or the first subscribes of the other channels
        }
        KrakenReference now = new KrakenReference();
        truth.subList(0, sent).forEach(now::apply);
        return List.of(now.snapshot(m.getJsonArray("pair").getString(0)));
      }
    };
    try (VenueReplayServer server = VenueReplayServer.start(List.of(session), resubscribes);
        InProcessNode node = InProcessNode.start(settings(server))) {
      Http http = node.http();
      JsonObject feed = awaitFeed(http, session.size() + 1, ref);
      VenueFeedChecks.assertProblems(http, "kraken", feed, Map.of("not_json", 2L, "unknown_product", 1L, "bad_message", 1L,
          "unknown_type", 1L, "book_resync", 1L));
      assertThat(feed.getLong("ticksRejected")).isEqualTo(5);
      assertThat(feed.getLong("checksumMismatches")).isEqualTo(1);
      assertThat(feed.getLong("bookResyncs")).isEqualTo(1);
      assertThat(VenueFeedChecks.rejectReasons(http, "kraken"))
          .anyMatch(r -> r.contains("not JSON")).anyMatch(r -> r.contains("'DOGE/USD' is not among the feed's pairs"))
          .anyMatch(r -> r.contains("trade price: expected a positive decimal"));
      assertThat(server.laterMessages()).contains(
          "{\"event\":\"unsubscribe\",\"pair\":[\"XMR/USD\"],\"subscription\":{\"name\":\"book\",\"depth\":1000}}",
          "{\"event\":\"subscribe\",\"pair\":[\"XMR/USD\"],\"subscription\":{\"name\":\"book\",\"depth\":1000}}");
      assertAsReference(http, ref);
    }
  }

  private static Map<String, Object> settings(VenueReplayServer server) {
    return VenueFeedChecks.settings(Map.of("venue", "kraken", "url", server.url(), "products", KrakenReference.pairs(),
        "channels", List.of("trade", "ticker", "book")));
  }

  private static JsonObject awaitFeed(Http http, long messages, KrakenReference ref) throws Exception {
    return VenueFeedChecks.awaitFeed(http, "kraken", messages, KrakenReference.pairs().size(), ref.allTrades().size(), ref.tickers());
  }

  private static void assertAsReference(Http http, KrakenReference ref) throws Exception {
    VenueFeedChecks.assertBars(http, ref.trades.keySet(), ref.allTrades());
    for (String pair : KrakenReference.pairs()) {
      var book = VenueFeedChecks.book(http, "kraken:" + pair);
      assertThat(book.get(0)).as(pair + " bids").isEqualTo(ref.book(pair, true, 1000));
      assertThat(book.get(1)).as(pair + " asks").isEqualTo(ref.book(pair, false, 1000));
    }
  }
}
