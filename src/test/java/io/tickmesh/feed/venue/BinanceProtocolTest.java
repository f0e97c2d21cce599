package io.tickmesh.feed.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.config.VenueFeed;
import io.tickmesh.feed.BookLevel;
import io.vertx.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binance spot and futures frames, hand-written: trades, quotes, the depth diffs' rules around a REST snapshot, and the kline check. */
class BinanceProtocolTest {
  private final BinanceProtocol spot = protocol("binance");
  private final BinanceProtocol futures = protocol("binance-futures");
  private final RecordedEvents out = new RecordedEvents();

  private static BinanceProtocol protocol(String venue) {
    return new BinanceProtocol(new VenueFeed(null, venue, "wss://x/stream", List.of("BTCUSDT"), null, null));
  }

  @Test
  void subscribesToEveryStreamOfEveryProduct() {
    assertThat(spot.subscriptions()).containsExactly("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\",\"btcusdt@bookTicker\","
        + "\"btcusdt@depth@100ms\",\"btcusdt@kline_1m\"],\"id\":1}");
  }

  @Test
  void tradesAndQuotesCarryTheVenuesIds() {
    read(spot, "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1633998523963,\"s\":\"BTCUSDT\",\"a\":15683430,"
        + "\"p\":\"0.35280000\",\"q\":\"58.00000000\",\"f\":19862790,\"l\":19862791,\"T\":1633998523963,\"m\":false}}");
    read(spot, "{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":12345,\"p\":\"1.5\",\"q\":\"2\",\"T\":1633998523964}");
    read(spot, "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":499869768,\"s\":\"BTCUSDT\",\"b\":\"0.3521\",\"B\":\"672\",\"a\":\"0.3526\",\"A\":\"3199\"}}");
    read(futures, "{\"e\":\"bookTicker\",\"u\":600859600576,\"s\":\"BTCUSDT\",\"b\":\"7.6110\",\"B\":\"2\",\"a\":\"7.6120\",\"A\":\"297\","
        + "\"T\":1626992741012,\"E\":1626992741017}");
    read(spot, "{\"result\":null,\"id\":1}");
    assertThat(out.trades).containsExactly("binance:BTCUSDT 15683430 1633998523963000000 35280000 5800000000",
        "binance:BTCUSDT 12345 1633998523964000000 150000000 200000000");
    assertThat(out.quotes).containsExactly("binance:BTCUSDT 499869768 1700000000000000000 35210000 67200000000 35260000 319900000000",
        "binance-futures:BTCUSDT 600859600576 1626992741012000000 761100000 200000000 761200000 29700000000");
  }

  @Test
  void badFramesAreRefusedWithTheirReasons() {
    assertRefused("{\"e\":\"aggTrade\",\"s\":\"ETHUSDT\"}", VenueProblem.UNKNOWN_PRODUCT, "'ETHUSDT'");
    assertRefused("{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"f\":5,\"l\":4,\"T\":1633998523963}",
        VenueProblem.BAD_MESSAGE, "l: expected a trade id not below f");
    assertRefused("{\"e\":\"markPrice\",\"s\":\"BTCUSDT\"}", VenueProblem.UNKNOWN_TYPE, "markPrice");
    assertRefused("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":1}", VenueProblem.VENUE_ERROR, "Invalid request");
    assertRefused("{\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"2\",\"B\":\"1\",\"a\":\"1\",\"A\":\"1\"}", VenueProblem.BAD_MESSAGE, "crossed");
    assertThat(out.trades).isEmpty();
  }

  @Test
  void aSpotBookStartsFromItsSnapshotAndAGapAsksForAnother() {
    diff(spot, 100, 102, 0, "[[\"10\",\"1\"]]", "[]");
    assertThat(out.snapshotsWanted).containsExactly("BTCUSDT /api/v3/depth?symbol=BTCUSDT&limit=1000");
    diff(spot, 103, 103, 0, "[]", "[[\"11\",\"2\"]]");
    spot.snapshot("BTCUSDT", Json.decodeValue("{\"lastUpdateId\":100,\"bids\":[[\"9\",\"5\"]],\"asks\":[[\"12\",\"5\"]]}"), out);
    PriceLevelBook book = spot.books().iterator().next();
    assertThat(book.state()).isEqualTo(PriceLevelBook.State.SYNCED);
    assertThat(book.levels(true, 5)).containsExactly(level("10", "1"), level("9", "5"));
    assertThat(book.levels(false, 5)).containsExactly(level("11", "2"), level("12", "5"));
    diff(spot, 104, 105, 0, "[[\"10\",\"0\"]]", "[]");
    assertThat(book.levels(true, 5)).containsExactly(level("9", "5"));
    diff(spot, 107, 108, 0, "[]", "[]"); // 106 missed
    assertThat(out.resyncs).singleElement().asString().contains("a depth diff 107..108 does not follow update id 105");
    assertThat(out.snapshotsWanted).hasSize(2);
    assertThat(book.state()).isEqualTo(PriceLevelBook.State.AWAITING_SNAPSHOT);
    spot.snapshot("BTCUSDT", Json.decodeValue("{\"lastUpdateId\":108,\"bids\":[],\"asks\":[[\"12\",\"1\"]]}"), out);
    assertThat(book.levels(false, 5)).containsExactly(level("12", "1"));
    assertThat(book.resyncs()).isEqualTo(1);
  }

