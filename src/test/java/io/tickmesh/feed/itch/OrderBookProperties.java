package io.tickmesh.feed.itch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link OrderBook}'s sorted sides against TreeMaps of the same levels, on random adds and removals of
 * whole and partial orders on both sides over few prices (so levels empty, come back, and the best moves
 * both ways): the same levels best first, the same top after every step.
 */
class OrderBookProperties {
  @Property(tries = 300)
  void keepsTheLevelsOfTreeMaps(@ForAll @Size(max = 2000) List<@IntRange(min = 0, max = 9999) Integer> ops) {
    OrderBook book = new OrderBook("XYZ", new byte[8]);
    Map<Boolean, TreeMap<Long, long[]>> model = Map.of(true, new TreeMap<>(Collections.reverseOrder()), false, new TreeMap<>());
    List<Resting> resting = new ArrayList<>();
    for (int op : ops) {
      boolean buy = op % 2 == 0;
      if (op % 5 < 3 || resting.isEmpty()) {
        long price = 1_000_000 + (op / 10 % 40) * 100L;
        long shares = 1 + op % 7 * 100L;
        resting.add(new Resting(buy, price, shares, book.add(buy, price, shares)));
        long[] level = model.get(buy).computeIfAbsent(price, p -> new long[2]);
        level[0] += shares;
        level[1]++;
      } else {
        Resting r = resting.get(op % resting.size());
        long shares = op % 3 == 0 ? r.shares : Math.max(1, r.shares / 2);
        r.shares -= shares;
        boolean gone = r.shares == 0;
        book.remove(r.buy, r.level, shares, gone);
        long[] level = model.get(r.buy).get(r.price);
        level[0] -= shares;
        if (gone) {
          resting.remove(r);
          if (--level[1] == 0) {
            model.get(r.buy).remove(r.price);
          }
        }
      }
      assertThat(book.top()).isEqualTo(top(model));
    }
    for (boolean buy : new boolean[] {true, false}) {
      List<OrderBook.Level> expected = new ArrayList<>();
      model.get(buy).forEach((price, level) -> expected.add(new OrderBook.Level(price, level[0], (int) level[1])));
      assertThat(book.levels(buy, Integer.MAX_VALUE)).isEqualTo(expected);
      assertThat(book.levels(buy, 3)).isEqualTo(expected.subList(0, Math.min(3, expected.size())));
    }
    assertThat(book.levelCount()).isEqualTo(model.get(true).size() + model.get(false).size());
  }

  private static OrderBook.Top top(Map<Boolean, TreeMap<Long, long[]>> model) {
    var bid = model.get(true).firstEntry();
    var ask = model.get(false).firstEntry();
    return new OrderBook.Top(bid == null ? 0 : bid.getKey(), bid == null ? 0 : bid.getValue()[0],
        ask == null ? 0 : ask.getKey(), ask == null ? 0 : ask.getValue()[0]);
  }

  /** An order of the test, on the level the book gave it. */
  private static final class Resting {
    final boolean buy;
    final long price;
    long shares;
    final long[] level;

    Resting(boolean buy, long price, long shares, long[] level) {
      this.buy = buy;
      this.price = price;
      this.shares = shares;
      this.level = level;
    }
  }
}
