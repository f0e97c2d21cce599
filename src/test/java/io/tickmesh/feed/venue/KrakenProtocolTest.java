package io.tickmesh.feed.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.config.VenueFeed;
import io.vertx.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Kraken v1 frames, hand-written and from the capture: trades with made-up seqs, quotes, the book and its checksum. */
class KrakenProtocolTest {
  private final KrakenProtocol kraken = new KrakenProtocol(new VenueFeed(null, "kraken", "wss://ws.kraken.com",
      List.of("XBT/USD", "XMR/USD"), List.of("trade", "spread", "ticker", "book"), null));
  private final RecordedEvents out = new RecordedEvents();

  @Test
  void subscribesOnceAChannelWithEveryPair() {
    assertThat(kraken.subscriptions()).containsExactly(
        "{\"event\":\"subscribe\",\"pair\":[\"XBT/USD\",\"XMR/USD\"],\"subscription\":{\"name\":\"trade\"}}",
        "{\"event\":\"subscribe\",\"pair\":[\"XBT/USD\",\"XMR/USD\"],\"subscription\":{\"name\":\"spread\"}}",
        "{\"event\":\"subscribe\",\"pair\":[\"XBT/USD\",\"XMR/USD\"],\"subscription\":{\"name\":\"ticker\"}}",
        "{\"event\":\"subscribe\",\"pair\":[\"XBT/USD\",\"XMR/USD\"],\"subscription\":{\"name\":\"book\",\"depth\":1000}}");
  }

  @Test
  void tradesAreNumberedByTheirMicrosecondAndTheirRankInIt() {
    read("[0,[[\"5541.2\",\"0.15850568\",\"1534614057.321597\",\"s\",\"l\",\"\"],"
        + "[\"5542.50000\",\"0.40100000\",\"1534614057.321597\",\"s\",\"l\",\"\"]],\"trade\",\"XBT/USD\"]");
    read("[0,[[\"5542.6\",\"1\",\"1534614057.321597\",\"b\",\"m\",\"\"],[\"5543\",\"2\",\"1534614057.4\",\"b\",\"m\",\"\"]],\"trade\",\"XBT/USD\"]");
    assertThat(out.trades).containsExactly(
        "kraken:XBT/USD 1534614057321597000 1534614057321597000 554120000000 15850568",
        "kraken:XBT/USD 1534614057321597001 1534614057321597000 554250000000 40100000",
        "kraken:XBT/USD 1534614057321597002 1534614057321597000 554260000000 100000000",
        "kraken:XBT/USD 1534614057400000000 1534614057400000000 554300000000 200000000");
    assertThat(kraken.numbersTradesConsecutively()).isFalse();
  }

  @Test
  void aBadTradeRefusesTheWholeMessage() {
    assertRefused("[0,[[\"5541.2\",\"1\",\"1534614057.1\",\"s\",\"l\",\"\"],[\"-1\",\"1\",\"1534614057.2\",\"s\",\"l\",\"\"]],\"trade\",\"XBT/USD\"]",
        VenueProblem.BAD_MESSAGE, "trade price: expected a positive decimal");
    assertRefused("[0,[[\"5541.2\",\"1\",\"yesterday\"]],\"trade\",\"XBT/USD\"]", VenueProblem.BAD_MESSAGE, "trade time");
    assertRefused("[0,[],\"trade\",\"ETH/USD\"]", VenueProblem.UNKNOWN_PRODUCT, "'ETH/USD'");
    assertRefused("[0,[],\"ohlc-1\",\"XBT/USD\"]", VenueProblem.UNKNOWN_TYPE, "ohlc-1");
    assertRefused("{\"event\":\"subscriptionStatus\",\"status\":\"error\",\"errorMessage\":\"Currency pair not supported\",\"pair\":\"X/Y\"}",
        VenueProblem.VENUE_ERROR, "Currency pair not supported");
    assertRefused("[1,2]", VenueProblem.BAD_MESSAGE, "expected an event object");
    assertThat(out.trades).isEmpty();
  }

