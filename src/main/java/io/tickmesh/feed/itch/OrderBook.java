package io.tickmesh.feed.itch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The visible book of one instrument: per side, its price levels (price in ITCH's 4 implied decimals)
 * with the shares and orders resting at each. The orders themselves are kept by {@link ItchBooks}, which
 * applies adds, executions, cancels, deletes and replaces here. Pure; not thread-safe (one actor).
 */
public final class OrderBook {
  /** One price level: {@code price} with {@code shares} resting in {@code orders} orders. */
  public record Level(long price, long shares, int orders) {}

  /** Best bid and ask with their sizes; a side with no order has price and size 0. */
  public record Top(long bid, long bidShares, long ask, long askShares) {
    static final Top EMPTY = new Top(0, 0, 0, 0);

    /** Whether both sides have an order and the bid is not above the ask: a quote can be made of it. */
    public boolean twoSided() {
      return bid > 0 && ask > 0 && bid <= ask;
    }
  }

  private final TreeMap<Long, long[]> bids = new TreeMap<>(Collections.reverseOrder());
  private final TreeMap<Long, long[]> asks = new TreeMap<>();

  /** Adds {@code shares} at {@code price} on the buy side if {@code buy}, else the sell side: one more order. */
  void add(boolean buy, long price, long shares) {
    long[] level = (buy ? bids : asks).computeIfAbsent(price, p -> new long[2]);
    level[0] += shares;
    level[1]++;
  }

  /**
   * Takes {@code shares} off the level at {@code price}, and one order if {@code orderGone}; the caller
   * knows the order rests there with at least that many shares.
   */
  void remove(boolean buy, long price, long shares, boolean orderGone) {
    TreeMap<Long, long[]> side = buy ? bids : asks;
    long[] level = side.get(price);
    level[0] -= shares;
    if (orderGone) {
      level[1]--;
    }
    if (level[1] == 0) {
      side.remove(price);
    }
  }

  /** The best bid and ask now. */
  public Top top() {
    Map.Entry<Long, long[]> bid = bids.firstEntry();
    Map.Entry<Long, long[]> ask = asks.firstEntry();
    if (bid == null && ask == null) {
      return Top.EMPTY;
    }
    return new Top(bid == null ? 0 : bid.getKey(), bid == null ? 0 : bid.getValue()[0],
        ask == null ? 0 : ask.getKey(), ask == null ? 0 : ask.getValue()[0]);
  }

  /** The best {@code depth} levels of the buy side if {@code buy}, else the sell side, best first. */
  public List<Level> levels(boolean buy, int depth) {
    List<Level> out = new ArrayList<>(Math.min(depth, 16));
    for (Map.Entry<Long, long[]> e : (buy ? bids : asks).entrySet()) {
      if (out.size() == depth) {
        break;
      }
      out.add(new Level(e.getKey(), e.getValue()[0], (int) e.getValue()[1]));
    }
    return out;
  }

  /** Price levels on both sides. */
  public int levelCount() {
    return bids.size() + asks.size();
  }
}
