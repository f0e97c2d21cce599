package io.tickmesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.ClusterRig;
import io.tickmesh.testing.Dirs;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.NodeProcess;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.SqlProbe;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, acceptances 3 and 5, on one cluster of three node JVMs under a replay. Freeze: SIGSTOP a node
 * past the failure timeout, let its shards move, SIGCONT it: its shards stop serving before they apply
 * anything (their writes, if any, are fenced), it rejoins, and gets its shards back. Quorum loss: kill -9
 * two nodes: the survivor drops its shards, answers 503 and takes no ticks; start them again and all
 * resumes. At the end the stored trades are exactly the input and every bar equals the reference.
 */
class ClusterFaultsIT {
  private static final int TRADES = 200_000;
  private static final long MINUTE = 60_000_000_000L;
  private static final List<String> ALL = List.of("node-1", "node-2", "node-3");

  @Test
  void aFrozenNodeWritesNothingStaleAndNoQuorumMeansNoTicks() throws Exception {
    Path dir = Files.createTempDirectory("cluster-faults");
    List<String> symbols = TradeDays.symbols("F", 120);
    List<Trade> trades = TradeDays.generate(symbols, TRADES, TradeDays.DAY, 86_400_000_000_000L, "faults", 99);
    Path file = dir.resolve("day.jsonl");
    TradeDays.writeLines(trades, file);
    try (ClusterRig rig = ClusterRig.create(dir, 3, List.of());
        SqlProbe db = new SqlProbe(rig.dbUrl())) {
      rig.startAll(ALL, Duration.ofSeconds(180));
      rig.awaitCluster("node-1", c -> ClusterRig.settled(c, ALL), Duration.ofSeconds(90));
      Process replay = rig.replay(file, rig.feeds(List.of("node-1", "node-2")), 20000, dir.resolve("replay.out"));

      // Freeze node-3 past the failure timeout (5 s without heartbeats), under load.
      db.awaitTrades(TRADES / 10);
      long frozenAt = System.nanoTime();
      signal("STOP", rig.node("node-3"));
      rig.awaitCluster("node-1", c -> ClusterRig.settled(c, List.of("node-1", "node-2")), Duration.ofSeconds(60));
      System.out.printf("FIGURE freeze of node-3: every shard served by node-1 and node-2 after %,d ms%n",
          (System.nanoTime() - frozenAt) / 1_000_000);
      Thread.sleep(2_000); // the frozen node stays frozen while the others run its shards
      long resumedAt = System.nanoTime();
      signal("CONT", rig.node("node-3"));
      rig.awaitCluster("node-1", c -> ClusterRig.settled(c, ALL), Duration.ofSeconds(120));
      System.out.printf("FIGURE freeze of node-3: back in the cluster with its shards %,d ms after SIGCONT%n",
          (System.nanoTime() - resumedAt) / 1_000_000);
      String frozenLog = rig.node("node-3").logText();
      assertThat(frozenLog).as("the frozen node's shards stopped serving on their own")
          .contains("ran nothing for").contains("dropped");
      JsonObject afterFreeze = rig.node("node-3").http().get("/api/v1/cluster").json();
      System.out.printf("FIGURE freeze of node-3: stalls %d, fenced writes %d on node-3%n",
          afterFreeze.getLong("stalls"), afterFreeze.getLong("fenced"));

      // Quorum loss: two of three die. node-1 must drop its shards and take nothing.
      db.awaitTrades(TRADES / 2);
      rig.node("node-2").kill();
      rig.node("node-3").kill();
      rig.awaitCluster("node-1", c -> !c.getBoolean("quorum") && c.getJsonArray("owned").isEmpty(), Duration.ofSeconds(60));
      Http.Answer ready = rig.node("node-1").http().get("/health/ready");
      assertThat(ready.status()).as(ready.body()).isEqualTo(503);
      assertThat(ready.body()).contains("no quorum");
      long before = db.number("select count(*) from trades");
      Thread.sleep(3_000); // nothing may be stored without a quorum: wait a little to see nothing come
      assertThat(db.number("select count(*) from trades")).as("trades stored without a quorum").isEqualTo(before);
      assertThat(replay.isAlive()).as("the publisher waits").isTrue();
      var unused2 = rig.start("node-2", List.of());
      var unused3 = rig.start("node-3", List.of());
      rig.node("node-2").awaitReady(Duration.ofSeconds(180));
      rig.node("node-3").awaitReady(Duration.ofSeconds(180));
      rig.awaitCluster("node-1", c -> ClusterRig.settled(c, ALL), Duration.ofSeconds(90));

      assertThat(replay.waitFor(5, TimeUnit.MINUTES)).as("replay finished").isTrue();
      String out = Files.readString(dir.resolve("replay.out"));
      assertThat(replay.exitValue()).as(out).isZero();
      assertThat(out).contains(String.format("%,d acknowledged", TRADES));
      assertThat(db.number("select count(*) from trades")).as("trades stored").isEqualTo(TRADES);
      assertThat(db.number("select count(distinct (feed, seq)) from trades")).as("distinct (feed, seq)").isEqualTo(TRADES);
      Http http = rig.node("node-2").http();
      for (String symbol : symbols) {
        ReferenceBars.assertSame(http.allBars(symbol, "1m"), ReferenceBars.of(trades, symbol, MINUTE));
      }
    }
    Dirs.deleteTree(dir);
  }

  private static void signal(String signal, NodeProcess node) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(node.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
  }
}
