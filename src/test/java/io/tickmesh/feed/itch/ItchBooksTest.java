package io.tickmesh.feed.itch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Decimals;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ITCH fixture day (12,012 messages, three instruments) framed and applied: the trades, the refused
 * messages and the final book of each instrument equal {@link ItchReference}'s; broken and inapplicable
 * messages are rejected with their sequence numbers and the rest goes on; a damaged copy of the day
 * ({@link DamagedDay}) equals the reference of its own bytes.
 */
class ItchBooksTest {
  /** The fixture: a complete invented ITCH 5.0 day whose length prefixes are all zero (DavZim/RITCH, MIT). */
  private static final Path DAY = ItchChecks.DAY;

  private static final class Recorder implements ItchFramer.Sink, ItchBooks.Output {
    final ItchFramer framer = new ItchFramer();
    final ItchBooks books = new ItchBooks(0);
    final List<ItchReference.Trade> trades = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();
    final Map<String, Integer> bookChanges = new TreeMap<>();
    int quotes;

    @Override
    public void message(long seq, byte[] b, int off, int len) {
      books.apply(seq, b, off, len, this);
    }

    @Override
    public void broken(long seq, String reason, byte[] b, int off, int len) {
      rejects.add(seq + " " + reason);
    }

    @Override
    public void trade(long seq, String symbol, long tsNanos, long price, long shares) {
      trades.add(new ItchReference.Trade(seq, symbol, tsNanos, BigDecimal.valueOf(price, 4), shares));
    }

    @Override
    public void bookChanged(OrderBook book) {
      bookChanges.merge(book.symbol(), 1, Integer::sum);
    }

    @Override
    public void quote(long seq, String symbol, long tsNanos, OrderBook.Top top) {
      assertThat(top.bid()).isLessThanOrEqualTo(top.ask());
      quotes++;
    }

    @Override
    public void reject(long seq, String reason) {
      rejects.add(seq + " " + reason);
    }
  }

  @Test
  void theFixtureDayGivesTheReferenceTradesAndBooks() throws Exception {
    Recorder r = read(DAY);
    ItchReference ref = ItchReference.of(DAY);
    assertThat(r.framer.lastSeq()).isEqualTo(ref.messages).isEqualTo(12_012);
    // The invented day deletes, executes, cancels or replaces 117 orders a message or two before it adds
    // them: each such message is refused (the order is not in the book), as in the reference.
    assertThat(ref.unknownOrders).hasSize(117);
    assertThat(r.rejects).allMatch(x -> x.contains("is not in the book"));
    assertThat(r.trades).hasSize(5_180);
    assertAsReference(r, ref);
    assertThat(r.books.listed(1)).isEqualTo("ALC");
    assertThat(r.books.tradingState("BOB")).isEqualTo('T');
  }

  @Test
  void theDamagedDayGivesTheReferenceRejectsTradesAndBooks(@TempDir Path dir) throws Exception {
    Path file = DamagedDay.write(dir);
    Recorder r = read(file);
    ItchReference ref = ItchReference.of(file);
    assertThat(r.framer.lastSeq()).isEqualTo(ref.messages);
    assertThat(ref.refused.values()).contains("order", "length", "type", "side", "symbol", "price", "end");
    assertAsReference(r, ref);
  }

  /** The file framed in chunks that cut messages anywhere, and applied. */
  private static Recorder read(Path file) throws Exception {
    byte[] day = Files.readAllBytes(file);
    Recorder r = new Recorder();
    for (int at = 0; at < day.length; at += 997) {
      r.framer.feed(day, at, Math.min(997, day.length - at), r);
    }
    r.framer.end(r);
    return r;
  }

