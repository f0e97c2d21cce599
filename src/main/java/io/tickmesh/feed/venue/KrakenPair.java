package io.tickmesh.feed.venue;

/**
 * What a Kraken feed keeps of one pair: its symbol, its book (null without the {@code book} channel), the
 * decimals the venue writes its prices and volumes with (learnt from the book's levels, for the checksum),
 * and the last trade and quote seqs made up for it. Pure; one owner.
 */
final class KrakenPair {
  /** The most trades of one pair in one microsecond a seq can tell apart. */
  static final int TRADES_PER_MICROSECOND = 1000;

  private final String symbol;
  private final PriceLevelBook book;
  private int priceDecimals;
  private int volumeDecimals;
  private long lastTradeMicros;
  private int rank;
  private long lastQuoteSeq;

  KrakenPair(String symbol, PriceLevelBook book) {
    this.symbol = symbol;
    this.book = book;
  }

  String symbol() {
    return symbol;
  }

  PriceLevelBook book() {
    return book;
  }

  int priceDecimals() {
    return priceDecimals;
  }

  int volumeDecimals() {
    return volumeDecimals;
  }

  /** The venue wrote a price with {@code price} decimals and a volume with {@code volume}: the most seen count. */
  void decimals(int price, int volume) {
    priceDecimals = Math.max(priceDecimals, price);
    volumeDecimals = Math.max(volumeDecimals, volume);
  }

  /**
   * The seq of the pair's next trade, stamped {@code tsNanos}: its microsecond times 1000 plus its rank among
   * the pair's trades of that microsecond. A trade stamped before the last one gets a seq below the last
   * (the feed refuses it as out of order) and leaves the count as it was.
   */
  long tradeSeq(long tsNanos) {
    long micros = tsNanos / 1000;
    if (micros < lastTradeMicros) {
      return micros * TRADES_PER_MICROSECOND;
    }
    rank = micros == lastTradeMicros ? rank + 1 : 0;
    lastTradeMicros = micros;
    if (rank >= TRADES_PER_MICROSECOND) {
      throw new VenueMessageException(VenueProblem.BAD_MESSAGE, "more than " + TRADES_PER_MICROSECOND + " trades of " + symbol
          + " in one microsecond");
    }
    return micros * TRADES_PER_MICROSECOND + rank;
  }

  /** The seq of a quote stamped {@code tsNanos}: its microsecond, or one above the last if that is not above it. */
  long quoteSeq(long tsNanos) {
    lastQuoteSeq = Math.max(lastQuoteSeq + 1, tsNanos / 1000);
    return lastQuoteSeq;
  }
}
