package io.tickmesh.feed.venue;

import io.tickmesh.config.VenueFeed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kraken's WebSocket API v1 ({@code wss://ws.kraken.com}): channel messages are arrays
 * {@code [channelID, data…, channelName, pair]}. {@code trade} gives trades, {@code spread} and
 * {@code ticker} quotes, {@code book-<depth>} a snapshot ({@code as}, {@code bs}) and then updates
 * ({@code a}, {@code b}) of a price-level book whose checksum ({@code c}, {@link KrakenChecksum}) is
 * verified after every update; a mismatch throws the book away and subscribes its pair's book again,
 * which brings a fresh snapshot. Events ({@code heartbeat}, {@code systemStatus}, {@code subscriptionStatus})
 * carry nothing, unless the venue reports an error.
 *
 * <p>Kraken v1 trades carry no id. A trade's seq is its time in microseconds times 1000 plus its rank
 * among the pair's trades of that same microsecond ({@link KrakenPair#tradeSeq}): deterministic, only
 * increasing, and the same for the same trades whatever the connection. Its limit: the venue's times are
 * all there is, so trades missed while disconnected cannot be counted, and a trade the venue sent twice
 * would be taken twice (v1 sends none again). Quotes are numbered by their time in microseconds.
 */
public final class KrakenProtocol implements VenueProtocol {
  /** The book depth subscribed to: the deepest the venue offers. */
  static final int BOOK_DEPTH = 1000;

  private final VenueFeed feed;
  private final Map<String, KrakenPair> pairs = new LinkedHashMap<>();
  private final List<PriceLevelBook> books = new ArrayList<>();
  private long checksumsVerified;
  private long checksumMismatches;

  /** The protocol of {@code feed}, a {@code kraken} feed. */
  public KrakenProtocol(VenueFeed feed) {
    this.feed = feed;
    for (String pair : feed.products()) {
      PriceLevelBook book = feed.wants("book") ? new PriceLevelBook(feed.symbol(pair)) : null;
      pairs.put(pair, new KrakenPair(feed.symbol(pair), book));
      if (book != null) {
        books.add(book);
      }
    }
  }

  @Override
  public List<String> subscriptions() {
    return feed.channels().stream().map(c -> subscription("subscribe", feed.products(), c)).toList();
  }

  private static String subscription(String event, List<String> pairs, String channel) {
    JsonObject subscription = new JsonObject().put("name", channel);
    if (channel.equals("book")) {
      subscription.put("depth", BOOK_DEPTH);
    }
    return new JsonObject().put("event", event).put("pair", new JsonArray(pairs)).put("subscription", subscription).encode();
  }

