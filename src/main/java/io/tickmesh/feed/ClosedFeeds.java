package io.tickmesh.feed;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The counters of a listener's closed connections. Named feeds keep their own entry (a publisher may come
 * back under its name); the feeds the node assigned are folded into one aggregate once their connection
 * is closed and durable, so the listener's state does not grow with the number of connections it served,
 * while the node's totals still add up.
 *
 * <p>Threading: owned by one listener's context.
 */
final class ClosedFeeds {
  private final Map<String, FeedSequences.Counters> named = new HashMap<>();
  private final FeedSequences.Counters forgotten = new FeedSequences.Counters();
  private long forgottenFeeds;

  /** Adds the counters of {@code feed} from a connection that is closed and durable. */
  void add(String feed, FeedSequences.Counters counters) {
    if (FeedIds.isAssigned(feed)) {
      counters.addTo(forgotten);
      forgottenFeeds++;
    } else {
      counters.addTo(named.computeIfAbsent(feed, f -> new FeedSequences.Counters()));
    }
  }

  /** Adds the named feeds' counters into {@code totals}, per feed. */
  void addNamedTo(Map<String, FeedSequences.Counters> totals) {
    named.forEach((feed, c) -> c.addTo(totals.computeIfAbsent(feed, f -> new FeedSequences.Counters())));
  }

  /** The aggregate of the assigned feeds forgotten so far: {@code feeds} and their summed counts. */
  JsonObject forgottenJson() {
    return forgotten.countsJson().put("feeds", forgottenFeeds);
  }
}
