package io.tickmesh.feed.venue;

import io.tickmesh.config.VenueFeed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Coinbase Exchange WebSocket feed ({@code wss://ws-feed.exchange.coinbase.com}): {@code match} and
 * {@code last_match} (channel {@code matches}) are trades numbered by their {@code trade_id};
 * {@code ticker} is a quote (best bid and ask, their sizes where the message has them) numbered by the
 * channel's {@code sequence}; {@code snapshot} and {@code l2update} (channel {@code level2}) keep a book of
 * price levels per product. {@code subscriptions} and {@code heartbeat} carry nothing; {@code error} is the
 * venue refusing something, a reject. Level2 updates carry no sequence numbers: a book is trusted from its
 * snapshot on, on one connection; after a reconnect it waits for the snapshot the subscribe brings.
 * With a {@link CoinbaseKey} each subscribe is signed afresh (the venue refuses an old timestamp), which the
 * live venue requires for {@code level2}.
 */
public final class CoinbaseProtocol implements VenueProtocol {
  private final VenueFeed feed;
  /** Signs the subscribes; null: they go unsigned. */
  private final CoinbaseKey key;
  /** Product id to its symbol. */
  private final Map<String, String> symbols = new HashMap<>();
  /** Product id to its book (level2 only), in the order configured. */
  private final Map<String, PriceLevelBook> books = new LinkedHashMap<>();

  /** The protocol of {@code feed}, a {@code coinbase} feed, its subscribes signed with {@code key} (null: unsigned). */
  public CoinbaseProtocol(VenueFeed feed, CoinbaseKey key) {
    this.feed = feed;
    this.key = key;
    feed.products().forEach(p -> symbols.put(p, feed.symbol(p)));
    if (feed.wants("level2")) {
      feed.products().forEach(p -> books.put(p, new PriceLevelBook(feed.symbol(p))));
    }
  }

  @Override
  public List<String> subscriptions() {
    JsonObject subscribe = new JsonObject().put("type", "subscribe").put("product_ids", new JsonArray(feed.products()))
        .put("channels", new JsonArray(feed.channels()));
    return List.of((key == null ? subscribe : key.sign(subscribe, System.currentTimeMillis() / 1000)).encode());
  }

  @Override
  public void message(Object json, VenueEvents out) {
    if (!(json instanceof JsonObject m)) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "expected a JSON object");
    }
    String type = VenueFields.text(m, "type");
    switch (type) {
      case "match", "last_match" -> out.trade(symbol(m), VenueFields.integer(m, "trade_id"), type.equals("last_match"),
          VenueFields.time(m, "time"), VenueFields.decimal(m, "price", 1), VenueFields.decimal(m, "size", 1));
      case "ticker" -> ticker(m, out);
      case "snapshot" -> snapshot(m, out);
      case "l2update" -> update(m, out);
      case "subscriptions", "heartbeat" -> { }
      case "error" -> throw new VenueMessageException(VenueProblem.VENUE_ERROR,
          m.getValue("message") + (m.getValue("reason") == null ? "" : " (" + m.getValue("reason") + ")"));
      default -> throw new VenueMessageException(VenueProblem.UNKNOWN_TYPE, "'" + (type.length() > 32 ? type.substring(0, 32) : type) + "'");
    }
  }

  private void ticker(JsonObject m, VenueEvents out) {
    String symbol = symbol(m);
    long bid = VenueFields.decimal(m, "best_bid", 1);
    long ask = VenueFields.decimal(m, "best_ask", 1);
    if (bid > ask) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "crossed: best_bid " + m.getValue("best_bid") + " above best_ask "
          + m.getValue("best_ask"));
    }
    long bidQty = m.containsKey("best_bid_size") ? VenueFields.decimal(m, "best_bid_size", 0) : 0;
    long askQty = m.containsKey("best_ask_size") ? VenueFields.decimal(m, "best_ask_size", 0) : 0;
    out.quote(symbol, VenueFields.integer(m, "sequence"), VenueFields.time(m, "time"), bid, bidQty, ask, askQty);
  }

  private void snapshot(JsonObject m, VenueEvents out) {
    PriceLevelBook book = book(m);
    JsonArray bids = VenueFields.array(m, "bids");
    JsonArray asks = VenueFields.array(m, "asks");
    // read every level before touching the book: a bad snapshot leaves the book as it was
    long[][] bidLevels = levels(bids, "bids");
    long[][] askLevels = levels(asks, "asks");
    book.beginSnapshot();
    boolean fits = load(book, true, bidLevels) && load(book, false, askLevels);
    if (!fits) {
      book.desync();
      out.bookResync(book, "the snapshot has more than " + PriceLevelBook.MAX_LEVELS + " levels a side");
      return;
    }
    // a snapshot without a time of its own (as in 2021) stands as of the book's last change
    book.synced(m.containsKey("time") ? VenueFields.time(m, "time") : book.changedNanos());
    out.bookChanged(book);
  }

  private void update(JsonObject m, VenueEvents out) {
    PriceLevelBook book = book(m);
    long ts = VenueFields.time(m, "time");
    JsonArray changes = VenueFields.array(m, "changes");
    long[][] levels = new long[changes.size()][];
    for (int i = 0; i < changes.size(); i++) {
      JsonArray c = VenueFields.array(changes.getValue(i), "changes");
      if (c.size() != 3 || !("buy".equals(c.getValue(0)) || "sell".equals(c.getValue(0)))) {
        throw VenueFields.bad("changes", c.encode(), "[\"buy\" or \"sell\", price, size]");
      }
      levels[i] = new long[] {"buy".equals(c.getValue(0)) ? 1 : 0, VenueFields.decimal(c.getValue(1), "changes price", 1),
          VenueFields.decimal(c.getValue(2), "changes size", 0)};
    }
    if (book.state() != PriceLevelBook.State.SYNCED) {
      return; // waits for its snapshot, which replaces all it would change
    }
    for (long[] l : levels) {
      if (!book.set(l[0] == 1, l[1], l[2])) {
        book.desync();
        out.bookResync(book, "an update makes a side longer than " + PriceLevelBook.MAX_LEVELS + " levels");
        return;
      }
    }
    book.changed(ts);
    out.bookChanged(book);
  }

  private static long[][] levels(JsonArray side, String field) {
    long[][] out = new long[side.size()][];
    for (int i = 0; i < side.size(); i++) {
      JsonArray l = VenueFields.array(side.getValue(i), field);
      if (l.size() < 2) {
        throw VenueFields.bad(field, l.encode(), "[price, size]");
      }
      out[i] = new long[] {VenueFields.decimal(l.getValue(0), field + " price", 1), VenueFields.decimal(l.getValue(1), field + " size", 1)};
    }
    return out;
  }

  private static boolean load(PriceLevelBook book, boolean buy, long[][] levels) {
    for (long[] l : levels) {
      if (!book.set(buy, l[0], l[1])) {
        return false;
      }
    }
    return true;
  }

  private String symbol(JsonObject m) {
    String product = VenueFields.text(m, "product_id");
    String symbol = symbols.get(product);
    if (symbol == null) {
      throw new VenueMessageException(VenueProblem.UNKNOWN_PRODUCT, "'" + (product.length() > 32 ? product.substring(0, 32) : product)
          + "' is not among the feed's products");
    }
    return symbol;
  }

  private PriceLevelBook book(JsonObject m) {
    String symbol = symbol(m);
    PriceLevelBook book = books.get(m.getString("product_id"));
    if (book == null) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "a book message of " + symbol + ", but the feed takes no level2");
    }
    return book;
  }

  @Override
  public void disconnected() {
    books.values().forEach(PriceLevelBook::desync);
  }

  @Override
  public Collection<PriceLevelBook> books() {
    return books.values();
  }
}