  @Override
  public void message(Object json, VenueEvents out) {
    if (json instanceof JsonObject m) {
      event(m);
      return;
    }
    if (!(json instanceof JsonArray a) || a.size() < 4) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "expected an event object or [channelID, data, channelName, pair]");
    }
    String channel = VenueFields.text(a.getValue(a.size() - 2), "channelName");
    String name = VenueFields.text(a.getValue(a.size() - 1), "pair");
    KrakenPair pair = pairs.get(name);
    if (pair == null) {
      throw new VenueMessageException(VenueProblem.UNKNOWN_PRODUCT, "'" + cut(name) + "' is not among the feed's pairs");
    }
    switch (channel) {
      case "trade" -> trades(pair, VenueFields.array(a.getValue(1), "trades"), out);
      case "spread" -> spread(pair, VenueFields.array(a.getValue(1), "spread"), out);
      case "ticker" -> ticker(pair, a.getValue(1), out);
      default -> {
        if (!channel.startsWith("book-") || pair.book() == null) {
          throw new VenueMessageException(VenueProblem.UNKNOWN_TYPE, "channel '" + cut(channel) + "'");
        }
        book(name, pair, a, channel, out);
      }
    }
  }

  private static void event(JsonObject m) {
    String event = VenueFields.text(m, "event");
    switch (event) {
      case "heartbeat", "systemStatus", "pong" -> { }
      case "subscriptionStatus" -> {
        if ("error".equals(m.getValue("status"))) {
          throw new VenueMessageException(VenueProblem.VENUE_ERROR, m.getValue("errorMessage") + " (" + m.getValue("pair") + ")");
        }
      }
      case "error" -> throw new VenueMessageException(VenueProblem.VENUE_ERROR, String.valueOf(m.getValue("errorMessage")));
      default -> throw new VenueMessageException(VenueProblem.UNKNOWN_TYPE, "event '" + cut(event) + "'");
    }
  }

  private static void trades(KrakenPair pair, JsonArray trades, VenueEvents out) {
    long[][] read = new long[trades.size()][];
    for (int i = 0; i < trades.size(); i++) {
      JsonArray t = VenueFields.array(trades.getValue(i), "trade");
      if (t.size() < 3) {
        throw VenueFields.bad("trade", t.encode(), "[price, volume, time, …]");
      }
      read[i] = new long[] {VenueFields.decimal(t.getValue(0), "trade price", 1), VenueFields.decimal(t.getValue(1), "trade volume", 1),
          VenueFields.epochSeconds(t.getValue(2), "trade time")};
    }
    for (long[] t : read) {
      out.trade(pair.symbol(), pair.tradeSeq(t[2]), false, t[2], t[0], t[1]);
    }
  }

  private static void spread(KrakenPair pair, JsonArray s, VenueEvents out) {
    if (s.size() < 5) {
      throw VenueFields.bad("spread", s.encode(), "[bid, ask, time, bidVolume, askVolume]");
    }
    long ts = VenueFields.epochSeconds(s.getValue(2), "spread time");
    quote(pair, ts, s.getValue(0), s.getValue(3), s.getValue(1), s.getValue(4), out);
  }

  /** A ticker has no time of its own: its quote is stamped when it arrived. */
  private static void ticker(KrakenPair pair, Object data, VenueEvents out) {
    if (!(data instanceof JsonObject t)) {
      throw VenueFields.bad("ticker", data, "an object");
    }
    JsonArray a = VenueFields.array(t, "a");
    JsonArray b = VenueFields.array(t, "b");
    if (a.size() < 3 || b.size() < 3) {
      throw VenueFields.bad("ticker", t.encode(), "a and b as [price, wholeLotVolume, lotVolume]");
    }
    quote(pair, out.receivedNanos(), b.getValue(0), b.getValue(2), a.getValue(0), a.getValue(2), out);
  }

  private static void quote(KrakenPair pair, long ts, Object bidText, Object bidQtyText, Object askText, Object askQtyText, VenueEvents out) {
    long bid = VenueFields.decimal(bidText, "bid", 1);
    long ask = VenueFields.decimal(askText, "ask", 1);
    if (bid > ask) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "crossed: bid " + bidText + " above ask " + askText);
    }
    long bidQty = VenueFields.decimal(bidQtyText, "bid volume", 0);
    long askQty = VenueFields.decimal(askQtyText, "ask volume", 0);
    out.quote(pair.symbol(), pair.quoteSeq(ts), ts, bid, bidQty, ask, askQty);
  }

  private void book(String name, KrakenPair pair, JsonArray a, String channel, VenueEvents out) {
    KrakenBookMessage m = KrakenBookMessage.read(a, channel);
    PriceLevelBook book = pair.book();
    if (m.snapshot()) {
      book.beginSnapshot();
      if (!m.applyTo(pair)) {
        overflow(book, out);
        return;
      }
      book.synced(m.tsNanos());
      out.bookChanged(book);
      return;
    }
    if (book.state() != PriceLevelBook.State.SYNCED) {
      return; // waits for its snapshot, which replaces all it would change
    }
    if (!m.applyTo(pair)) {
      overflow(book, out);
      return;
    }
    if (m.checksum() >= 0) {
      long ours = KrakenChecksum.of(book, pair.priceDecimals(), pair.volumeDecimals());
      if (ours != m.checksum()) {
        checksumMismatches++;
        book.desync();
        out.bookResync(book, "checksum " + ours + " of the top " + KrakenChecksum.LEVELS + " levels, the venue's " + m.checksum()
            + ": subscribing to its book again");
        out.send(subscription("unsubscribe", List.of(name), "book"));
        out.send(subscription("subscribe", List.of(name), "book"));
        return;
      }
      checksumsVerified++;
    }
    book.changed(m.tsNanos());
    out.bookChanged(book);
  }

  private static void overflow(PriceLevelBook book, VenueEvents out) {
    book.desync();
    out.bookResync(book, "a side longer than " + PriceLevelBook.MAX_LEVELS + " levels");
  }

  private static String cut(String s) {
    return s.length() > 32 ? s.substring(0, 32) : s;
  }

  @Override
  public boolean numbersTradesConsecutively() {
    return false;
  }

  @Override
  public void disconnected() {
    books.forEach(PriceLevelBook::desync);
  }

  @Override
  public Collection<PriceLevelBook> books() {
    return books;
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of("checksumsVerified", checksumsVerified, "checksumMismatches", checksumMismatches);
  }
}
