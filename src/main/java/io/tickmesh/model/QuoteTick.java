package io.tickmesh.model;

/** A top-of-book update: best bid and ask with their sizes, all scaled by {@link Decimals}. */
public record QuoteTick(
    String feed, long seq, String symbol, long ts, long bid, long bidQty, long ask, long askQty)
    implements Tick {
  /** Validates what the parser guarantees: positive prices, sizes not negative, not crossed. */
  public QuoteTick {
    Tick.checkCommon(feed, seq, symbol);
    if (bid <= 0 || ask <= 0) {
      throw new IllegalArgumentException("bid and ask must be positive");
    }
    if (bidQty < 0 || askQty < 0) {
      throw new IllegalArgumentException("sizes must not be negative");
    }
    if (bid > ask) {
      throw new IllegalArgumentException("crossed quote");
    }
  }
}
