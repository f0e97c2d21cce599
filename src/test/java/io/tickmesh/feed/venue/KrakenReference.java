package io.tickmesh.feed.venue;

import io.tickmesh.testing.Trade;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slow, obvious reading of the Kraken captures (trades, tickers, book), sharing no code with the node:
 * the trades by symbol and seq (the README's rule: microsecond times 1000 plus the rank within it), the
 * tickers, and each pair's book of {@code [price, volume, time]} levels as the venue wrote them, truncated
 * to the subscribed 1000 levels a side after every update. It also writes the book snapshots a venue sends
 * on a (re)subscribe.
 */
public final class KrakenReference {
  private static final List<Path> CAPTURES = List.of(Path.of("src/test/resources/crypto-ws/KRAKEN.ws.48.0"),
      Path.of("src/test/resources/crypto-ws/KRAKEN.ws.49.0"), Path.of("src/test/resources/crypto-ws/KRAKEN.ws.50.0"));
  private static final Pattern RECEIVED = Pattern.compile("^(\\d+(?:\\.\\d+)?): ([\\[{].*)$");

  /** Trades by symbol, by seq. */
  public final Map<String, TreeMap<Long, Trade>> trades = new TreeMap<>();
  private final Map<String, long[]> lastMicros = new TreeMap<>();
  private final Map<String, TreeMap<BigDecimal, JsonArray>> bids = new TreeMap<>();
  private final Map<String, TreeMap<BigDecimal, JsonArray>> asks = new TreeMap<>();
  private long tickers;
  private long checksummedUpdates;

  /** The frames the venue sent on the three connections of the capture, merged in the order they arrived. */
  public static List<String> received() throws IOException {
    List<Object[]> timed = new ArrayList<>();
    for (Path capture : CAPTURES) {
      for (String line : Files.readAllLines(capture)) {
        Matcher m = RECEIVED.matcher(line);
        if (m.matches()) {
          timed.add(new Object[] {new BigDecimal(m.group(1)), m.group(2)});
        }
      }
    }
    timed.sort(Comparator.comparing(t -> (BigDecimal) t[0]));
    return timed.stream().map(t -> (String) t[1]).toList();
  }

  /** The pairs the captures subscribe to. */
  public static List<String> pairs() {
    return List.of("WAVES/EUR", "XMR/USD", "KSM/XBT", "GRT/ETH", "SC/EUR", "ETH/CHF", "OCEAN/XBT", "OMG/USD", "XBT/CHF", "ADA/XBT");
  }

  /** Takes one frame the client received. */
  public void apply(String frame) {
    if (!frame.startsWith("[")) {
      return;
    }
    JsonArray a = new JsonArray(frame);
    String channel = a.getString(a.size() - 2);
    String pair = a.getString(a.size() - 1);
    if (channel.equals("trade")) {
      for (Object o : a.getJsonArray(1)) {
        trade("kraken:" + pair, (JsonArray) o);
      }
    } else if (channel.equals("ticker") || channel.equals("spread")) {
      tickers++;
    } else if (channel.equals("book-1000")) {
      book(pair, a);
    }
  }

  private void trade(String symbol, JsonArray t) {
    BigDecimal time = new BigDecimal(t.getString(2));
    long micros = time.movePointRight(6).longValueExact();
    long[] last = lastMicros.computeIfAbsent(symbol, s -> new long[2]);
    last[1] = micros == last[0] ? last[1] + 1 : 0;
    last[0] = micros;
    long seq = micros * 1000 + last[1];
    var unused = trades.computeIfAbsent(symbol, s -> new TreeMap<>()).put(seq, new Trade(symbol, seq, symbol,
        time.movePointRight(9).longValueExact(), new BigDecimal(t.getString(0)), new BigDecimal(t.getString(1))));
  }

  private void book(String pair, JsonArray a) {
    JsonObject first = a.getJsonObject(1);
    if (first.containsKey("as") || first.containsKey("bs")) {
      bids.put(pair, new TreeMap<>(Collections.reverseOrder()));
      asks.put(pair, new TreeMap<>());
      first.getJsonArray("as", new JsonArray()).forEach(l -> set(asks.get(pair), (JsonArray) l));
      first.getJsonArray("bs", new JsonArray()).forEach(l -> set(bids.get(pair), (JsonArray) l));
      return;
    }
    if (!bids.containsKey(pair)) {
      return;
    }
    for (int i = 1; i < a.size() - 2; i++) {
      JsonObject o = a.getJsonObject(i);
      o.getJsonArray("a", new JsonArray()).forEach(l -> set(asks.get(pair), (JsonArray) l));
      o.getJsonArray("b", new JsonArray()).forEach(l -> set(bids.get(pair), (JsonArray) l));
      checksummedUpdates += o.containsKey("c") ? 1 : 0;
    }
    while (asks.get(pair).size() > 1000) {
      var unused = asks.get(pair).pollLastEntry();
    }
    while (bids.get(pair).size() > 1000) {
      var unused = bids.get(pair).pollLastEntry();
    }
  }

  private static void set(TreeMap<BigDecimal, JsonArray> side, JsonArray level) {
    BigDecimal px = new BigDecimal(level.getString(0));
    var unused = side.remove(px);
    if (new BigDecimal(level.getString(1)).signum() != 0) {
      side.put(px, new JsonArray().add(level.getString(0)).add(level.getString(1)).add(level.getString(2)));
    }
  }

  /** The book snapshot frame of {@code pair} the venue sends on a subscribe now (its levels as it wrote them). */
  public String snapshot(String pair) {
    JsonObject data = new JsonObject().put("as", new JsonArray(new ArrayList<>(asks.get(pair).values())))
        .put("bs", new JsonArray(new ArrayList<>(bids.get(pair).values())));
    return new JsonArray().add(0).add(data).add("book-1000").add(pair).encode();
  }

  /** The snapshots of every book. */
  public List<String> onSubscribe() {
    return bids.keySet().stream().map(this::snapshot).toList();
  }

  /** The best {@code depth} levels of a pair's side, best first, as {@code [px, volume]}. */
  public List<List<BigDecimal>> book(String pair, boolean buy, int depth) {
    return (buy ? bids : asks).get(pair).values().stream().limit(depth)
        .map(l -> List.of(new BigDecimal(l.getString(0)).stripTrailingZeros(), new BigDecimal(l.getString(1)).stripTrailingZeros())).toList();
  }

  /** Every trade, all symbols. */
  public List<Trade> allTrades() {
    return VenueTrades.all(trades);
  }

  /** Tickers (and spreads) taken. */
  public long tickers() {
    return tickers;
  }

  /** Book updates with a checksum applied to a book that had its snapshot. */
  public long checksummedUpdates() {
    return checksummedUpdates;
  }
}
