package io.tickmesh.feed;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.feed.itch.ItchBooks;
import io.tickmesh.feed.itch.ItchSession;
import io.tickmesh.feed.itch.OrderBook;
import io.tickmesh.model.Decimals;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The depth of one ITCH session's books as JSON, made by one builder for both its uses: the answer to
 * {@code tm.itch.book} requests (GET {@code /api/v1/book/{sym}}), and {@code book.<SYM>}, published
 * conflated: every {@link #INTERVAL_MS}, each instrument whose book changed since the last publication is
 * published once, with its best {@code itch.bookDepth} levels a side. The instruments waiting are a set,
 * so it never holds more than the session's instruments ({@link BookPublisher} sends them out).
 *
 * <p>Threading: owned by the ITCH feed verticle; every method runs on its event loop.
 */
public final class ItchDepth {
  /** The most levels a side a request may ask for (as {@code GET /api/v1/book} allows). */
  static final int MAX_DEPTH = 1_000;

  /** The shortest time between two publications of one instrument's book. */
  public static final long INTERVAL_MS = 100;

  private final Vertx vertx;
  private final ItchBooks books;
  private final String feed;
  private final LongSupplier lastSeq;
  private final int depth;
  private final BookPublisher publisher;
  /** The books changed since the last publication, each once: those marked with {@link #round}. */
  private final List<OrderBook> changed = new ArrayList<>();
  private long round = 1;
  private long timer = -1;

  /** The depth of {@code books}, the session of feed {@code feed}, whose last message read is {@code lastSeq}. */
  public ItchDepth(Vertx vertx, TickmeshConfig config, ItchBooks books, String feed, LongSupplier lastSeq) {
    this.vertx = vertx;
    this.books = books;
    this.feed = feed;
    this.lastSeq = lastSeq;
    this.depth = config.itch().bookDepth();
    this.publisher = new BookPublisher(vertx, config);
  }

  /** Publishes the changed books every {@link #INTERVAL_MS} from now on. */
  public void start() {
    timer = vertx.setPeriodic(INTERVAL_MS, id -> publishChanged());
  }

  /** Publishes the last changes and stops the timer. */
  public void stop() {
    var unusedCancelled = vertx.cancelTimer(timer);
    publishChanged();
  }

  /** {@code book} changed: it goes out with the next publication. */
  public void changed(OrderBook book) {
    if (book.mark() != round) {
      book.mark(round);
      changed.add(book);
    }
  }

  /** Publishes each book that changed since the last publication, once. */
  public void publishChanged() {
    for (OrderBook book : changed) {
      publisher.publish(book.symbol(), json(book.symbol(), book, depth));
    }
    changed.clear();
    round++;
  }

  /** Books published since start. */
  public long published() {
    return publisher.published();
  }

  /**
   * Answers a {@code tm.itch.book} request, {@code {"symbol","depth"}} (any node may ask: checked here):
   * the levels, 404 without a book, 400 for a request that is not one.
   */
  public void answer(Message<?> request) {
    if (!(request.body() instanceof JsonObject body) || !(body.getValue("symbol") instanceof String symbol)
        || !(body.getValue("depth", depth) instanceof Integer levels) || levels < 1 || levels > MAX_DEPTH) {
      request.fail(400, "a book request is {\"symbol\": text, \"depth\": 1 to " + MAX_DEPTH + "}");
      return;
    }
    OrderBook book = books.book(symbol);
    if (book == null) {
      request.fail(404, "no order book of " + symbol + " in ITCH feed " + feed);
      return;
    }
    request.reply(json(symbol, book, levels));
  }

  private JsonObject json(String symbol, OrderBook book, int levels) {
    return DepthJson.of(symbol, feed, lastSeq.getAsLong(), book.changedNanos(), levels(book.levels(true, levels)),
        levels(book.levels(false, levels)));
  }

  private static List<BookLevel> levels(List<OrderBook.Level> levels) {
    List<BookLevel> out = new ArrayList<>(levels.size());
    for (OrderBook.Level l : levels) {
      out.add(new BookLevel(ItchSession.decimal(l.price()), l.shares() * Decimals.ONE, l.orders()));
    }
    return out;
  }
}
