package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.obs.LatencyHistogram;
import io.tickmesh.obs.PrometheusText;
import io.tickmesh.testing.PrometheusScrape;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code tickmesh_*} families written from a stats answer: well-formed, and the same numbers. */
class StatsExpositionTest {
  @Test
  void writesEveryFamilyOnceWithTheStatsValues() {
    LatencyHistogram latency = new LatencyHistogram();
    latency.record(300_000, 7);
    latency.record(4_000_000, 3);
    JsonObject stats = new JsonObject()
        .put("ticksIn", 12).put("ticksApplied", 10).put("ticksRejected", 2).put("barsClosed", 4).put("pendingTicks", 0)
        .put("tickLatency", latency.summaryJson())
        .put("feeds", new JsonObject()
            .put("nyse", new JsonObject().put("pendingTicks", 0).put("idleMs", 1500))
            .put("odd\"feed\\", new JsonObject().put("pendingTicks", 3).put("idleMs", 0)))
        .put("shards", new JsonObject()
            .put("0", new JsonObject().put("pendingTicks", 3).put("lastLatencyMicros", 250))
            .put("1", new JsonObject().put("pendingTicks", 0).put("lastLatencyMicros", 0)));

    Map<String, PrometheusScrape.Family> families = PrometheusScrape.parse(StatsExposition.render(stats));

    assertThat(families.keySet()).startsWith(
        "tickmesh_ticks_in_total", "tickmesh_ticks_applied_total", "tickmesh_ticks_rejected_total",
        "tickmesh_bars_closed_total", "tickmesh_tick_latency_seconds", "tickmesh_pending_ticks",
        "tickmesh_feed_pending_ticks", "tickmesh_feed_idle_seconds", "tickmesh_shard_pending_ticks",
        "tickmesh_shard_last_batch_latency_seconds");
    families.values().forEach(f -> assertThat(f.help()).as(f.name()).isNotBlank());
    assertThat(families.get("tickmesh_ticks_in_total").type()).isEqualTo("counter");
    assertThat(families.get("tickmesh_ticks_in_total").value("tickmesh_ticks_in_total", Map.of())).isEqualTo(12);
    assertThat(families.get("tickmesh_ticks_rejected_total").value("tickmesh_ticks_rejected_total", Map.of())).isEqualTo(2);
    PrometheusScrape.Family histogram = families.get("tickmesh_tick_latency_seconds");
    assertThat(histogram.type()).isEqualTo("histogram");
    assertThat(histogram.value("tickmesh_tick_latency_seconds_count", Map.of())).isEqualTo(10);
    assertThat(histogram.value("tickmesh_tick_latency_seconds_sum", Map.of())).isEqualTo(0.0141);
    assertThat(histogram.value("tickmesh_tick_latency_seconds_bucket", Map.of("le", "0.0005"))).isEqualTo(7);
    assertThat(histogram.value("tickmesh_tick_latency_seconds_bucket", Map.of("le", "0.005"))).isEqualTo(10);
    assertThat(families.get("tickmesh_feed_idle_seconds").value("tickmesh_feed_idle_seconds", Map.of("feed", "nyse"))).isEqualTo(1.5);
    assertThat(families.get("tickmesh_feed_pending_ticks").value("tickmesh_feed_pending_ticks", Map.of("feed", "odd\"feed\\"))).isEqualTo(3);
    assertThat(families.get("tickmesh_shard_last_batch_latency_seconds")
        .value("tickmesh_shard_last_batch_latency_seconds", Map.of("shard", "0"))).isEqualTo(0.00025);
  }

