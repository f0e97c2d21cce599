package io.tickmesh.shard;

import io.tickmesh.codec.Addresses;

/**
 * A symbol's analytics plus the shard's publishing bookkeeping for it (quote conflation, which batch last
 * touched it). Not thread-safe: owned by one shard.
 */
final class SymbolSlot {
  final SymbolState state;
  final String tradesAddress;
  final String quotesAddress;
  long lastQuotePublishNanos;
  boolean quotePublished;
  boolean quoteQueued;
  long touchedInBatch;

  SymbolSlot(SymbolState state) {
    this.state = state;
    this.tradesAddress = Addresses.trades(state.symbol());
    this.quotesAddress = Addresses.quotes(state.symbol());
  }
}