  private static void assertAsReference(Recorder r, ItchReference ref) {
    assertThat(r.rejects).extracting(x -> Long.parseLong(x.substring(0, x.indexOf(' ')))).containsExactlyElementsOf(ref.refused.keySet());
    assertThat(r.trades).containsExactlyElementsOf(ref.trades);
    assertThat(r.quotes).isPositive();
    assertThat(r.bookChanges).as("book changes told per instrument").isEqualTo(ref.bookChanges);
    for (String symbol : List.of("ALC", "BOB", "CHAR")) {
      for (boolean buy : List.of(true, false)) {
        List<ItchReference.Level> got = r.books.book(symbol).levels(buy, Integer.MAX_VALUE).stream()
            .map(l -> new ItchReference.Level(BigDecimal.valueOf(l.price(), 4), l.shares(), l.orders())).toList();
        assertThat(got).as(symbol + (buy ? " bids" : " asks")).isEqualTo(ref.book(symbol, buy));
      }
      assertThat(r.books.book(symbol).changedNanos()).as(symbol + " last changed").isEqualTo(ref.lastBookChange.get(symbol));
    }
  }

  @Test
  void brokenMessagesAreRejectedWithTheirSequenceAndTheStreamGoesOn() {
    Recorder r = new Recorder();
    ItchFramer framer = new ItchFramer();
    ByteBuffer s = ByteBuffer.allocate(4096);
    add(s, 0, 'A', 7, 'B', 100, "XYZ", 1_000_000); // 1: rests 100 @ 100.0000
    message(s, 11, 'Z', new byte[10]); // 2: unknown type, length given
    message(s, 30, 'D', longBytes(7)); // 3: a delete claiming 30 bytes (D has 19)
    execute(s, 99, 10); // 4: execution of an order the book does not hold
    add(s, 0, 'A', 8, 'S', 100, "XYZ", 0); // 5: add at price 0
    add(s, 0, 'A', 7, 'S', 50, "XYZ", 1_010_000); // 6: order 7 again
    execute(s, 7, 150); // 7: more than rests
    execute(s, 7, 40); // 8: a trade of 40 @ 100
    add(s, 0, 'A', 9, 'B', 100, "NEW", 0); // 9: a refused add of an instrument never seen
    byte[] bytes = new byte[s.position()];
    s.flip().get(bytes);
    framer.feed(bytes, 0, bytes.length - 5, r);
    framer.feed(bytes, bytes.length - 5, 5, r);
    framer.feed(new byte[] {0, 0, 'E', 1, 2}, 0, 5, r); // 10: cut short by the end of the stream
    framer.end(r);

    assertThat(r.rejects).extracting(x -> x.substring(0, x.indexOf(' '))).containsExactly("2", "3", "4", "5", "6", "7", "9", "10");
    assertThat(r.rejects.get(0)).contains("unknown message type 0x5a");
    assertThat(r.rejects.get(1)).contains("type D of 30 bytes; ITCH 5.0 has 19");
    assertThat(r.rejects.get(2)).contains("order 99 is not in the book");
    assertThat(r.rejects.get(3)).contains("price 0");
    assertThat(r.rejects.get(4)).contains("order 7 already rests");
    assertThat(r.rejects.get(5)).contains("150 shares of an order with 100 resting");
    assertThat(r.rejects.get(6)).contains("add order 9: price 0");
    assertThat(r.rejects.get(7)).contains("ends inside a message");
    assertThat(r.books.book("NEW")).as("a refused add leaves no book behind").isNull();
    assertThat(r.trades).containsExactly(new ItchReference.Trade(8, "XYZ", 0, new BigDecimal("100.0000"), 40));
    assertThat(r.books.book("XYZ").levels(true, 10)).containsExactly(new OrderBook.Level(1_000_000, 60, 1));
  }

  @Test
  void anUnknownTypeWithoutALengthEndsTheFramingWithOneReject() {
    Recorder r = new Recorder();
    ItchFramer framer = new ItchFramer();
    byte[] bytes = {0, 0, 'Z', 1, 2, 3, 0, 0, 'S'};
    framer.feed(bytes, 0, bytes.length, r);
    framer.feed(bytes, 0, bytes.length, r);
    framer.end(r);
    assertThat(r.rejects).hasSize(1);
    assertThat(r.rejects.get(0)).startsWith("1 unknown message type 0x5a with no length");
  }

