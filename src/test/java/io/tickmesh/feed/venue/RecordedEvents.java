package io.tickmesh.feed.venue;

import java.util.ArrayList;
import java.util.List;

/** What a protocol told its feed, kept in order as text for unit tests: no feed, no Vert.x. */
final class RecordedEvents implements VenueEvents {
  final List<String> trades = new ArrayList<>();
  final List<String> quotes = new ArrayList<>();
  final List<String> resyncs = new ArrayList<>();
  final List<String> sent = new ArrayList<>();
  final List<String> snapshotsWanted = new ArrayList<>();
  final List<String> checksFailed = new ArrayList<>();
  int booksChanged;
  long receivedNanos = 1_700_000_000_000_000_000L;

  @Override
  public void trade(String symbol, long tradeId, boolean resent, long tsNanos, long px, long qty) {
    trades.add(symbol + " " + tradeId + " " + tsNanos + " " + px + " " + qty);
  }

  @Override
  public void quote(String symbol, long seq, long tsNanos, long bid, long bidQty, long ask, long askQty) {
    quotes.add(symbol + " " + seq + " " + tsNanos + " " + bid + " " + bidQty + " " + ask + " " + askQty);
  }

  @Override
  public void bookChanged(PriceLevelBook book) {
    booksChanged++;
  }

  @Override
  public void bookResync(PriceLevelBook book, String reason) {
    resyncs.add(book.symbol() + ": " + reason);
  }

  @Override
  public long receivedNanos() {
    return receivedNanos;
  }

  @Override
  public void send(String text) {
    sent.add(text);
  }

  @Override
  public void snapshotWanted(String product, String path) {
    snapshotsWanted.add(product + " " + path);
  }

  @Override
  public void checkFailed(String symbol, String detail) {
    checksFailed.add(symbol + ": " + detail);
  }
}