  @Test
  void spreadsAndTickersAreQuotes() {
    read("[0,[\"5698.40000\",\"5700.00000\",\"1542057299.545897\",\"1.01234567\",\"0.98765432\"],\"spread\",\"XBT/USD\"]");
    read("[0,{\"a\":[\"355.24\",27,\"27.19106411\"],\"b\":[\"354.32\",6,\"6.87748868\"],\"c\":[\"355.23\",\"1.2\"]},\"ticker\",\"XMR/USD\"]");
    assertThat(out.quotes).containsExactly(
        "kraken:XBT/USD 1542057299545897 1542057299545897000 569840000000 101234567 570000000000 98765432",
        "kraken:XMR/USD 1700000000000000 1700000000000000000 35432000000 687748868 35524000000 2719106411");
    assertRefused("[0,[\"5701\",\"5700\",\"1542057299.6\",\"1\",\"1\"],\"spread\",\"XBT/USD\"]", VenueProblem.BAD_MESSAGE, "crossed");
  }

  @Test
  void theChecksumOfAHandWrittenBook() {
    read("[0,{\"as\":[[\"0.05005\",\"0.00000500\",\"1582905487.684110\"],[\"0.05010\",\"0.00000500\",\"1582905486.187983\"]],"
        + "\"bs\":[[\"0.05000\",\"0.00000500\",\"1582905487.439814\"]]},\"book-10\",\"XBT/USD\"]");
    PriceLevelBook book = kraken.books().iterator().next();
    // asks then bids, price then volume, each without its '.' and leading zeros
    assertThat(KrakenChecksum.of(book, 5, 8)).isEqualTo(checksumOf("5005" + "500" + "5010" + "500" + "5000" + "500"));
    read("[0,{\"b\":[[\"0.04999\",\"0.00001000\",\"1582905488.1\"]],\"c\":\"" + checksumOf("5005500" + "5010500" + "5000500" + "49991000")
        + "\"},\"book-10\",\"XBT/USD\"]");
    assertThat(kraken.counters()).containsEntry("checksumsVerified", 1L).containsEntry("checksumMismatches", 0L);
  }

  @Test
  void everyChecksumOfTheCapturedBookVerifiesAndAWrongOneResubscribes() throws Exception {
    List<String> frames = Files.readAllLines(Path.of("src/test/resources/crypto-ws/KRAKEN.ws.50.0")).stream()
        .filter(l -> l.contains(": [") && l.endsWith("\"XMR/USD\"]")).map(l -> l.substring(l.indexOf(": [") + 2)).toList();
    frames.forEach(this::read);
    long updates = frames.stream().filter(f -> f.contains("\"c\":\"")).count();
    assertThat(updates).isGreaterThan(100);
    assertThat(kraken.counters()).containsEntry("checksumsVerified", updates).containsEntry("checksumMismatches", 0L);
    String last = frames.get(frames.size() - 1);
    read(last.replaceFirst("\"c\":\"\\d+\"", "\"c\":\"12345\""));
    assertThat(kraken.counters()).containsEntry("checksumMismatches", 1L);
    assertThat(out.resyncs).singleElement().asString().contains("kraken:XMR/USD: checksum", "the venue's 12345");
    assertThat(out.sent).containsExactly(
        "{\"event\":\"unsubscribe\",\"pair\":[\"XMR/USD\"],\"subscription\":{\"name\":\"book\",\"depth\":1000}}",
        "{\"event\":\"subscribe\",\"pair\":[\"XMR/USD\"],\"subscription\":{\"name\":\"book\",\"depth\":1000}}");
    PriceLevelBook xmr = kraken.books().stream().filter(b -> b.symbol().equals("kraken:XMR/USD")).findFirst().orElseThrow();
    assertThat(xmr.state()).isEqualTo(PriceLevelBook.State.AWAITING_SNAPSHOT);
    read(frames.get(frames.size() - 1)); // updates wait for the snapshot
    assertThat(xmr.levelCount()).isZero();
    read(frames.get(0));
    assertThat(xmr.state()).isEqualTo(PriceLevelBook.State.SYNCED);
  }

  private static long checksumOf(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.US_ASCII));
    return crc.getValue();
  }

  private void read(String frame) {
    kraken.message(Json.decodeValue(frame), out);
  }

  private void assertRefused(String frame, VenueProblem problem, String detail) {
    assertThatThrownBy(() -> read(frame)).isInstanceOfSatisfying(VenueMessageException.class, e -> {
      assertThat(e.problem()).isEqualTo(problem);
      assertThat(e.detail()).contains(detail);
    });
  }
}