  @Test
  void theEdgesShowEachPortsConnectionsAndEachBoundBesideWhatApproachesIt() {
    JsonObject disconnects = new JsonObject().put("slow", 2).put("bridge_full", 1).put("too_big", 0).put("protocol", 0)
        .put("idle", 4).put("full", 0).put("stopping", 0);
    JsonObject stats = new JsonObject()
        .put("ticksIn", 0).put("ticksApplied", 0).put("ticksRejected", 0).put("barsClosed", 0).put("pendingTicks", 0)
        .put("tickLatency", new LatencyHistogram().summaryJson())
        .put("feeds", new JsonObject()).put("shards", new JsonObject())
        .put("feedConnections", new JsonObject().put("connections", 3).put("maxConnections", 1000).put("refused", 1).put("idleClosed", 2))
        .put("bridges", new JsonObject()
            .put("tcp", new JsonObject().put("connections", 7).put("maxConnections", 1000).put("refused", 5).put("unreadBytes", 4096)
                .put("maxTotalQueueBytes", 67108864).put("subscriptions", 40).put("disconnects", disconnects))
            .put("sockjs", new JsonObject().put("connections", 1).put("maxConnections", 1000).put("refused", 0).put("unreadBytes", 0)
                .put("maxTotalQueueBytes", 67108864).put("subscriptions", 3).put("disconnects", new JsonObject())))
        .put("http", new JsonObject().put("connections", 2).put("maxConnections", 1000).put("refused", 0).put("idleClosed", 9)
            .put("answerBytes", 65536).put("maxAnswerBytes", 67108864).put("busy", 6)
            .put("queries", new JsonObject().put("busy", 8).put("timeouts", 1)))
        .put("jvm", new JsonObject().put("directBytes", 123456));

    Map<String, PrometheusScrape.Family> families = PrometheusScrape.parse(StatsExposition.render(stats));

    assertThat(families.get("tickmesh_connections").value("tickmesh_connections", Map.of("port", "bridge_tcp"))).isEqualTo(7);
    assertThat(families.get("tickmesh_connections_max").value("tickmesh_connections_max", Map.of("port", "feed"))).isEqualTo(1000);
    assertThat(families.get("tickmesh_connections_refused_total").value("tickmesh_connections_refused_total", Map.of("port", "bridge_tcp")))
        .isEqualTo(5);
    assertThat(families.get("tickmesh_connections_idle_closed_total")
        .value("tickmesh_connections_idle_closed_total", Map.of("port", "bridge_tcp"))).isEqualTo(4);
    assertThat(families.get("tickmesh_connections_idle_closed_total")
        .value("tickmesh_connections_idle_closed_total", Map.of("port", "http"))).isEqualTo(9);
    assertThat(families.get("tickmesh_bridge_unread_bytes_max").value("tickmesh_bridge_unread_bytes_max", Map.of("bridge", "sockjs")))
        .isEqualTo(67108864);
    assertThat(families.get("tickmesh_bridge_disconnects_total")
        .value("tickmesh_bridge_disconnects_total", Map.of("bridge", "tcp", "reason", "slow"))).isEqualTo(2);
    assertThat(families.get("tickmesh_http_busy_total").value("tickmesh_http_busy_total", Map.of())).isEqualTo(6);
    assertThat(families.get("tickmesh_query_busy_total").value("tickmesh_query_busy_total", Map.of())).isEqualTo(8);
    assertThat(families.get("tickmesh_direct_memory_bytes").value("tickmesh_direct_memory_bytes", Map.of())).isEqualTo(123456);
  }

  @Test
  void theStoreFamiliesComeOnlyWithAStore() {
    JsonObject stats = quietNode();
    assertThat(PrometheusScrape.parse(StatsExposition.render(stats)).keySet()).noneMatch(name -> name.startsWith("tickmesh_store_"));

    stats.put("store", new JsonObject().put("rowsWritten", 120).put("failures", 3).put("quarantined", 1)
        .put("queuedRows", 40).put("up", false).put("fencedWrites", 9).put("fencedShards", 2));
    Map<String, PrometheusScrape.Family> families = PrometheusScrape.parse(StatsExposition.render(stats));
    assertThat(families.get("tickmesh_store_rows_written_total").value("tickmesh_store_rows_written_total", Map.of())).isEqualTo(120);
    assertThat(families.get("tickmesh_store_flush_failures_total").value("tickmesh_store_flush_failures_total", Map.of())).isEqualTo(3);
    assertThat(families.get("tickmesh_store_quarantined_total").value("tickmesh_store_quarantined_total", Map.of())).isEqualTo(1);
    assertThat(families.get("tickmesh_store_queued_rows").value("tickmesh_store_queued_rows", Map.of())).isEqualTo(40);
    assertThat(families.get("tickmesh_store_up").value("tickmesh_store_up", Map.of())).isEqualTo(0);
    assertThat(families.get("tickmesh_store_fenced_writes_total").value("tickmesh_store_fenced_writes_total", Map.of())).isEqualTo(9);
    assertThat(families.get("tickmesh_store_fenced_shards_total").value("tickmesh_store_fenced_shards_total", Map.of())).isEqualTo(2);
  }

