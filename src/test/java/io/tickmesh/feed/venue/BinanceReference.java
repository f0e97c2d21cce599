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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slow, obvious reading of a Binance capture (spot or futures), sharing no code with the node: aggregate
 * trades by symbol and id, book tickers (each update id above the last of its symbol), and each symbol's
 * book as its depth diffs make it. The captures hold no REST snapshot, and the venue's book before them is
 * unknown: this venue's book starts empty at the first diff of each symbol, and the snapshot it serves at
 * any moment is what the diffs sent so far made of it, with the last of their update ids as
 * {@code lastUpdateId}: consistent with every diff before and after it, as the real venue's snapshots are.
 */
public final class BinanceReference {
  private static final Pattern RECEIVED = Pattern.compile("^\\d+(?:\\.\\d+)?: (\\{.*)$");

  /** Trades by symbol, by aggregate trade id. */
  public final Map<String, TreeMap<Long, Trade>> trades = new TreeMap<>();
  private final String prefix;
  private final Map<String, Long> lastTicker = new TreeMap<>();
  private final Map<String, Long> lastUpdateId = new TreeMap<>();
  private final Map<String, TreeMap<BigDecimal, BigDecimal>> bids = new TreeMap<>();
  private final Map<String, TreeMap<BigDecimal, BigDecimal>> asks = new TreeMap<>();
  private long tickers;

  /** A reading whose symbols are {@code <name>:<SYMBOL>}. */
  public BinanceReference(String name) {
    this.prefix = name + ":";
  }

  /** The frames the venue sent in {@code capture}, in order. */
  public static List<String> received(Path capture) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(capture)) {
      Matcher m = RECEIVED.matcher(line);
      if (m.matches()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** Takes one frame the client received (anything but a message of the venue's streams is ignored). */
  public void apply(String frame) {
    JsonObject m;
    try {
      m = new JsonObject(frame);
    } catch (RuntimeException e) {
      return;
    }
    JsonObject d = m.getJsonObject("data", m);
    String s = d.getString("s");
    String e = d.getString("e", d.containsKey("u") && d.containsKey("b") ? "bookTicker" : "");
    switch (e) {
      case "aggTrade" -> {
        long id = d.getLong("a");
        long ts = d.getLong("T") * 1_000_000L;
        var unused = trades.computeIfAbsent(prefix + s, x -> new TreeMap<>())
            .put(id, new Trade(prefix + s, id, prefix + s, ts, new BigDecimal(d.getString("p")), new BigDecimal(d.getString("q"))));
      }
      case "bookTicker" -> {
        if (d.getLong("u") > lastTicker.getOrDefault(s, 0L)) {
          lastTicker.put(s, d.getLong("u"));
          tickers++;
        }
      }
      case "depthUpdate" -> {
        bids.computeIfAbsent(s, x -> new TreeMap<>(Collections.reverseOrder()));
        asks.computeIfAbsent(s, x -> new TreeMap<>());
        d.getJsonArray("b").forEach(l -> set(bids.get(s), (JsonArray) l));
        d.getJsonArray("a").forEach(l -> set(asks.get(s), (JsonArray) l));
        lastUpdateId.put(s, d.getLong("u"));
      }
      default -> { }
    }
  }

  private static void set(TreeMap<BigDecimal, BigDecimal> side, JsonArray level) {
    BigDecimal px = new BigDecimal(level.getString(0));
    BigDecimal qty = new BigDecimal(level.getString(1));
    if (qty.signum() == 0) {
      var unused = side.remove(px);
    } else {
      side.put(px, qty);
    }
  }

  /** The REST snapshot of {@code symbol} (the venue's symbol) now, as the venue answers {@code /api/v3/depth}. */
  public String snapshot(String symbol) {
    JsonArray b = new JsonArray();
    bids.get(symbol).forEach((px, qty) -> b.add(new JsonArray().add(px.toPlainString()).add(qty.toPlainString())));
    JsonArray a = new JsonArray();
    asks.get(symbol).forEach((px, qty) -> a.add(new JsonArray().add(px.toPlainString()).add(qty.toPlainString())));
    return new JsonObject().put("lastUpdateId", lastUpdateId.get(symbol)).put("bids", b).put("asks", a).encode();
  }

  /** The best {@code depth} levels of a symbol's side, best first, as {@code [px, size]}. */
  public List<List<BigDecimal>> book(String symbol, boolean buy, int depth) {
    return (buy ? bids : asks).get(symbol).entrySet().stream().limit(depth)
        .map(e -> List.of(e.getKey().stripTrailingZeros(), e.getValue().stripTrailingZeros())).toList();
  }

  /** Every trade, all symbols. */
  public List<Trade> allTrades() {
    return VenueTrades.all(trades);
  }

  /** Book tickers taken. */
  public long tickers() {
    return tickers;
  }

  /** The gaps in the aggregate trade ids of each symbol: {gaps, missing}. */
  public long[] gaps() {
    return VenueTrades.gaps(trades);
  }
}
