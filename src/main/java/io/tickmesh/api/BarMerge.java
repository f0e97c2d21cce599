package io.tickmesh.api;

import io.tickmesh.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One bars answer from two sources read at slightly different moments: the closed bars in PostgreSQL,
 * and the shard's view (its recent closed bars and the open ones). A bar that closes between the two
 * reads, or is closed but not yet written, is in the shard's view; so the union, by start and keeping
 * the highest revision, misses nothing. Then the window rule of the query: with {@code from}, the first
 * {@code limit} closed bars; without, the last {@code limit}; open bars after them.
 */
final class BarMerge {
  private BarMerge() {}

  static JsonArray merge(JsonArray stored, JsonArray shardView, boolean fromStart, int limit, boolean includeOpen) {
    TreeMap<Long, JsonObject> closed = new TreeMap<>();
    stored.forEach(o -> keepNewest(closed, (JsonObject) o));
    List<JsonObject> open = new ArrayList<>();
    for (Object o : shardView) {
      JsonObject bar = (JsonObject) o;
      if (Boolean.FALSE.equals(bar.getBoolean("closed"))) {
        open.add(bar);
      } else {
        keepNewest(closed, bar);
      }
    }
    List<JsonObject> window = new ArrayList<>(closed.values());
    if (window.size() > limit) {
      window = fromStart ? window.subList(0, limit) : window.subList(window.size() - limit, window.size());
    }
    JsonArray out = new JsonArray(new ArrayList<>(window));
    if (includeOpen) {
      open.stream().filter(bar -> !closed.containsKey(start(bar))).forEach(out::add);
    }
    return out;
  }

  private static void keepNewest(Map<Long, JsonObject> closed, JsonObject bar) {
    closed.merge(start(bar), bar, (a, b) -> b.getLong("revision", 0L) >= a.getLong("revision", 0L) ? b : a);
  }

  private static long start(JsonObject bar) {
    return Timestamps.parse(bar.getString("start"));
  }
}