  @Test
  void theClusterFamiliesComeOnlyOnAClusterNode() {
    JsonObject stats = quietNode();
    assertThat(PrometheusScrape.parse(StatsExposition.render(stats)).keySet()).noneMatch(name -> name.startsWith("tickmesh_cluster_"));

    JsonObject cluster = new JsonObject().put("members", new JsonArray().add("node-1").add("node-2")).put("expectedSize", 3)
        .put("quorum", true).put("shardsOwned", 31).put("claims", 40).put("moves", 9).put("fenced", 1).put("stalls", 0)
        .put("claimMs", new JsonObject().put("recent", 0).putNull("last").putNull("max"));
    stats.put("cluster", cluster);
    Map<String, PrometheusScrape.Family> families = PrometheusScrape.parse(StatsExposition.render(stats));
    assertThat(families.get("tickmesh_cluster_members").value("tickmesh_cluster_members", Map.of())).isEqualTo(2);
    assertThat(families.get("tickmesh_cluster_expected_size").value("tickmesh_cluster_expected_size", Map.of())).isEqualTo(3);
    assertThat(families.get("tickmesh_cluster_quorum").value("tickmesh_cluster_quorum", Map.of())).isEqualTo(1);
    assertThat(families.get("tickmesh_cluster_shards_owned").value("tickmesh_cluster_shards_owned", Map.of())).isEqualTo(31);
    assertThat(families.get("tickmesh_cluster_claims_total").type()).isEqualTo("counter");
    assertThat(families.get("tickmesh_cluster_claims_total").value("tickmesh_cluster_claims_total", Map.of())).isEqualTo(40);
    assertThat(families.get("tickmesh_cluster_moves_total").value("tickmesh_cluster_moves_total", Map.of())).isEqualTo(9);
    assertThat(families.get("tickmesh_cluster_fenced_total").value("tickmesh_cluster_fenced_total", Map.of())).isEqualTo(1);
    assertThat(families.get("tickmesh_cluster_stalls_total").value("tickmesh_cluster_stalls_total", Map.of())).isEqualTo(0);
    assertThat(families).as("no claim yet: no claim time").doesNotContainKey("tickmesh_cluster_claim_last_seconds");

    cluster.put("quorum", false).put("claimMs", new JsonObject().put("recent", 2).put("last", 35).put("max", 1250));
    families = PrometheusScrape.parse(StatsExposition.render(stats));
    assertThat(families.get("tickmesh_cluster_quorum").value("tickmesh_cluster_quorum", Map.of())).isEqualTo(0);
    assertThat(families.get("tickmesh_cluster_claim_last_seconds").value("tickmesh_cluster_claim_last_seconds", Map.of())).isEqualTo(0.035);
    assertThat(families.get("tickmesh_cluster_claim_max_seconds").value("tickmesh_cluster_claim_max_seconds", Map.of())).isEqualTo(1.25);
  }

  @Test
  void aFamilyWrittenTwiceIsABug() {
    PrometheusText text = new PrometheusText().family("a_total", "counter", "A.");
    assertThatThrownBy(() -> text.family("a_total", "counter", "A.")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theCheckerRefusesWhatAScraperWouldRefuse() {
    String ok = "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n";
    assertThat(PrometheusScrape.parse(ok)).containsKey("h");
    assertThatThrownBy(() -> PrometheusScrape.parse(ok + "# TYPE h gauge\nh 1\n")).hasMessageContaining("declared twice");
    assertThatThrownBy(() -> PrometheusScrape.parse(ok.replace("h_bucket{le=\"+Inf\"} 2", "h_bucket{le=\"+Inf\"} 0")))
        .hasMessageContaining("not cumulative");
    assertThatThrownBy(() -> PrometheusScrape.parse(ok.replace("h_count 2", "h_count 5"))).hasMessageContaining("_count");
    assertThatThrownBy(() -> PrometheusScrape.parse("# TYPE g gauge\nother 1\n")).hasMessageContaining("outside its family");
    assertThatThrownBy(() -> PrometheusScrape.parse("# TYPE g gauge\ng{a=\"1\"} 1\ng{a=\"1\"} 2\n")).hasMessageContaining("repeated");
  }

  /** The stats of a node that has read nothing yet, without a store, single. */
  private static JsonObject quietNode() {
    return new JsonObject()
        .put("ticksIn", 0).put("ticksApplied", 0).put("ticksRejected", 0).put("barsClosed", 0).put("pendingTicks", 0)
        .put("tickLatency", new LatencyHistogram().summaryJson())
        .put("feeds", new JsonObject()).put("shards", new JsonObject());
  }
}
