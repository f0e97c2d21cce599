package io.tickmesh.shard;

import io.tickmesh.codec.Addresses;

/**
 * A symbol's analytics plus the shard's publishing bookkeeping for it (quote conflation, which batch last
 * touched it). Not thread-safe: owned by one shard.
 */
final class SymbolSlot {
  final SymbolState state;
  /** Made at the first trade published: the trades address is used per trade, the quotes one at most every interval. */
  private String tradesAddress;
  long lastQuotePublishNanos;
  boolean quotePublished;
  boolean quoteQueued;
  long touchedInBatch;
  /** Numbers of the last message published on this symbol's quotes and trades addresses. */
  long quotesSeq;
  long tradesSeq;
  /** Number of the last message published on each interval's bars address, in BarSettings order. */
  final long[] barsSeq;
  /** The next slot of its bucket in the shard's {@link SymbolTable}. */
  SymbolSlot next;

  SymbolSlot(SymbolState state, int intervals) {
    this.state = state;
    this.barsSeq = new long[intervals];
  }

  String tradesAddress() {
    if (tradesAddress == null) {
      tradesAddress = Addresses.trades(state.symbol());
    }
    return tradesAddress;
  }

  String quotesAddress() {
    return Addresses.quotes(state.symbol());
  }
}
