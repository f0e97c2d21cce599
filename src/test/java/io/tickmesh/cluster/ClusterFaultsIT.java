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
  private static final int TRADES2 = 100_000;
  private static final List<String> ALL = List.of("node-1", "node-2", "node-3");

  @Test
  void aFrozenNodeWritesNothingStaleAndNoQuorumMeansNoTicks() throws Exception {
    Path dir = Files.createTempDirectory("cluster-faults");
    List<String> symbols = TradeDays.symbols("F", 120);
    List<Trade> trades = TradeDays.generate(symbols, TRADES, TradeDays.DAY, 86_400_000_000_000L, "faults", 99);
    Path file = dir.resolve("day.jsonl");
    TradeDays.writeLines(trades, file);
    List<String> symbols2 = TradeDays.symbols("G", 60);
    List<Trade> trades2 = TradeDays.generate(symbols2, TRADES2, TradeDays.DAY, 86_400_000_000_000L, "faults2", 98);
    Path file2 = dir.resolve("day2.jsonl");
    TradeDays.writeLines(trades2, file2);
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
      NodeProcess zombie = rig.node("node-3");
      signal("CONT", zombie);
      // Woken, it stops its shards at once (they ran nothing for seconds), its writes in flight are fenced,
      // and it is alone: Hazelcast merges it back, or (not within 20 s) it exits 75 to be started again.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (zombie.isAlive() && !zombie.logText().contains("exits (code 75)") && System.nanoTime() < deadline) {
        Thread.sleep(200); // another process: its log is what it says
      }
      String frozenLog = zombie.logText();
      frozenLog.lines().filter(l -> l.contains("cluster view") || l.contains("this node ran nothing") || l.contains("woken")
          || l.contains("Members {")).forEach(l -> System.out.println("node-3: " + l.substring(0, Math.min(l.length(), 300))));
      assertThat(frozenLog).as("the frozen node's shards stopped serving on their own")
          .contains("ran nothing for").contains("dropped");
      assertThat(frozenLog).as("its writes in flight were fenced").contains("is fenced at epoch");
      boolean restarted = false;
      if (frozenLog.contains("exits (code 75)")) {
        assertThat(zombie.awaitExit(Duration.ofSeconds(30))).as("exit code of a node that stops to rejoin").isEqualTo(75);
        var unused = rig.start("node-3", List.of()).awaitReady(Duration.ofSeconds(180));
        restarted = true;
      }
      rig.awaitCluster("node-1", c -> ClusterRig.settled(c, ALL), Duration.ofSeconds(120));
      System.out.printf("FIGURE freeze of node-3: back in the cluster with its shards %,d ms after SIGCONT (%s)%n",
          (System.nanoTime() - resumedAt) / 1_000_000, restarted ? "it exited 75 and was started again" : "Hazelcast merged it back");

      // Quorum loss: two of three die while a second publisher sends (the first may be done by now).
      // node-1 must drop its shards and take nothing.
      assertThat(replay.waitFor(5, TimeUnit.MINUTES)).as("first replay finished").isTrue();
      Process second = rig.replay(file2, rig.feeds(List.of("node-1")), 20000, dir.resolve("replay2.out"));
      db.awaitTrades(TRADES + TRADES2 / 10);
      rig.node("node-2").kill();
      rig.node("node-3").kill();
      rig.awaitCluster("node-1", c -> !c.getBoolean("quorum") && c.getJsonArray("owned").isEmpty(), Duration.ofSeconds(60));
      Http.Answer ready = rig.node("node-1").http().get("/health/ready");
      assertThat(ready.status()).as(ready.body()).isEqualTo(503);
      assertThat(ready.body()).contains("no quorum");
      // What node-1 applied while it had a quorum is still written (fenced by its epoch, which no one raised):
      // its writer's backlog. Once that is empty, nothing more may come.
      long dropped = db.number("select count(*) from trades");
      rig.node("node-1").http().awaitStats(st -> st.getJsonObject("store").getLong("queuedRows") == 0
          && st.getJsonObject("store").getLong("flushesInFlight") == 0, Duration.ofSeconds(60));
      long before = db.number("select count(*) from trades");
      System.out.printf("FIGURE quorum loss: node-1's writer stored %,d trades of its backlog after it dropped its shards%n",
          before - dropped);
      Thread.sleep(3_000); // nothing may be stored without a quorum: wait a little to see nothing come
      assertThat(db.number("select count(*) from trades")).as("trades stored without a quorum").isEqualTo(before);
      assertThat(second.isAlive()).as("the publisher waits").isTrue();
      var unused2 = rig.start("node-2", List.of());
      var unused3 = rig.start("node-3", List.of());
      rig.node("node-2").awaitReady(Duration.ofSeconds(180));
      rig.node("node-3").awaitReady(Duration.ofSeconds(180));
      rig.awaitCluster("node-1", c -> ClusterRig.settled(c, ALL), Duration.ofSeconds(90));

      assertThat(second.waitFor(5, TimeUnit.MINUTES)).as("second replay finished").isTrue();
      String out = Files.readString(dir.resolve("replay.out"));
      assertThat(replay.exitValue()).as(out).isZero();
      assertThat(out).contains(String.format("%,d acknowledged", TRADES));
      String out2 = Files.readString(dir.resolve("replay2.out"));
      assertThat(second.exitValue()).as(out2).isZero();
      assertThat(out2).contains(String.format("%,d acknowledged", TRADES2));
      db.assertTradesExactly(TRADES + TRADES2);
      Http http = rig.node("node-2").http();
      ReferenceBars.assertMinuteBars(http, symbols, trades);
      ReferenceBars.assertMinuteBars(http, symbols2, trades2);
    }
    Dirs.deleteTree(dir);
  }

  private static void signal(String signal, NodeProcess node) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(node.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
  }
}
