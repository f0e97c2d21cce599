package io.tickmesh.feed.venue;

import io.tickmesh.config.VenueFeed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binance's market streams, spot ({@code binance}, {@code wss://stream.binance.com:9443/stream}) and USD-M
 * futures ({@code binance-futures}, {@code wss://fstream.binance.com/stream}), subscribed with
 * {@code SUBSCRIBE} on a combined stream ({@code {"stream","data"}}; raw payloads are taken too).
 * {@code trade} and {@code aggTrade} are trades numbered by the trade id or the aggregate trade id;
 * {@code bookTicker} is a quote numbered by its update id {@code u}; {@code depthUpdate} diffs keep a book
 * from a REST snapshot ({@link BinanceBook}, {@code /api/v3/depth} or {@code /fapi/v1/depth} of the feed's
 * {@code snapshotUrl}); a closed {@code kline_1m} is checked against our bar of the minute
 * ({@link KlineCheck}), never applied. Products are written as the venue writes them ({@code BTCUSDT}).
 */
public final class BinanceProtocol implements VenueProtocol {
  /** Levels asked of a REST snapshot. */
  static final int SNAPSHOT_LIMIT = 1000;
  /** The most streams one SUBSCRIBE names (the futures venue's limit per connection is 200). */
  static final int STREAMS_PER_SUBSCRIBE = 200;
  private static final Map<String, String> STREAMS = Map.of("trade", "@trade", "aggTrade", "@aggTrade", "bookTicker", "@bookTicker",
      "depth", "@depth@100ms", "kline_1m", "@kline_1m");

  private final VenueFeed feed;
  private final boolean futures;
  private final Map<String, String> symbols = new HashMap<>();
  private final Map<String, BinanceBook> books = new LinkedHashMap<>();
  private final KlineCheck klines = new KlineCheck();

  /** The protocol of {@code feed}, a {@code binance} or {@code binance-futures} feed. */
  public BinanceProtocol(VenueFeed feed) {
    this.feed = feed;
    this.futures = feed.venue().equals("binance-futures");
    feed.products().forEach(p -> symbols.put(p, feed.symbol(p)));
    if (feed.wants("depth")) {
      feed.products().forEach(p -> books.put(p, new BinanceBook(new PriceLevelBook(feed.symbol(p)), futures)));
    }
  }

  @Override
  public List<String> subscriptions() {
    List<String> streams = new ArrayList<>();
    feed.products().forEach(p -> feed.channels().forEach(c -> streams.add(p.toLowerCase(Locale.ROOT) + STREAMS.get(c))));
    List<String> out = new ArrayList<>();
    for (int from = 0; from < streams.size(); from += STREAMS_PER_SUBSCRIBE) {
      List<String> some = streams.subList(from, Math.min(streams.size(), from + STREAMS_PER_SUBSCRIBE));
      out.add(new JsonObject().put("method", "SUBSCRIBE").put("params", new JsonArray(some)).put("id", out.size() + 1).encode());
    }
    return out;
  }

  @Override
  public void message(Object json, VenueEvents out) {
    if (!(json instanceof JsonObject wrapper)) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "expected a JSON object");
    }
    JsonObject m = wrapper.containsKey("stream") && wrapper.getValue("data") instanceof JsonObject data ? data : wrapper;
    if (m.containsKey("error") || m.containsKey("code") && m.containsKey("msg")) {
      Object error = m.getValue("error") instanceof JsonObject e ? e.getValue("msg") : m.getValue("error", m.getValue("msg"));
      throw new VenueMessageException(VenueProblem.VENUE_ERROR, String.valueOf(error));
    }
    if (m.containsKey("result") && m.containsKey("id")) {
      return; // the answer to a SUBSCRIBE
    }
    Object e = m.getValue("e");
    if (e == null && m.containsKey("u") && m.containsKey("b") && m.containsKey("a")) {
      e = "bookTicker"; // the spot venue's book ticker has no event type
    }
    switch (e instanceof String type ? type : "") {
      case "aggTrade" -> trade(m, "a", "f", "l", out);
      case "trade" -> trade(m, "t", "t", "t", out);
      case "bookTicker" -> bookTicker(m, out);
      case "depthUpdate" -> depth(m, out);
      case "kline" -> kline(m, out);
      default -> throw new VenueMessageException(VenueProblem.UNKNOWN_TYPE, "'" + cut(String.valueOf(e)) + "'");
    }
  }

  /** A trade numbered by field {@code idField}, covering the trade ids {@code firstField..lastField}. */
  private void trade(JsonObject m, String idField, String firstField, String lastField, VenueEvents out) {
    String product = product(m);
    long id = VenueFields.integer(m, idField);
    long first = VenueFields.integer(m, firstField);
    long last = VenueFields.integer(m, lastField);
    if (last < first) {
      throw VenueFields.bad("l", last, "a trade id not below f (" + first + ")");
    }
    long ts = VenueFields.epochMillis(m, "T");
    long px = VenueFields.decimal(m, "p", 1);
    long qty = VenueFields.decimal(m, "q", 1);
    out.trade(symbols.get(product), id, false, ts, px, qty);
    klines.trade(symbols.get(product), first, last, ts, px, qty, out);
  }

  /** The spot venue's book ticker has no time: its quote is stamped when it arrived. */
  private void bookTicker(JsonObject m, VenueEvents out) {
    String product = product(m);
    long bid = VenueFields.decimal(m, "b", 1);
    long ask = VenueFields.decimal(m, "a", 1);
    if (bid > ask) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "crossed: b " + m.getValue("b") + " above a " + m.getValue("a"));
    }
    long ts = m.containsKey("T") ? VenueFields.epochMillis(m, "T") : out.receivedNanos();
    out.quote(symbols.get(product), VenueFields.integer(m, "u"), ts, bid, VenueFields.decimal(m, "B", 0), ask, VenueFields.decimal(m, "A", 0));
  }

  private void depth(JsonObject m, VenueEvents out) {
    String product = product(m);
    BinanceBook book = books.get(product);
    if (book == null) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "a depth diff of " + symbols.get(product) + ", but the feed takes no depth");
    }
    long[][] bids = levels(VenueFields.array(m, "b"), "b");
    long[][] asks = levels(VenueFields.array(m, "a"), "a");
    long[][] levels = new long[bids.length + asks.length][];
    for (int i = 0; i < levels.length; i++) {
      long[] l = i < bids.length ? bids[i] : asks[i - bids.length];
      levels[i] = new long[] {i < bids.length ? 1 : 0, l[0], l[1]};
    }
    long first = VenueFields.integer(m, "U");
    long last = VenueFields.integer(m, "u");
    if (last < first) {
      throw VenueFields.bad("u", last, "an update id not below U (" + first + ")");
    }
    long previous = futures ? VenueFields.integer(m, "pu") : first - 1;
    if (book.diff(new BinanceBook.Diff(first, last, previous, levels, VenueFields.epochMillis(m, "E")), out)) {
      out.snapshotWanted(product, snapshotPath(product));
    }
  }

  private String snapshotPath(String product) {
    return (futures ? "/fapi/v1/depth" : "/api/v3/depth") + "?symbol=" + product + "&limit=" + SNAPSHOT_LIMIT;
  }

  @Override
  public void snapshot(String product, Object json, VenueEvents out) {
    BinanceBook book = books.get(product);
    if (book == null || !(json instanceof JsonObject m)) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "a snapshot of " + product + ": expected a JSON object of a book");
    }
    long[][] bids = levels(VenueFields.array(m, "bids"), "bids");
    long[][] asks = levels(VenueFields.array(m, "asks"), "asks");
    long id = VenueFields.integer(m, "lastUpdateId");
    long ts = m.containsKey("E") ? VenueFields.epochMillis(m, "E") : 0;
    if (book.snapshot(id, bids, asks, ts, out)) {
      out.snapshotWanted(product, snapshotPath(product));
    }
  }

  private void kline(JsonObject m, VenueEvents out) {
    String product = product(m);
    if (!(m.getValue("k") instanceof JsonObject k) || !"1m".equals(k.getValue("i"))) {
      throw VenueFields.bad("k", m.getValue("k"), "a 1m kline");
    }
    long trades = k.getValue("n") instanceof Number n && n.longValue() >= 0 ? n.longValue() : -1;
    if (trades < 0 || !(k.getValue("x") instanceof Boolean closed)) {
      throw VenueFields.bad("k", cut(k.encode()), "n, the trades, and x, whether it is closed");
    }
    boolean some = trades > 0;
    klines.kline(symbols.get(product), new KlineCheck.Kline(VenueFields.integer(k, "t"), some ? VenueFields.integer(k, "f") : -1,
        some ? VenueFields.integer(k, "L") : -1, VenueFields.decimal(k, "o", 1), VenueFields.decimal(k, "h", 1),
        VenueFields.decimal(k, "l", 1), VenueFields.decimal(k, "c", 1), VenueFields.decimal(k, "v", 0), trades, closed), out);
  }

  private static long[][] levels(JsonArray side, String field) {
    long[][] out = new long[side.size()][];
    for (int i = 0; i < side.size(); i++) {
      JsonArray l = VenueFields.array(side.getValue(i), field);
      if (l.size() != 2) {
        throw VenueFields.bad(field, l.encode(), "[price, quantity]");
      }
      out[i] = new long[] {VenueFields.decimal(l.getValue(0), field + " price", 1), VenueFields.decimal(l.getValue(1), field + " quantity", 0)};
    }
    return out;
  }

  private String product(JsonObject m) {
    String product = VenueFields.text(m, "s");
    if (!symbols.containsKey(product)) {
      throw new VenueMessageException(VenueProblem.UNKNOWN_PRODUCT, "'" + cut(product) + "' is not among the feed's products");
    }
    return product;
  }

  private static String cut(String s) {
    return s.length() > 32 ? s.substring(0, 32) : s;
  }

  @Override
  public void disconnected() {
    books.values().forEach(BinanceBook::disconnected);
    klines.disconnected();
  }

  @Override
  public Collection<PriceLevelBook> books() {
    return books.values().stream().map(BinanceBook::book).toList();
  }

  @Override
  public Map<String, Long> counters() {
    return Map.of("klineChecks", klines.checks(), "klineMismatches", klines.mismatches(), "klineSkipped", klines.skipped());
  }
}
