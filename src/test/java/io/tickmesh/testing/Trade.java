package io.tickmesh.testing;

import io.tickmesh.model.Timestamps;
import java.math.BigDecimal;

/** A generated trade, with BigDecimal values so the reference never shares code with the node. */
public record Trade(String feed, long seq, String symbol, long ts, BigDecimal px, BigDecimal qty) {
  /** This trade as a feed line; {@code variant} picks among the contract's encodings. */
  public String line(int variant) {
    String tsText = variant % 3 == 0 ? String.valueOf(ts) : "\"" + Timestamps.format(ts) + "\"";
    String pxText = variant % 2 == 0 ? "\"" + px.toPlainString() + "\"" : px.toPlainString();
    String qtyText = variant % 5 == 0 ? qty.toPlainString() : "\"" + qty.toPlainString() + "\"";
    return "{\"feed\":\"" + feed + "\",\"seq\":" + seq + ",\"sym\":\"" + symbol + "\",\"ts\":" + tsText
        + ",\"type\":\"trade\",\"px\":" + pxText + ",\"qty\":" + qtyText + "}";
  }

  public Trade with(String newFeed, long newSeq) {
    return new Trade(newFeed, newSeq, symbol, ts, px, qty);
  }
}
