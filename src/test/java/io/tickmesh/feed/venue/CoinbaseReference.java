package io.tickmesh.feed.venue;

import io.tickmesh.testing.Trade;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slow, obvious reading of a Coinbase capture, sharing no code with the node: the frames the venue
 * sent, the trades they hold (by product and trade id), the tickers, and each product's level2 book
 * (BigDecimal prices and sizes, a snapshot then its updates) after the frames applied so far. It can also
 * write what a venue sends on a new subscribe: a snapshot of each book and the last match of each product.
 */
public final class CoinbaseReference {
  /** The capture: 30 s of Coinbase Exchange frames from 2021-04-17 (bmoscon/cryptofeed, see its LICENSE). */
  public static final Path CAPTURE = Path.of("src/test/resources/crypto-ws/COINBASE.ws.28.0");
  private static final Pattern RECEIVED = Pattern.compile("^\\d+(\\.\\d+)?: (\\{.*)$");

  /** Trades by symbol, by id. */
  public final Map<String, TreeMap<Long, Trade>> trades = new TreeMap<>();
  /** Ticker sequences seen, by product. */
  public final Map<String, java.util.TreeSet<Long>> tickers = new TreeMap<>();
  private final Map<String, TreeMap<BigDecimal, BigDecimal>> bids = new TreeMap<>();
  private final Map<String, TreeMap<BigDecimal, BigDecimal>> asks = new TreeMap<>();
  private final Map<String, JsonObject> lastMatch = new LinkedHashMap<>();

  /** The frames the venue sent in the capture, in order (the client's own messages left out). */
  public static List<String> received() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(CAPTURE)) {
      Matcher m = RECEIVED.matcher(line);
      if (m.matches()) {
        out.add(m.group(2));
      }
    }
    return out;
  }

  /** The products the capture subscribes to. */
  public static List<String> products() {
    return List.of("SKL-USD", "SKL-BTC", "BAND-GBP", "NMR-EUR", "BAND-BTC", "YFI-BTC", "DASH-BTC", "NU-GBP", "CRV-EUR", "SKL-GBP");
  }

  /** Takes one frame the client received. */
  public void apply(String frame) {
    JsonObject m = new JsonObject(frame);
    String product = m.getString("product_id");
    switch (m.getString("type")) {
      case "match", "last_match" -> {
        String symbol = "coinbase:" + product;
        long id = m.getLong("trade_id");
        long ts = nanos(m.getString("time"));
        var unused = trades.computeIfAbsent(symbol, s -> new TreeMap<>())
            .put(id, new Trade(symbol, id, symbol, ts, new BigDecimal(m.getString("price")), new BigDecimal(m.getString("size"))));
        lastMatch.put(product, m);
      }
      case "ticker" -> tickers.computeIfAbsent(product, p -> new java.util.TreeSet<>()).add(m.getLong("sequence"));
      case "snapshot" -> {
        bids.put(product, side(m.getJsonArray("bids"), true));
        asks.put(product, side(m.getJsonArray("asks"), false));
      }
      case "l2update" -> {
        if (bids.containsKey(product)) {
          for (Object o : m.getJsonArray("changes")) {
            JsonArray c = (JsonArray) o;
            var book = c.getString(0).equals("buy") ? bids.get(product) : asks.get(product);
            BigDecimal px = new BigDecimal(c.getString(1));
            BigDecimal size = new BigDecimal(c.getString(2));
            if (size.signum() == 0) {
              book.remove(px);
            } else {
              book.put(px, size);
            }
          }
        }
      }
      default -> { }
    }
  }

  private static TreeMap<BigDecimal, BigDecimal> side(JsonArray levels, boolean buy) {
    TreeMap<BigDecimal, BigDecimal> side = buy ? new TreeMap<>(Collections.reverseOrder()) : new TreeMap<>();
    for (Object o : levels) {
      JsonArray l = (JsonArray) o;
      side.put(new BigDecimal(l.getString(0)), new BigDecimal(l.getString(1)));
    }
    return side;
  }

  /** The best {@code depth} levels of a product's side, best first, as {@code [px, size]}. */
  public List<List<BigDecimal>> book(String product, boolean buy, int depth) {
    List<List<BigDecimal>> out = new ArrayList<>();
    for (var e : (buy ? bids : asks).get(product).entrySet()) {
      if (out.size() == depth) {
        break;
      }
      out.add(List.of(e.getKey().stripTrailingZeros(), e.getValue().stripTrailingZeros()));
    }
    return out;
  }

  /** What the venue sends on a new subscribe now: a snapshot of each book, then the last match of each product. */
  public List<String> onSubscribe() {
    List<String> out = new ArrayList<>();
    out.add("{\"type\":\"subscriptions\",\"channels\":[]}");
    for (String product : bids.keySet()) {
      JsonArray b = new JsonArray();
      bids.get(product).forEach((px, size) -> b.add(new JsonArray().add(px.toPlainString()).add(size.toPlainString())));
      JsonArray a = new JsonArray();
      asks.get(product).forEach((px, size) -> a.add(new JsonArray().add(px.toPlainString()).add(size.toPlainString())));
      out.add(new JsonObject().put("type", "snapshot").put("product_id", product).put("bids", b).put("asks", a).encode());
    }
    lastMatch.values().forEach(m -> out.add(m.copy().put("type", "last_match").encode()));
    return out;
  }

  /** Every trade, all symbols. */
  public List<Trade> allTrades() {
    return VenueTrades.all(trades);
  }

  /** Tickers, all products. */
  public long tickerCount() {
    return tickers.values().stream().mapToLong(java.util.Set::size).sum();
  }

  /** The gaps in the trade ids of each symbol, as counted by a reader of them in order: {gaps, missing}. */
  public long[] gaps() {
    return VenueTrades.gaps(trades);
  }

  private static long nanos(String iso) {
    Instant t = Instant.parse(iso);
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
