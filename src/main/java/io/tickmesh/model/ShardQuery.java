package io.tickmesh.model;

/**
 * A question to the shard that owns a symbol (or to every shard), answered from its live state. Queries
 * travel on the shard's query address, apart from its tick batches, so they never wait behind ingest.
 */
public sealed interface ShardQuery {
  /** The live quote of one symbol (a symbol by the contract's grammar: it may come from another node). */
  record QuoteOf(String symbol) implements ShardQuery {
    public QuoteOf {
      requireSymbol(symbol);
    }
  }

  /** Closed bars of one symbol, see {@code SymbolState.closedBars}; {@code from}/{@code to} may be null. */
  record BarsOf(
      String symbol, BarInterval interval, Long from, Long to, int limit, boolean includeOpen)
      implements ShardQuery {
    public BarsOf {
      requireSymbol(symbol);
    }
  }

  /** Every symbol the shard owns, with its last tick time. */
  record Symbols() implements ShardQuery {}

  /** The shard's counters. */
  record Stats() implements ShardQuery {}

  /** Who serves the shard now: {@code {"shard","epoch","node"}}. */
  record Owner() implements ShardQuery {}

  private static void requireSymbol(String symbol) {
    if (!io.tickmesh.model.Symbols.isValid(symbol)) {
      throw new IllegalArgumentException("not a symbol: " + (symbol == null ? "null" : symbol.length() > 40 ? symbol.substring(0, 40) + "…" : symbol));
    }
  }
}
