package io.tickmesh.feed.itch;

import io.tickmesh.model.Decimals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The visible book of one instrument: per side, its price levels (price in ITCH's 4 implied decimals)
 * with the shares and orders resting at each, and the best level of each side at hand (no search for the
 * top of book after every message). The orders themselves are kept by {@link ItchBooks}, which applies
 * adds, executions, cancels, deletes and replaces here. Pure; not thread-safe (one actor).
 */
public final class OrderBook {
  /** One price level: {@code price} with {@code shares} resting in {@code orders} orders. */
  public record Level(long price, long shares, int orders) {}

  /** Best bid and ask with their sizes; a side with no order has price and size 0. */
  public record Top(long bid, long bidShares, long ask, long askShares) {
    /** Whether both sides have an order and the bid is not above the ask: a quote can be made of it. */
    public boolean twoSided() {
      return bid > 0 && ask > 0 && bid <= ask;
    }
  }

  /**
   * The most shares one price level may hold: a quote carries its size scaled by 10^8 ({@link Decimals}),
   * which must fit a long (about 92 billion shares, far past any real book).
   */
  static final long MAX_LEVEL_SHARES = Long.MAX_VALUE / Decimals.ONE;

  private static final int SHARES = 0;
  private static final int ORDERS = 1;
  private static final int PRICE = 2;

  final String symbol;
  final byte[] symbolField;
  private final TreeMap<Long, long[]> bids = new TreeMap<>(Collections.reverseOrder());
  private final TreeMap<Long, long[]> asks = new TreeMap<>();
  private long[] bestBid;
  private long[] bestAsk;
  // the top as last told ({@link #topChanged})
  private long toldBid;
  private long toldBidShares;
  private long toldAsk;
  private long toldAskShares;
  private long changedNanos;
  private long mark;

  /** The book of {@code symbol}, whose 8-byte ITCH field is {@code symbolField}. */
  OrderBook(String symbol, byte[] symbolField) {
    this.symbol = symbol;
    this.symbolField = symbolField;
  }

  /**
   * Adds {@code shares} at {@code price} on the buy side if {@code buy}, else the sell side: one more
   * order. Returns the level, for the order to take its shares off later without a search; or null, with
   * nothing changed, if the level would hold more than {@link #MAX_LEVEL_SHARES}.
   */
  long[] add(boolean buy, long price, long shares) {
    TreeMap<Long, long[]> side = buy ? bids : asks;
    long[] level = side.get(price);
    if (level != null && level[SHARES] > MAX_LEVEL_SHARES - shares) {
      return null;
    }
    if (level == null) {
      level = new long[] {0, 0, price};
      side.put(price, level);
    }
    level[SHARES] += shares;
    level[ORDERS]++;
    long[] best = buy ? bestBid : bestAsk;
    if (best == null || (buy ? price > best[PRICE] : price < best[PRICE])) {
      if (buy) {
        bestBid = level;
      } else {
        bestAsk = level;
      }
    }
    return level;
  }

  /** Whether the level at {@code price} could take {@code shares} more (fewer, if negative) within {@link #MAX_LEVEL_SHARES}. */
  boolean fits(boolean buy, long price, long shares) {
    long[] level = (buy ? bids : asks).get(price);
    return (level == null ? 0 : level[SHARES]) + shares <= MAX_LEVEL_SHARES;
  }

  /**
   * Takes {@code shares} off {@code level} (as {@link #add} gave it), and one order if {@code orderGone};
   * the caller knows the order rests there with at least that many shares.
   */
  void remove(boolean buy, long[] level, long shares, boolean orderGone) {
    level[SHARES] -= shares;
    if (orderGone) {
      level[ORDERS]--;
    }
    if (level[ORDERS] == 0) {
      (buy ? bids : asks).remove(level[PRICE]);
      if (buy && level == bestBid) {
        bestBid = bids.isEmpty() ? null : bids.firstEntry().getValue();
      } else if (!buy && level == bestAsk) {
        bestAsk = asks.isEmpty() ? null : asks.firstEntry().getValue();
      }
    }
  }

  /** The instrument's symbol. */
  public String symbol() {
    return symbol;
  }

  /** The mark its watcher last set (0 at first): a publisher of changed books counts each once per round by it, without hashing. */
  public long mark() {
    return mark;
  }

  /** Sets the watcher's mark. */
  public void mark(long value) {
    mark = value;
  }

  /** The message that last changed the book happened at {@code tsNanos} (epoch nanoseconds). */
  void changedAt(long tsNanos) {
    changedNanos = tsNanos;
  }

  /** When the message that last changed the book happened, epoch nanoseconds. */
  public long changedNanos() {
    return changedNanos;
  }

  /** The best bid and ask now. */
  public Top top() {
    return new Top(bestBid == null ? 0 : bestBid[PRICE], bestBid == null ? 0 : bestBid[SHARES],
        bestAsk == null ? 0 : bestAsk[PRICE], bestAsk == null ? 0 : bestAsk[SHARES]);
  }

  /** Whether the top differs from the one this last said, which it now remembers. */
  boolean topChanged() {
    long bid = bestBid == null ? 0 : bestBid[PRICE];
    long bidShares = bestBid == null ? 0 : bestBid[SHARES];
    long ask = bestAsk == null ? 0 : bestAsk[PRICE];
    long askShares = bestAsk == null ? 0 : bestAsk[SHARES];
    if (bid == toldBid && bidShares == toldBidShares && ask == toldAsk && askShares == toldAskShares) {
      return false;
    }
    toldBid = bid;
    toldBidShares = bidShares;
    toldAsk = ask;
    toldAskShares = askShares;
    return true;
  }

  /** The best {@code depth} levels of the buy side if {@code buy}, else the sell side, best first. */
  public List<Level> levels(boolean buy, int depth) {
    List<Level> out = new ArrayList<>(Math.min(depth, 16));
    for (Map.Entry<Long, long[]> e : (buy ? bids : asks).entrySet()) {
      if (out.size() == depth) {
        break;
      }
      out.add(new Level(e.getKey(), e.getValue()[SHARES], (int) e.getValue()[ORDERS]));
    }
    return out;
  }

  /** Price levels on both sides. */
  public int levelCount() {
    return bids.size() + asks.size();
  }
}
