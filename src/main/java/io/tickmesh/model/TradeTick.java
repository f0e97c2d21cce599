package io.tickmesh.model;

/** A trade print: {@code qty} at {@code px}, both scaled by {@link Decimals}. */
public record TradeTick(String feed, long seq, String symbol, long ts, long px, long qty)
    implements Tick {
  /** Validates what the parser guarantees, so a record in the pipeline is always a valid trade. */
  public TradeTick {
    Tick.checkCommon(feed, seq, symbol);
    if (px <= 0) {
      throw new IllegalArgumentException("px must be positive");
    }
    if (qty <= 0) {
      throw new IllegalArgumentException("qty must be positive");
    }
  }
}
