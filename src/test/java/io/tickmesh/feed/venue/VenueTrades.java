package io.tickmesh.feed.venue;

import io.tickmesh.testing.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the venue references read from their trades by symbol and venue id: all of them, and the gaps in the ids. */
final class VenueTrades {
  private VenueTrades() {}

  /** Every trade, all symbols. */
  static List<Trade> all(Map<String, TreeMap<Long, Trade>> trades) {
    List<Trade> out = new ArrayList<>();
    trades.values().forEach(t -> out.addAll(t.values()));
    return out;
  }

  /** The gaps in the ids of each symbol, as counted by a reader of them in order: {gaps, missing}. */
  static long[] gaps(Map<String, TreeMap<Long, Trade>> trades) {
    long gaps = 0;
    long missing = 0;
    for (TreeMap<Long, Trade> ids : trades.values()) {
      long prev = -1;
      for (long id : ids.keySet()) {
        if (prev > 0 && id > prev + 1) {
          gaps++;
          missing += id - prev - 1;
        }
        prev = id;
      }
    }
    return new long[] {gaps, missing};
  }
}
