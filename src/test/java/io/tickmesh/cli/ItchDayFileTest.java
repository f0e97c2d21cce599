package io.tickmesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.itch.ItchBooks;
import io.tickmesh.feed.itch.ItchFramer;
import io.tickmesh.feed.itch.ItchReference;
import io.tickmesh.feed.itch.OrderBook;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The day {@code bench-itch} measures is a valid one: nothing refused, and the books equal the independent reference's. */
class ItchDayFileTest {
  @Test
  void theGeneratedDayIsValidAndItsBooksAreTheReferences(@TempDir Path dir) throws Exception {
    Path day = dir.resolve("day.itch");
    assertThat(ItchDayFile.ensure(day, 20, 30_000, 7)).isTrue();
    assertThat(ItchDayFile.ensure(day, 20, 30_000, 7)).as("kept, not written again").isFalse();
    ItchReference ref = ItchReference.of(day);
    assertThat(ref.messages).isEqualTo(30_000);
    assertThat(ref.refused).isEmpty();

    List<String> rejects = new ArrayList<>();
    long[] trades = new long[1];
    ItchBooks books = new ItchBooks(0);
    ItchBooks.Output out = new ItchBooks.Output() {
      @Override
      public void trade(long seq, String symbol, long tsNanos, long price, long shares) {
        trades[0]++;
      }

      @Override
      public void quote(long seq, String symbol, long tsNanos, OrderBook.Top top) {}

      @Override
      public void reject(long seq, String reason) {
        rejects.add(seq + ": " + reason);
      }
    };
    byte[] bytes = Files.readAllBytes(day);
    ItchFramer framer = new ItchFramer();
    framer.feed(bytes, 0, bytes.length, books.applying(out));
    assertThat(rejects).isEmpty();
    assertThat(trades[0]).isEqualTo(ref.trades.size()).isPositive();
    assertThat(books.restingOrders()).isBetween(20 * 4, 20 * ItchDayFile.RESTING_PER_SYMBOL * 2);
    for (int s = 0; s < 20; s++) {
      String symbol = ItchDayFile.symbol(s);
      for (boolean buy : new boolean[] {true, false}) {
        List<ItchReference.Level> got = books.book(symbol).levels(buy, Integer.MAX_VALUE).stream()
            .map(l -> new ItchReference.Level(BigDecimal.valueOf(l.price(), 4), l.shares(), l.orders())).toList();
        assertThat(got).as(symbol + (buy ? " bids" : " asks")).isEqualTo(ref.book(symbol, buy));
      }
    }
  }
}
