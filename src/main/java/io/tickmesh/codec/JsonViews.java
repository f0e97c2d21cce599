package io.tickmesh.codec;

import io.tickmesh.model.Bar;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.Published;
import io.tickmesh.model.Quote;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Instrument;
import io.tickmesh.model.Reject;
import io.tickmesh.model.Tick;
import io.tickmesh.model.Timestamps;
import io.tickmesh.model.TradeTick;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * The JSON bodies of the output contract (DESIGN.md, "Outputs"): decimals as plain strings without
 * trailing zeros, times as ISO-8601 UTC strings. JSON exists only here, at the edges.
 */
public final class JsonViews {
  private JsonViews() {}

  /** {@code quotes.<SYM>} body. */
  public static JsonObject quote(Quote q) {
    return new JsonObject()
        .put("symbol", q.symbol())
        .put("ts", Timestamps.format(q.ts()))
        .put("bid", text(q.bid()))
        .put("bidQty", text(q.bidQty()))
        .put("ask", text(q.ask()))
        .put("askQty", text(q.askQty()))
        .put("last", text(q.last()))
        .put("lastQty", text(q.lastQty()))
        .put("lastTs", q.lastTs() == null ? null : Timestamps.format(q.lastTs()))
        .put("volume", text(q.volume()))
        .put("vwap", text(q.vwap()))
        .put("trades", q.trades());
  }

  /** {@code trades.<SYM>} body. */
  public static JsonObject trade(TradeTick t) {
    return new JsonObject()
        .put("symbol", t.symbol())
        .put("ts", Timestamps.format(t.ts()))
        .put("px", Decimals.toText(t.px()))
        .put("qty", Decimals.toText(t.qty()))
        .put("feed", t.feed())
        .put("seq", t.seq());
  }

  /** {@code bars.<interval>.<SYM>} body, also an element of the bars HTTP answer. */
  public static JsonObject bar(Bar b) {
    return new JsonObject()
        .put("symbol", b.symbol())
        .put("interval", b.interval().label())
        .put("start", Timestamps.format(b.start()))
        .put("open", text(b.open()))
        .put("high", text(b.high()))
        .put("low", text(b.low()))
        .put("close", text(b.close()))
        .put("volume", text(b.volume()))
        .put("vwap", text(b.vwap()))
        .put("trades", b.trades())
        .put("revision", b.revision());
  }

  /** {@code rejects} body; {@code seq} is null when the line was too broken to tell. */
  public static JsonObject reject(Reject r) {
    return new JsonObject()
        .put("feed", r.feed())
        .put("seq", r.seq() > 0 ? r.seq() : null)
        .put("line", r.line() > 0 ? r.line() : null)
        .put("reason", r.reason())
        .put("raw", r.raw())
        .put("ts", Timestamps.format(r.ts()));
  }

  /** An instrument of the master: {@code tickSize} is null where none is known. */
  public static JsonObject instrument(Instrument i) {
    return new JsonObject()
        .put("symbol", i.symbol())
        .put("tickSize", i.tickSize() == 0 ? null : Decimals.toText(i.tickSize()))
        .put("source", i.source())
        .put("attributes", new JsonObject(new java.util.TreeMap<>(i.attributes())))
        .put("version", i.version());
  }

  /** A tick as an input line of the feed contract, e.g. the raw text of a reject raised by a shard. */
  public static String tickLine(Tick tick) {
    JsonObject json =
        new JsonObject()
            .put("feed", tick.feed())
            .put("seq", tick.seq())
            .put("sym", tick.symbol())
            .put("ts", Timestamps.format(tick.ts()));
    if (tick instanceof TradeTick t) {
      json.put("type", "trade").put("px", Decimals.toText(t.px())).put("qty", Decimals.toText(t.qty()));
    } else if (tick instanceof QuoteTick q) {
      json.put("type", "quote")
          .put("bid", Decimals.toText(q.bid()))
          .put("bidQty", Decimals.toText(q.bidQty()))
          .put("ask", Decimals.toText(q.ask()))
          .put("askQty", Decimals.toText(q.askQty()));
    }
    return json.encode();
  }

  /** The body of a numbered output: its contract JSON plus {@code pubSeq}. */
  public static JsonObject published(Published p) {
    JsonObject json;
    if (p.value() instanceof Quote q) {
      json = quote(q);
    } else if (p.value() instanceof TradeTick t) {
      json = trade(t);
    } else {
      json = bar((Bar) p.value());
    }
    return json.put("pubSeq", p.pubSeq());
  }

  /** Plain decimal text without trailing zeros, or null. */
  public static String text(BigDecimal v) {
    if (v == null) {
      return null;
    }
    return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
  }
}
