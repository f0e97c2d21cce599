package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.Dirs;
import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A row PostgreSQL refuses for its data (here: a CHECK constraint an operator added) must not stop the
 * store. The writer halves the flush down to that row, sets it aside in {@code quarantine}, writes the
 * rest, and the feed is acknowledged; the store stays up and says how many rows it set aside.
 */
class QuarantineIT {
  private static final int TRADES = 5_000;
  private static final int REFUSED = 2_500;

  @Test
  void aRefusedRowIsSetAsideAndEverythingElseIsWritten() throws Exception {
    Path dir = Files.createTempDirectory("quarantine");
    try (InProcessNode node = InProcessNode.withStore(dir.resolve("pg"), Map.of("bars.intervals", "1m"))) {
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).using(node.vertx())
          .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(node.dbPort())
              .setUser("postgres").setPassword("postgres").setDatabase("postgres"))
          .build();
      try {
        var altered = pool.query("alter table trades add constraint no_px_13 check (px <> 13)").execute()
            .await(30, TimeUnit.SECONDS);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= TRADES; i++) {
          String px = i == REFUSED ? "13" : "10." + (i % 100);
          lines.add("{\"feed\":\"q\",\"seq\":" + i + ",\"sym\":\"QQ\",\"ts\":\"2026-11-24T10:00:00." + String.format("%03d", i % 1000)
              + "Z\",\"type\":\"trade\",\"px\":\"" + px + "\",\"qty\":\"1\"}");
        }
        try (FeedClient feed = node.connect()) {
          feed.send(lines);
          feed.awaitAck("q", TRADES, Duration.ofSeconds(60)); // acked: durable, apart from the row set aside
        }
        JsonArray stored = node.http().get("/api/v1/trades/QQ?limit=10000").array();
        assertThat(stored).hasSize(TRADES - 1);
        assertThat(stored.stream().map(t -> ((JsonObject) t).getLong("seq"))).doesNotContain((long) REFUSED);

        List<Row> aside = new ArrayList<>();
        pool.query("select kind, row_json, sqlstate from quarantine").execute().await(30, TimeUnit.SECONDS).forEach(aside::add);
        assertThat(aside).hasSize(1);
        assertThat(aside.get(0).getString("kind")).isEqualTo("trade");
        assertThat(aside.get(0).getString("sqlstate")).isEqualTo("23514"); // check_violation
        assertThat(new JsonObject(aside.get(0).getString("row_json")).getLong("seq")).isEqualTo(REFUSED);

        JsonObject store = node.http().stats().getJsonObject("store");
        assertThat(store.getLong("quarantined")).isEqualTo(1);
        assertThat(store.getBoolean("up")).isTrue();
        assertThat(node.http().get("/health/ready").status()).isEqualTo(200);
      } finally {
        var closed = pool.close().await(10, TimeUnit.SECONDS);
      }
    }
    Dirs.deleteTree(dir);
  }
}
