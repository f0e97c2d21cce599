package io.tickmesh.cli;

import io.tickmesh.feed.itch.ItchBooks;
import io.tickmesh.feed.itch.ItchFramer;
import io.tickmesh.feed.itch.ItchSession;
import io.tickmesh.feed.itch.OrderBook;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.Tick;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ticks a Nasdaq TotalView-ITCH 5.0 file (BinaryFILE, length prefixes real or zero) makes, as JSON
 * lines for a node's TCP feed: the file framed by {@link ItchFramer} and applied to the session's books
 * by {@link ItchBooks} here, in the command's process, exactly as a node's own ITCH feed does. Trades go
 * as feed {@code itch:<session>:trades} and tops of book as {@code itch:<session>:quotes}, each with the
 * message's sequence number as seq, so the node stores what its own feed of the file would, and dedupes
 * one against the other. Messages the books refuse are not sent: they are counted, and the first few kept
 * with their reasons for the summary. Reads block: used on a worker only.
 */
final class ItchLineSource extends ChunkedLineSource implements ItchFramer.Sink, ItchBooks.Output {
  private static final int READ_BYTES = 64 * 1024;
  private static final int REFUSALS_KEPT = 20;

  private final ItchSession session;
  private final String tradesFeed;
  private final String quotesFeed;
  private final ItchFramer framer = new ItchFramer();
  private final ItchBooks books;
  private final List<String> refusals = new ArrayList<>();
  private long trades;
  private long quotes;
  private long refused;

  /** The ticks of {@code file}, read as ITCH session {@code session}. */
  ItchLineSource(Path file, ItchSession session) throws IOException {
    super(Files.newInputStream(file), READ_BYTES);
    this.session = session;
    this.tradesFeed = session.tradesFeed();
    this.quotesFeed = session.quotesFeed();
    this.books = new ItchBooks(session.midnightNanos());
  }

  @Override
  void chunk(byte[] b, int off, int len) {
    framer.feed(b, off, len, this);
  }

  @Override
  void finish() {
    framer.end(this);
  }

  @Override
  public long expected() {
    return -1; // the lines are made as the file is read
  }

  @Override
  public void message(long seq, byte[] b, int off, int len) {
    books.apply(seq, b, off, len, this);
  }

  @Override
  public void broken(long seq, String reason, byte[] b, int off, int len) {
    reject(seq, reason);
  }

  @Override
  public void trade(long seq, String symbol, long tsNanos, long price, long shares) {
    trades++;
    add(ItchSession.trade(tradesFeed, seq, symbol, tsNanos, price, shares));
  }

  @Override
  public void quote(long seq, String symbol, long tsNanos, OrderBook.Top top) {
    quotes++;
    add(ItchSession.quote(quotesFeed, seq, symbol, tsNanos, top));
  }

  /** The tick as the line of the feed contract the node's own ITCH feed would have routed. */
  private void add(Tick tick) {
    ready(new OutLine(tick.feed(), tick.seq(), JsonViews.tickLine(tick).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void reject(long seq, String reason) {
    refused++;
    if (refusals.size() < REFUSALS_KEPT) {
      refusals.add("ITCH message " + seq + ": " + reason);
    }
  }

  /** What the file made, on {@code out}; the refused messages, the first few with their reasons, on {@code err}. */
  void printSummary(PrintStream out, PrintStream err) {
    out.printf("ITCH session %s: %,d messages read, %,d trades (%s) and %,d quotes (%s) made; %,d messages refused by the books"
        + " (not sent)%n", session.name(), framer.lastSeq(), trades, session.tradesFeed(), quotes, session.quotesFeed(), refused);
    for (String refusal : refusals) {
      err.println("  refused: " + refusal);
    }
    if (refused > refusals.size()) {
      err.printf("  … and %,d more refused%n", refused - refusals.size());
    }
  }
}
