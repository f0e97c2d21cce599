package io.tickmesh.feed.itch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link OrderRefs} against a HashMap, on random puts and removes, in a table that starts at 4 slots: it
 * grows through every size, and at each its probe runs wrap around the end of the table.
 */
class OrderRefsProperties {
  @Property(tries = 200)
  void behavesAsAMap(@ForAll @Size(max = 3000) List<@LongRange(min = -50, max = 5000) Long> ops) {
    OrderRefs<String> refs = new OrderRefs<>(4);
    Map<Long, String> model = new HashMap<>();
    for (long op : ops) {
      long ref = Math.abs(op) * 4096;
      if (op < 0 || model.containsKey(ref) && op % 3 == 0) {
        refs.remove(ref);
        model.remove(ref);
      } else if (!model.containsKey(ref)) {
        refs.put(ref, "o" + ref);
        model.put(ref, "o" + ref);
      }
      assertThat(refs.size()).isEqualTo(model.size());
    }
    for (long k = 0; k <= 5000 * 4096L; k += 4096) {
      assertThat(refs.get(k)).isEqualTo(model.get(k));
    }
  }
}
