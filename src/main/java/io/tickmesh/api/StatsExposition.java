package io.tickmesh.api;

import io.tickmesh.obs.PrometheusText;
import io.tickmesh.obs.Seconds;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The {@code tickmesh_*} metric families of {@code /metrics}, written from the very JSON that
 * {@code /api/v1/stats} answers (one collection per scrape), so the two always agree. README lists the
 * names, labels and meanings.
 */
final class StatsExposition {
  private StatsExposition() {}

  /** The families for one stats collection. */
  static String render(JsonObject stats) {
    PrometheusText text = new PrometheusText();
    counter(text, "tickmesh_ticks_in_total", "Lines read from all feeds since the node started; each ends applied or rejected.", stats.getLong("ticksIn"));
    counter(text, "tickmesh_ticks_applied_total", "Ticks applied by the shards.", stats.getLong("ticksApplied"));
    counter(text, "tickmesh_ticks_rejected_total", "Ticks refused by a feed (parse, sequence) or a shard (late, duplicate).", stats.getLong("ticksRejected"));
    counter(text, "tickmesh_bars_closed_total", "Bars closed by the shards (revisions not counted).", stats.getLong("barsClosed"));
    latency(text, stats.getJsonObject("tickLatency"));
    text.family("tickmesh_pending_ticks", "gauge", "Ticks read and not yet answered by their shard.")
        .sample("tickmesh_pending_ticks", String.valueOf(stats.getLong("pendingTicks")));
    feeds(text, stats.getJsonObject("feeds"));
    shards(text, stats.getJsonObject("shards"));
    store(text, stats.getJsonObject("store"));
    EdgeExposition.render(text, stats);
    return text.toString();
  }

  private static void counter(PrometheusText text, String name, String help, long value) {
    text.family(name, "counter", help).sample(name, String.valueOf(value));
  }

  /** The histogram from the cumulative buckets of {@code tickLatency}, keyed by their {@code le}. */
  private static void latency(PrometheusText text, JsonObject latency) {
    String name = "tickmesh_tick_latency_seconds";
    text.family(name, "histogram", "Time from reading a tick to its shard publishing the outputs; each applied tick counts with its batch, timed from the batch's first tick.");
    for (Map.Entry<String, Object> bucket : latency.getJsonObject("buckets")) {
      text.sample(name + "_bucket", "le", bucket.getKey(), String.valueOf(bucket.getValue()));
    }
    text.sample(name + "_sum", Seconds.ofNanos(latency.getLong("sumMicros") * 1_000));
    text.sample(name + "_count", String.valueOf(latency.getLong("count")));
  }

  private static void feeds(PrometheusText text, JsonObject feeds) {
    text.family("tickmesh_feed_pending_ticks", "gauge", "Ticks of the feed read and not yet answered by their shard.");
    feeds.forEach(e -> text.sample("tickmesh_feed_pending_ticks", "feed", e.getKey(), String.valueOf(((JsonObject) e.getValue()).getLong("pendingTicks", 0L))));
    text.family("tickmesh_feed_idle_seconds", "gauge", "Seconds since the feed's last line was read.");
    feeds.forEach(e -> text.sample("tickmesh_feed_idle_seconds", "feed", e.getKey(), Seconds.ofMillis(((JsonObject) e.getValue()).getLong("idleMs", 0L))));
  }

  /** The store writer's families; none without a store ({@code store} null). */
  private static void store(PrometheusText text, JsonObject store) {
    if (store == null) {
      return;
    }
    counter(text, "tickmesh_store_rows_written_total", "Rows written to PostgreSQL (trades, bars, rejects, checkpoints, feed positions).", store.getLong("rowsWritten", 0L));
    counter(text, "tickmesh_store_flush_failures_total", "Flushes that failed and were retried (PostgreSQL slow, down or refusing).", store.getLong("failures", 0L));
    counter(text, "tickmesh_store_quarantined_total", "Rows PostgreSQL refused for their data, set aside in table quarantine.", store.getLong("quarantined", 0L));
    counter(text, "tickmesh_store_fenced_writes_total", "Rows of a shard dropped because its ownership epoch moved on (another node claimed it): trades, bars, checkpoints.", store.getLong("fencedWrites", 0L));
    counter(text, "tickmesh_store_fenced_shards_total", "Shard epochs the store fenced off: one per notice that the shard must stop.", store.getLong("fencedShards", 0L));
    text.family("tickmesh_store_queued_rows", "gauge", "Rows waiting for the store writer; past store.maxQueuedRows the feeds pause.")
        .sample("tickmesh_store_queued_rows", String.valueOf(store.getLong("queuedRows", 0L)));
    text.family("tickmesh_store_up", "gauge", "1 while PostgreSQL takes writes, 0 while it is down (readiness is 503).")
        .sample("tickmesh_store_up", store.getBoolean("up", false) ? "1" : "0");
  }

  private static void shards(PrometheusText text, JsonObject shards) {
    text.family("tickmesh_shard_pending_ticks", "gauge", "Ticks routed to the shard by all feeds, queued or in flight, not yet answered.");
    shards.forEach(e -> text.sample("tickmesh_shard_pending_ticks", "shard", e.getKey(), String.valueOf(((JsonObject) e.getValue()).getLong("pendingTicks", 0L))));
    text.family("tickmesh_shard_last_batch_latency_seconds", "gauge", "Ingest-to-publish latency of the last batch the shard applied.");
    shards.forEach(e -> text.sample("tickmesh_shard_last_batch_latency_seconds", "shard", e.getKey(), Seconds.ofNanos(((JsonObject) e.getValue()).getLong("lastLatencyMicros", 0L) * 1_000)));
  }
}
