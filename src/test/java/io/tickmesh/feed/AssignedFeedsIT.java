package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Feeds the node assigns are forgotten once their connection is closed and durable (issue 7, finding 6):
 * hundreds of anonymous connections leave no trace in the stats' feeds, the metrics' labels, the
 * checkpoints' feed seqs or the feed positions, while their ticks still count in the totals, and a named
 * feed sent alongside keeps its dedupe.
 */
class AssignedFeedsIT {
  private static final int CONNECTIONS = 300;
  private static final int GOOD_PER_CONNECTION = 3;
  private static final Pattern FEED_LABEL = Pattern.compile("feed=\"([^\"]*)\"");

  private static String anonymous(int connection, int i) {
    return "{\"sym\":\"ANON" + (connection + i) % 16 + "\",\"ts\":" + (TradeDays.DAY + connection * 1_000L + i)
        + ",\"type\":\"trade\",\"px\":\"10\",\"qty\":\"1\"}";
  }

  @Test
  void anonymousConnectionsAreForgottenOnceDurableAndANamedFeedStillDedupes() throws Exception {
    try (InProcessNode node = InProcessNode.withStore(Files.createTempDirectory("assigned"), Map.of())) {
      List<String> named = SigtermAcksIT.lines("named", 60);
      try (FeedClient first = node.connect()) {
        first.send(named.subList(0, 50));
        first.halfClose();
        assertThat(first.awaitEndOfStream(Duration.ofSeconds(30))).isTrue();
        assertThat(first.acked("named")).isEqualTo(50L);
      }
      for (int c = 0; c < CONNECTIONS; c++) {
        try (FeedClient client = node.connect()) {
          client.send(List.of(anonymous(c, 0), anonymous(c, 1), "{\"sym\":\"ANON1\",\"type\":\"trade\"}", anonymous(c, 2)));
        }
      }
      try (FeedClient resend = node.connect()) { // a reconnect resends 1..50, then goes on
        resend.send(named);
        resend.halfClose();
        assertThat(resend.awaitEndOfStream(Duration.ofSeconds(30))).isTrue();
        assertThat(resend.rejects()).hasSize(50).allSatisfy(r -> assertThat(r.getString("reason")).startsWith("duplicate"));
        assertThat(resend.acked("named")).isEqualTo(60L);
      }
      long in = 60 + 50 + CONNECTIONS * (GOOD_PER_CONNECTION + 1L);
      long applied = 60 + CONNECTIONS * (long) GOOD_PER_CONNECTION;
      Http http = node.http();
      JsonObject stats = http.awaitStats(s -> s.getLong("ticksIn") == in && s.getLong("ticksApplied") == applied
          && s.getLong("ticksRejected") == in - applied && s.getLong("pendingTicks") == 0, Duration.ofSeconds(60));
      stats = http.awaitStats(s -> s.getJsonObject("feeds").size() == 1, Duration.ofSeconds(30));
      assertThat(stats.getJsonObject("feeds").fieldNames()).containsExactly("named");
      assertThat(stats.getLong("ticksIn")).as("the forgotten feeds still count").isEqualTo(in);

      assertThat(feedLabels(http.get("/metrics").body())).containsOnly("named");

      Pool pool = pool(node);
      try {
        awaitPosition(pool, "named", 60);
        assertThat(strings(pool, "select feed from feed_positions")).containsOnly("named");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> checkpointed = checkpointFeeds(pool);
        while (!Set.of("named").equals(checkpointed) && System.nanoTime() < deadline) {
          Thread.sleep(100); // the next checkpoint of each shard omits the forgotten feeds
          checkpointed = checkpointFeeds(pool);
        }
        assertThat(checkpointed).as("feeds in the latest checkpoints").containsOnly("named");
      } finally {
        var closed = pool.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * A connection still open when the node stops is in the last checkpoint; after the restart no one can
   * send its assigned feed again (a new connection gets a new id), so the restored shard drops it.
   */
  @Test
  void assignedFeedsOfAConnectionOpenAtTheStopAreDroppedOnRestart() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("assigned-restart");
    try (InProcessNode node = InProcessNode.withStore(dir, Map.of())) {
      FeedClient open = node.connect();
      open.send(List.of(anonymous(0, 0), SigtermAcksIT.lines("kept", 1).get(0)));
      open.awaitAck("kept", 1, Duration.ofSeconds(30));
      var unused = node.http().awaitStats(s -> s.getLong("ticksApplied") == 2, Duration.ofSeconds(30));
    } // the connection is closed by the stop, after the last checkpoint
    try (InProcessNode node = InProcessNode.withStore(dir, Map.of())) {
      Pool pool = pool(node);
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> checkpointed = checkpointFeeds(pool);
        while (!Set.of("kept").equals(checkpointed) && System.nanoTime() < deadline) {
          Thread.sleep(100); // the restored shards checkpoint again without the dropped feed
          checkpointed = checkpointFeeds(pool);
        }
        assertThat(checkpointed).as("feeds in the latest checkpoints").containsOnly("kept");
      } finally {
        var closed = pool.close().await(10, TimeUnit.SECONDS);
      }
      try (FeedClient resend = node.connect()) { // the named feed's dedupe was restored
        resend.send(SigtermAcksIT.lines("kept", 1));
        resend.halfClose();
        assertThat(resend.awaitEndOfStream(Duration.ofSeconds(30))).isTrue();
        assertThat(resend.rejects()).singleElement().satisfies(r -> assertThat(r.getString("reason")).startsWith("duplicate"));
      }
    }
  }

  private static Pool pool(InProcessNode node) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
        .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(node.dbPort())
            .setUser("postgres").setPassword("postgres").setDatabase("postgres"))
        .using(node.vertx()).build();
  }

  private static Set<String> feedLabels(String metrics) {
    Set<String> feeds = new HashSet<>();
    Matcher m = FEED_LABEL.matcher(metrics);
    while (m.find()) {
      feeds.add(m.group(1));
    }
    return feeds;
  }

  private static List<String> strings(Pool pool, String sql) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (Row row : pool.query(sql).execute().await(10, TimeUnit.SECONDS)) {
      out.add(row.getString(0));
    }
    return out;
  }

  private static Set<String> checkpointFeeds(Pool pool) throws Exception {
    Set<String> feeds = new HashSet<>();
    for (String seqs : strings(pool, "select feed_seqs::text from shard_checkpoints")) {
      feeds.addAll(new JsonObject(seqs).fieldNames());
    }
    return feeds;
  }

  private static void awaitPosition(Pool pool, String feed, long seq) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!strings(pool, "select seq::text from feed_positions where feed = '" + feed + "'").contains(String.valueOf(seq))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("feed " + feed + " was not recorded at " + seq);
      }
      Thread.sleep(100); // positions are written about once a second
    }
  }
}