  /**
   * A quote carries its sizes scaled by 10^8 in a long: 22 orders of 4,294,967,295 shares at one price made a
   * level whose quote overflowed to a negative size, and the feed's QuoteTick threw on the event loop.
   */
  @Test
  void anAddOrReplacePastWhatAQuoteCanCarryIsRefused() {
    Recorder r = new Recorder();
    ByteBuffer s = ByteBuffer.allocate(4096);
    add(s, 0, 'A', 1, 'S', 100, "XYZ", 1_010_000);
    for (int ref = 2; ref <= 23; ref++) {
      add(s, 0, 'A', ref, 'B', -1, "XYZ", 1_000_000); // 4,294,967,295 shares each; the 22nd is one too many
    }
    add(s, 0, 'A', 24, 'B', 1, "XYZ", 990_000);
    replace(s, 24, 25, -1, 1_000_000); // the same, by a replace
    byte[] bytes = new byte[s.position()];
    s.flip().get(bytes);
    r.framer.feed(bytes, 0, bytes.length, r);
    r.framer.end(r);

    assertThat(r.rejects).containsExactly(
        "23 add order 23: the level at 1000000 (4 implied decimals) would hold more than 92233720368 shares, more than a quote's size can carry",
        "25 replace of order 24 by 25: the level at 1000000 (4 implied decimals) would hold more than 92233720368 shares, more than a quote's size can carry");
    OrderBook.Top top = r.books.book("XYZ").top();
    assertThat(top.bidShares()).isEqualTo(21 * 4_294_967_295L);
    assertThat(ItchSession.quote("itch:t:quotes", 1, "XYZ", 0, top).bidQty()).isEqualTo(21 * 4_294_967_295L * Decimals.ONE);
    assertThat(r.books.book("XYZ").levels(true, 5)).extracting(OrderBook.Level::price).containsExactly(1_000_000L, 990_000L);
  }

  /** A cross (Q) names its shares in 8 bytes: past 2^63 they were read as negative and the cross was dropped unsaid. */
  @Test
  void aCrossOfMoreSharesThanATradeMayHaveIsRefused() {
    Recorder r = new Recorder();
    ByteBuffer m = ByteBuffer.allocate(42);
    m.putShort((short) 0);
    header(m, 'Q');
    m.putLong(Long.MIN_VALUE).put(pad("XYZ")).putInt(1_000_000).putLong(1).put((byte) 'O');
    r.framer.feed(m.array(), 0, 42, r);
    assertThat(r.rejects).containsExactly("1 trade of 9223372036854775808 shares of XYZ: more than 10000000000");
  }

  private static void replace(ByteBuffer s, long ref, long newRef, int shares, int price) {
    ByteBuffer m = ByteBuffer.allocate(35);
    header(m, 'U');
    m.putLong(ref).putLong(newRef).putInt(shares).putInt(price);
    message(s, 0, 'U', m.array(), 35);
  }

  private static void add(ByteBuffer s, int prefix, char type, long ref, char side, int shares, String symbol, int price) {
    ByteBuffer m = ByteBuffer.allocate(36);
    header(m, type);
    m.putLong(ref).put((byte) side).putInt(shares).put(pad(symbol)).putInt(price);
    message(s, prefix, type, m.array(), 36);
  }

  private static void execute(ByteBuffer s, long ref, int shares) {
    ByteBuffer m = ByteBuffer.allocate(31);
    header(m, 'E');
    m.putLong(ref).putInt(shares).putLong(1);
    message(s, 0, 'E', m.array(), 31);
  }

  private static void header(ByteBuffer m, char type) {
    m.put((byte) type).putShort((short) 1).putShort((short) 0).putShort((short) 0).putInt(0);
  }

  private static void message(ByteBuffer s, int prefix, char type, byte[] body) {
    ByteBuffer m = ByteBuffer.allocate(1 + body.length);
    m.put((byte) type).put(body);
    message(s, prefix, type, m.array(), m.capacity());
  }

  private static void message(ByteBuffer s, int prefix, char type, byte[] whole, int length) {
    s.putShort((short) prefix).put(whole, 0, length);
  }

  private static byte[] longBytes(long v) {
    return ByteBuffer.allocate(29).putLong(10, v).array();
  }

  private static byte[] pad(String symbol) {
    return String.format("%-8s", symbol).getBytes(StandardCharsets.US_ASCII);
  }
}