  @Test
  void aFuturesBookFollowsThePreviousUpdateIds() {
    diff(futures, 500, 510, 490, "[[\"10\",\"1\"]]", "[]");
    futures.snapshot("BTCUSDT", Json.decodeValue("{\"lastUpdateId\":505,\"E\":1626992741017,\"bids\":[],\"asks\":[]}"), out);
    PriceLevelBook book = futures.books().iterator().next();
    assertThat(book.levels(true, 5)).containsExactly(level("10", "1"));
    diff(futures, 511, 520, 510, "[[\"10\",\"2\"]]", "[]");
    assertThat(book.levels(true, 5)).containsExactly(level("10", "2"));
    diff(futures, 530, 540, 525, "[]", "[]");
    assertThat(out.resyncs).singleElement().asString().contains("(pu 525) does not follow update id 520");
  }

  @Test
  void aClosedKlineIsComparedWithOurTradesOfTheMinuteFromAnOpenKlineOn() {
    // we come in mid-minute: the open kline up to trade 10 is the base, our trades 11 and 12 follow it
    kline(false, 1, 10, "7.60", "7.62", "7.59", "7.61", "100", 10);
    aggTrade(5, 11, 11, "7.63", "2");
    aggTrade(6, 12, 13, "7.62", "3");
    kline(true, 1, 13, "7.60", "7.63", "7.59", "7.62", "105", 13);
    assertThat(futures.counters()).containsEntry("klineChecks", 1L).containsEntry("klineMismatches", 0L);
    // the next minute from its first trade on, one trade's size not as the venue says
    aggTrade(7, 14, 14, "7.64", "1");
    kline(true, 14, 14, "7.64", "7.64", "7.64", "7.64", "2", 1);
    assertThat(futures.counters()).containsEntry("klineChecks", 2L).containsEntry("klineMismatches", 1L);
    assertThat(out.checksFailed).singleElement().asString().contains("binance-futures:BTCUSDT: kline_1m of minute 1626992760000",
        "is 7.64 7.64 7.64 7.64 2, 1; ours 7.64 7.64 7.64 7.64 1, 1");
  }

  @Test
  void aMinuteWithTradesMissedIsNotChecked() {
    aggTrade(1, 1, 1, "7.6", "1");
    aggTrade(3, 5, 5, "7.6", "1"); // trades 2 to 4 missed
    kline(true, 1, 5, "7.6", "7.6", "7.6", "7.6", "5", 5);
    assertThat(futures.counters()).containsEntry("klineChecks", 0L).containsEntry("klineSkipped", 1L);
  }

  private void aggTrade(long id, long first, long last, String px, String qty) {
    long minute = 1626992700000L + (first >= 14 ? 60_000 : 0);
    read(futures, "{\"e\":\"aggTrade\",\"E\":1,\"a\":" + id + ",\"s\":\"BTCUSDT\",\"p\":\"" + px + "\",\"q\":\"" + qty + "\",\"f\":" + first
        + ",\"l\":" + last + ",\"T\":" + (minute + 1000 + first) + ",\"m\":false}");
  }

  private void kline(boolean closed, long first, long last, String o, String h, String l, String c, String v, long n) {
    long start = 1626992700000L + (first >= 14 ? 60_000 : 0);
    read(futures, "{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"k\":{\"t\":" + start + ",\"T\":" + (start + 59_999)
        + ",\"s\":\"BTCUSDT\",\"i\":\"1m\",\"f\":" + first + ",\"L\":" + last + ",\"o\":\"" + o + "\",\"c\":\"" + c + "\",\"h\":\"" + h
        + "\",\"l\":\"" + l + "\",\"v\":\"" + v + "\",\"n\":" + n + ",\"x\":" + closed + "}}");
  }

  private void diff(BinanceProtocol p, long first, long last, long previous, String bids, String asks) {
    read(p, "{\"e\":\"depthUpdate\",\"E\":1626992741037,\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last
        + (previous > 0 ? ",\"pu\":" + previous : "") + ",\"b\":" + bids + ",\"a\":" + asks + "}");
  }

  private static BookLevel level(String px, String size) {
    return new BookLevel(io.tickmesh.model.Decimals.parse(px), io.tickmesh.model.Decimals.parse(size), 0);
  }

  private void read(BinanceProtocol p, String frame) {
    p.message(Json.decodeValue(frame), out);
  }

  private void assertRefused(String frame, VenueProblem problem, String detail) {
    assertThatThrownBy(() -> read(spot, frame)).isInstanceOfSatisfying(VenueMessageException.class, e -> {
      assertThat(e.problem()).isEqualTo(problem);
      assertThat(e.detail()).contains(detail);
    });
  }
}
