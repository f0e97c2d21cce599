package io.tickmesh.feed.itch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The books of one ITCH session fed with fuzzed messages, turning what they make into the ticks an ITCH
 * feed routes (whose records check themselves), and checking the session's promises as it goes: message
 * numbers 1, 2, 3… with no gap, only framed messages of their type's length applied, a quote only from a
 * two-sided book that is not crossed, a reason with every reject. Any exception fails the fuzz target.
 */
final class BooksUnderFuzz implements ItchFramer.Sink, ItchBooks.Output {
  private static final ItchSession SESSION =
      new ItchSession("fuzz", LocalDate.of(2010, 12, 24), ZoneId.of("America/New_York"), 0);

  private final ItchBooks books = new ItchBooks(SESSION.midnightNanos());
  private long lastSeq;

  @Override
  public void message(long seq, byte[] b, int off, int len) {
    next(seq);
    assertThat(len).as("length of a message of type %c", (char) b[off]).isEqualTo(ItchLayout.length(b[off]));
    books.apply(seq, b, off, len, this);
  }

  @Override
  public void broken(long seq, String reason, byte[] b, int off, int len) {
    next(seq);
    assertThat(reason).isNotBlank();
  }

  @Override
  public void trade(long seq, String symbol, long tsNanos, long price, long shares) {
    var unused = ItchSession.trade(SESSION.tradesFeed(), seq, symbol, tsNanos, price, shares);
  }

  @Override
  public void quote(long seq, String symbol, long tsNanos, OrderBook.Top top) {
    assertThat(top.twoSided()).isTrue();
    var unused = ItchSession.quote(SESSION.quotesFeed(), seq, symbol, tsNanos, top);
  }

  @Override
  public void reject(long seq, String reason) {
    assertThat(reason).isNotBlank();
  }

  /** The last message number handed over, broken ones included. */
  long lastSeq() {
    return lastSeq;
  }

  private void next(long seq) {
    assertThat(seq).as("message number").isEqualTo(lastSeq + 1);
    lastSeq = seq;
  }
}
