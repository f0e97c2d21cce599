package io.tickmesh.feed;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.feed.venue.PriceLevelBook;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The depth of one venue feed's books, in the same JSON as the ITCH books ({@link DepthJson}): the answer
 * to {@code tm.venue.book.<name>} requests (GET {@code /api/v1/book/{sym}}), and {@code book.<SYM>},
 * published conflated every {@link ItchDepth#INTERVAL_MS} for each book that changed, at
 * {@code venues.bookDepth} levels a side. A book awaiting its snapshot (after a reconnect or a failed
 * check) is not published, and a request for it is answered 503 until it is synced again. The books
 * waiting are a set, so it never holds more than the feed's products.
 *
 * <p>Threading: owned by its venue feed verticle; every method runs on its event loop.
 */
final class VenueDepth {
  private final Vertx vertx;
  private final int depth;
  private final BookPublisher publisher;
  private final Map<String, PriceLevelBook> bySymbol = new HashMap<>();
  private final Set<PriceLevelBook> changed = new LinkedHashSet<>();
  private long timer = -1;

  VenueDepth(Vertx vertx, TickmeshConfig config, Collection<PriceLevelBook> books) {
    this.vertx = vertx;
    this.depth = config.venues().bookDepth();
    this.publisher = new BookPublisher(vertx, config);
    books.forEach(b -> bySymbol.put(b.symbol(), b));
  }

  /** Publishes the changed books every {@link ItchDepth#INTERVAL_MS} from now on. */
  void start() {
    timer = vertx.setPeriodic(ItchDepth.INTERVAL_MS, id -> publishChanged());
  }

  /** Publishes the last changes and stops the timer. */
  void stop() {
    var unusedCancelled = vertx.cancelTimer(timer);
    publishChanged();
  }

  /** {@code book} changed: it goes out with the next publication. */
  void changed(PriceLevelBook book) {
    var unused = changed.add(book);
  }

  private void publishChanged() {
    for (PriceLevelBook book : changed) {
      if (book.state() == PriceLevelBook.State.SYNCED) {
        publisher.publish(book.symbol(), json(book, depth));
      }
    }
    changed.clear();
  }

  /** Books published since start. */
  long published() {
    return publisher.published();
  }

  /** Answers a request {@code {"symbol","depth"}}: the levels; 404 without a book, 503 while it resyncs, 400 for a bad request. */
  void answer(Message<?> request) {
    if (!(request.body() instanceof JsonObject body) || !(body.getValue("symbol") instanceof String symbol)
        || !(body.getValue("depth", depth) instanceof Integer levels) || levels < 1 || levels > ItchDepth.MAX_DEPTH) {
      request.fail(400, "a book request is {\"symbol\": text, \"depth\": 1 to " + ItchDepth.MAX_DEPTH + "}");
      return;
    }
    PriceLevelBook book = bySymbol.get(symbol);
    if (book == null) {
      request.fail(404, "no order book of " + symbol + ": not a product of a venue feed with a book channel");
    } else if (book.state() != PriceLevelBook.State.SYNCED) {
      request.fail(503, "the book of " + symbol + " is resyncing: it waits for the venue's next snapshot");
    } else {
      request.reply(json(book, levels));
    }
  }

  private static JsonObject json(PriceLevelBook book, int levels) {
    return DepthJson.of(book.symbol(), book.symbol(), book.version(), book.changedNanos(), book.levels(true, levels),
        book.levels(false, levels));
  }
}
