package io.tickmesh.feed.itch;

import io.tickmesh.model.Decimals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The visible book of one instrument: per side, its price levels (price in ITCH's 4 implied decimals)
 * with the shares and orders resting at each, kept in sorted arrays with the best last (no search for the
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
  private final Side bids = new Side(true);
  private final Side asks = new Side(false);
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
    Side side = buy ? bids : asks;
    long[] level = side.level(price); // one search, the level made if new
    if (level[SHARES] > MAX_LEVEL_SHARES - shares) {
      if (level[ORDERS] == 0) {
        side.drop(level); // made just now
      }
      return null;
    }
    level[SHARES] += shares;
    level[ORDERS]++;
    return level;
  }

  /** Whether the level at {@code price} could take {@code shares} more (fewer, if negative) within {@link #MAX_LEVEL_SHARES}. */
  boolean fits(boolean buy, long price, long shares) {
    long[] level = (buy ? bids : asks).find(price);
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
      (buy ? bids : asks).drop(level);
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
    long[] bid = bids.best();
    long[] ask = asks.best();
    return new Top(bid == null ? 0 : bid[PRICE], bid == null ? 0 : bid[SHARES], ask == null ? 0 : ask[PRICE], ask == null ? 0 : ask[SHARES]);
  }

  /** Whether the top differs from the one this last said, which it now remembers. */
  boolean topChanged() {
    long[] bestBid = bids.best();
    long[] bestAsk = asks.best();
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
    Side side = buy ? bids : asks;
    List<Level> out = new ArrayList<>(Math.min(depth, Math.min(side.size, 16)));
    for (int i = side.size - 1; i >= 0 && out.size() < depth; i--) {
      long[] level = side.levels[i];
      out.add(new Level(level[PRICE], level[SHARES], (int) level[ORDERS]));
    }
    return out;
  }

  /** Price levels on both sides. */
  public int levelCount() {
    return bids.size + asks.size;
  }

  /**
   * The levels of one side in arrays sorted worst first, so the best is the last: most messages touch
   * the top, where an insert shifts few and the removal of the best shifts none (a TreeMap's descent
   * and nodes were a fifth of the feed's time). A level is {@code {shares, orders, price}}; its key is
   * the price for bids and the negated price for asks, ascending.
   */
  private static final class Side {
    private final boolean buy;
    private long[] keys = new long[8];
    private long[][] levels = new long[8][];
    private int size;

    Side(boolean buy) {
      this.buy = buy;
    }

    /** The best level, or null on an empty side. */
    long[] best() {
      return size == 0 ? null : levels[size - 1];
    }

    /** The level at {@code price}, or null. */
    long[] find(long price) {
      long key = buy ? price : -price;
      if (size > 0 && keys[size - 1] == key) {
        return levels[size - 1];
      }
      int at = search(key);
      return at >= 0 ? levels[at] : null;
    }

    /** The level at {@code price}, made (empty) if there is none. */
    long[] level(long price) {
      long key = buy ? price : -price;
      if (size > 0 && keys[size - 1] == key) {
        return levels[size - 1];
      }
      int at = search(key);
      if (at >= 0) {
        return levels[at];
      }
      at = -at - 1;
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        levels = Arrays.copyOf(levels, size * 2);
      }
      System.arraycopy(keys, at, keys, at + 1, size - at);
      System.arraycopy(levels, at, levels, at + 1, size - at);
      long[] level = {0, 0, price};
      keys[at] = key;
      levels[at] = level;
      size++;
      return level;
    }

    /** Removes {@code level}, which is on this side. */
    void drop(long[] level) {
      int at = size > 0 && levels[size - 1] == level ? size - 1 : search(buy ? level[PRICE] : -level[PRICE]);
      System.arraycopy(keys, at + 1, keys, at, size - at - 1);
      System.arraycopy(levels, at + 1, levels, at, size - at - 1);
      size--;
      levels[size] = null;
    }

    /** The index of {@code key}, or {@code -(insertion point) - 1}. */
    private int search(long key) {
      return Arrays.binarySearch(keys, 0, size, key);
    }
  }
}
