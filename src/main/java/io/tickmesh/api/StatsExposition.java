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
    cluster(text, stats.getJsonObject("cluster"));
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

  /** This node's view of the cluster and its ownership counters; none on a single node ({@code cluster} null). */
  private static void cluster(PrometheusText text, JsonObject cluster) {
    if (cluster == null) {
      return;
    }
    gauge(text, "tickmesh_cluster_members", "Members in this node's live view of the cluster.", cluster.getJsonArray("members").size());
    gauge(text, "tickmesh_cluster_expected_size", "cluster.expectedSize: a quorum is a majority of it.", cluster.getLong("expectedSize"));
    gauge(text, "tickmesh_cluster_quorum", "1 while this node's view holds a majority of cluster.expectedSize, else 0 (it owns no shard).",
        cluster.getBoolean("quorum", false) ? 1 : 0);
    gauge(text, "tickmesh_cluster_shards_owned", "Shards this node runs now.", cluster.getLong("shardsOwned"));
    counter(text, "tickmesh_cluster_claims_total", "Shards this node claimed (a new epoch in PostgreSQL) and started serving.", cluster.getLong("claims"));
    counter(text, "tickmesh_cluster_moves_total", "Shards this node handed over to another owner after a last checkpoint.", cluster.getLong("moves"));
    counter(text, "tickmesh_cluster_fenced_total", "Shards this node dropped because a write was fenced: another node had claimed them.", cluster.getLong("fenced"));
    counter(text, "tickmesh_cluster_stalls_total", "Shards this node dropped because their event loop had been frozen.", cluster.getLong("stalls"));
    JsonObject claimMs = cluster.getJsonObject("claimMs");
    if (claimMs.getLong("last") != null) { // none before the node's first claim
      text.family("tickmesh_cluster_claim_last_seconds", "gauge", "From this node's last decision to own a shard to the shard serving:"
          + " hand-off wait, claim in PostgreSQL, restore.").sample("tickmesh_cluster_claim_last_seconds", Seconds.ofMillis(claimMs.getLong("last")));
      text.family("tickmesh_cluster_claim_max_seconds", "gauge", "The longest claim-to-serving time among this node's last 128 claims.")
          .sample("tickmesh_cluster_claim_max_seconds", Seconds.ofMillis(claimMs.getLong("max")));
    }
  }

  private static void gauge(PrometheusText text, String name, String help, long value) {
    text.family(name, "gauge", help).sample(name, String.valueOf(value));
  }

  private static void shards(PrometheusText text, JsonObject shards) {
    text.family("tickmesh_shard_pending_ticks", "gauge", "Ticks routed to the shard by all feeds, queued or in flight, not yet answered.");
    shards.forEach(e -> text.sample("tickmesh_shard_pending_ticks", "shard", e.getKey(), String.valueOf(((JsonObject) e.getValue()).getLong("pendingTicks", 0L))));
    text.family("tickmesh_shard_last_batch_latency_seconds", "gauge", "Ingest-to-publish latency of the last batch the shard applied.");
    shards.forEach(e -> text.sample("tickmesh_shard_last_batch_latency_seconds", "shard", e.getKey(), Seconds.ofNanos(((JsonObject) e.getValue()).getLong("lastLatencyMicros", 0L) * 1_000)));
  }
}
