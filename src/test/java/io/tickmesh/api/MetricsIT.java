package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.PrometheusScrape;
import io.tickmesh.testing.PrometheusScrape.Family;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A real node takes known numbers of good and bad ticks; once they settle, {@code /metrics} parses as
 * Prometheus text, its {@code tickmesh_*} counters equal both {@code /api/v1/stats} and the expected
 * numbers, the latency histogram counts every applied tick in consistent buckets, and the Vert.x and JVM
 * meters are there. The health checks answer as before.
 */
class MetricsIT {
  private static final long SECOND = 1_000_000_000L;
  private static final int GOOD = 3_000;
  private static final int MALFORMED = 30;
  private static final int DUPLICATES = 5;
  private static final int LATE = 5;

  @Test
  void metricsAgreeWithStatsAndTheTicksSent() throws Exception {
    List<Trade> good = TradeDays.generate(List.of("AAPL", "MSFT", "IBM"), GOOD, TradeDays.DAY, 30 * SECOND, "m", 7);
    List<String> lines = lines(good);
    long expectedBars = good.stream().map(t -> t.symbol() + "@" + t.ts() / SECOND).distinct().count();
    long rejected = MALFORMED + DUPLICATES + LATE;
    Map<String, Object> config = Map.of("bars.intervals", "1s", "bars.graceMs", 200);
    try (InProcessNode node = InProcessNode.start(config); FeedClient client = node.connect()) {
      client.send(lines);
      client.awaitAck("m", GOOD + LATE, Duration.ofMinutes(1));
      Http http = node.http();
      JsonObject stats = http.awaitStats(s -> s.getLong("ticksIn") == GOOD + rejected && s.getLong("pendingTicks") == 0
          && s.getLong("barsClosed") == expectedBars, Duration.ofSeconds(30));

      Http.Answer scrape = http.get("/metrics");
      JsonObject after = http.stats();
      assertThat(scrape.status()).isEqualTo(200);
      Map<String, Family> metrics = PrometheusScrape.parse(scrape.body());

      for (String counter : List.of("ticksIn", "ticksApplied", "ticksRejected", "barsClosed", "pendingTicks")) {
        assertThat(after.getLong(counter)).as("settled " + counter).isEqualTo(stats.getLong(counter));
      }
      assertThat(value(metrics, "tickmesh_ticks_in_total")).isEqualTo(stats.getLong("ticksIn")).isEqualTo(GOOD + rejected);
      assertThat(value(metrics, "tickmesh_ticks_applied_total")).isEqualTo(stats.getLong("ticksApplied")).isEqualTo(GOOD);
      assertThat(value(metrics, "tickmesh_ticks_rejected_total")).isEqualTo(stats.getLong("ticksRejected")).isEqualTo(rejected);
      assertThat(value(metrics, "tickmesh_bars_closed_total")).isEqualTo(stats.getLong("barsClosed")).isEqualTo(expectedBars);
      assertThat(value(metrics, "tickmesh_pending_ticks")).isZero();
      assertLatency(metrics.get("tickmesh_tick_latency_seconds"), stats.getJsonObject("tickLatency"));
      assertLag(metrics, stats);
      assertThat(metrics.keySet()).noneMatch(n -> n.startsWith("vertx_eventbus_")) // not metered: its cost per message
          .anyMatch(n -> n.startsWith("vertx_http_server_"))
          .anyMatch(n -> n.startsWith("jvm_memory_"))
          .anyMatch(n -> n.startsWith("jvm_gc_"))
          .anyMatch(n -> n.startsWith("jvm_threads_"));

      assertHealth(http);
    }
  }

  /** Good trades in order, with malformed lines, duplicates of earlier seqs and late trades among them. */
  private static List<String> lines(List<Trade> good) {
    List<String> lines = new ArrayList<>();
    int malformed = 0;
    int duplicates = 0;
    for (int i = 0; i < good.size(); i++) {
      lines.add(good.get(i).line(i));
      if (i % 100 == 50 && malformed < MALFORMED) {
        lines.add(malformed++ % 2 == 0 ? "{\"sym\":\"AAPL\",\"ts\":" : "{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T00:00:01Z\",\"type\":\"trade\",\"px\":\"1\",\"qty\":\"-5\"}");
      }
      if (i % 500 == 250 && duplicates < DUPLICATES) {
        lines.add(good.get(i - duplicates++).line(i)); // seq not above the feed's last: refused by the feed
      }
    }
    Trade first = good.get(0);
    for (int k = 1; k <= LATE; k++) { // long before the newest trade of the symbol: refused by the shard
      lines.add(new Trade("m", good.size() + k, first.symbol(), first.ts(), first.px(), first.qty()).line(k));
    }
    return lines;
  }

  /** The value of a family's one unlabelled sample, which must be a whole number. */
  private static long value(Map<String, Family> metrics, String name) {
    double v = metrics.get(name).value(name, Map.of());
    assertThat(v).as(name).isEqualTo(Math.rint(v));
    return (long) v;
  }

  /** Every applied tick is observed once; the buckets are the stats' buckets (the parser checked the rest). */
  private static void assertLatency(Family histogram, JsonObject latency) {
    String name = "tickmesh_tick_latency_seconds";
    assertThat(histogram.type()).isEqualTo("histogram");
    assertThat(histogram.value(name + "_count", Map.of())).isEqualTo(GOOD).isEqualTo((double) latency.getLong("count"));
    assertThat(histogram.value(name + "_bucket", Map.of("le", "+Inf"))).isEqualTo(GOOD);
    latency.getJsonObject("buckets").forEach(bucket ->
        assertThat(histogram.value(name + "_bucket", Map.of("le", bucket.getKey()))).as("le " + bucket.getKey())
            .isEqualTo(((Number) bucket.getValue()).doubleValue()));
    assertThat(latency.getLong("p50Micros")).isLessThanOrEqualTo(latency.getLong("p99Micros"));
  }

  /** Settled: nothing pending per feed or shard; one idle gauge per feed; one pending gauge per shard. */
  private static void assertLag(Map<String, Family> metrics, JsonObject stats) {
    Set<String> feeds = new HashSet<>(stats.getJsonObject("feeds").fieldNames());
    assertThat(feeds).contains("m").hasSize(2); // "m", and the connection's own id for the malformed lines
    for (String feed : feeds) {
      assertThat(metrics.get("tickmesh_feed_pending_ticks").value("tickmesh_feed_pending_ticks", Map.of("feed", feed))).isZero();
      assertThat(metrics.get("tickmesh_feed_idle_seconds").value("tickmesh_feed_idle_seconds", Map.of("feed", feed))).isNotNegative();
    }
    Family shardPending = metrics.get("tickmesh_shard_pending_ticks");
    assertThat(shardPending.samples()).hasSize(stats.getJsonObject("shards").size()).allMatch(s -> s.value() == 0);
    assertThat(metrics.get("tickmesh_shard_last_batch_latency_seconds").samples()).hasSize(shardPending.samples().size());
  }

  private static void assertHealth(Http http) throws Exception {
    Http.Answer live = http.get("/health/live");
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().getString("status")).isEqualTo("UP");
    Http.Answer ready = http.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json()).isEqualTo(new JsonObject(
        "{\"status\":\"UP\",\"checks\":[{\"id\":\"node\",\"status\":\"UP\",\"state\":\"ready\"}]}"));
  }
}
