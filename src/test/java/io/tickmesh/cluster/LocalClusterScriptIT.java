package io.tickmesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.Http;
import io.tickmesh.testing.NodeJs;
import io.tickmesh.testing.NodeProcess;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 1, as README tells a user to do it: {@code cluster/start-local.sh 3} starts three nodes and
 * their database; each node's dashboard, in a real browser, shows three ready members owning the 64
 * shards; a file replayed to node-1's feed gives the same bars through node-2's {@code query bars} as
 * through node-1's API; {@code cluster/stop-local.sh} exits 0 and leaves no process behind. The script
 * uses the fixed ports 8080-8082, 7070-7091 and 5701-5703, and the project's {@code data/cluster}; the
 * stop runs whatever happens. Screenshots go to {@code target/artifacts/cluster-node-N.png}.
 */
class LocalClusterScriptIT {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Path DIR = PROJECT.resolve("data/cluster");
  private static final Path ARTIFACTS = PROJECT.resolve("target/artifacts");
  private static final int NODES = 3;
  private static final int SHARDS = 64;

  @Test
  void threeNodesFromTheScriptShareTheShardsShowItAndAnswerAlike() throws Exception {
    String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 35), 36);
    assertThat(alive(pids())).as("a local cluster is running already in %s; stop it first (cluster/stop-local.sh)", DIR).isEmpty();
    List<Long> pids = new ArrayList<>();
    Script stopped;
    try {
      Script started = script(List.of("cluster/start-local.sh", String.valueOf(NODES)), "tm-it-" + run, 150);
      pids.addAll(pids());
      assertThat(started.exit()).as("start-local.sh:\n%s", started.output()).isZero();
      assertThat(pids).as("the database and three nodes").hasSize(NODES + 1);
      for (int i = 0; i < NODES; i++) {
        awaitCluster(new Http(8080 + i));
      }

      JsonArray pages = new JsonArray(NodeJs.run(120, "cluster-check.js", String.valueOf(NODES), String.valueOf(SHARDS),
          ARTIFACTS.toString(), "http://127.0.0.1:8080/", "http://127.0.0.1:8081/", "http://127.0.0.1:8082/").trim());
      for (int i = 0; i < NODES; i++) {
        JsonObject page = pages.getJsonObject(i);
        String self = "node-" + (i + 1);
        assertThat(page.getJsonObject("cluster").getString("self")).isEqualTo(self);
        assertThat(page.getJsonArray("memberRows").getList()).as("the members table of %s", self).hasSize(NODES)
            .anySatisfy(row -> assertThat((String) row).startsWith(self + " this node | ready | "));
        assertThat(page.getInteger("ownedTiles")).as("shard tiles with an owner").isEqualTo(SHARDS);
        assertThat(page.getString("quorumText")).isEqualTo("quorum yes · 3 of 3 expected");
        assertThat(page.getBoolean("panelVisible")).isTrue();
        assertThat(page.getJsonArray("consoleErrors")).isEmpty();
        assertThat(page.getJsonArray("pageErrors")).isEmpty();
        assertThat(page.getJsonArray("foreignRequests")).as("requests to anywhere but the node").isEmpty();
      }

      List<Trade> trades = TradeDays.generate(TradeDays.symbols("LC" + run.toUpperCase() + "-", 2), 400, TradeDays.DAY,
          Duration.ofMinutes(30).toNanos(), "lc-" + run, 11);
      Path file = Files.createTempFile("cluster-replay", ".jsonl");
      Files.write(file, trades.stream().map(t -> t.line((int) t.seq())).toList());
      Script replay = command(List.of("replay", file.toString(), "--to", "localhost:7070", "--quiet"));
      assertThat(replay.exit()).as("replay:\n%s", replay.output()).isZero();

      Http node1 = new Http(8080);
      for (String symbol : trades.stream().map(Trade::symbol).distinct().sorted().toList()) {
        long sent = trades.stream().filter(t -> t.symbol().equals(symbol)).count();
        JsonArray all = node1.allBars(symbol, "1m");
        assertThat(all.stream().mapToLong(b -> ((JsonObject) b).getLong("trades")).sum()).as("trades in the bars of %s", symbol)
            .isEqualTo(sent);
        assertThat(queryBarsOnNode2(symbol, true)).as("open and closed bars of %s, node-2's query", symbol).isEqualTo(all);
        // (open bars come live from the shard's owner; closed ones from PostgreSQL)
        assertThat(sameClosedBars(node1, symbol)).as("closed bars of %s: node-2's query, node-1's API", symbol).isNotEmpty();
      }
      JsonObject stats = new Http(8081).awaitStats(s -> s.getJsonObject("cluster").getLong("ticksIn") >= trades.size(),
          Duration.ofSeconds(10)).getJsonObject("cluster");
      assertThat(stats.getJsonArray("members")).hasSize(NODES);
      assertThat(stats.getJsonObject("nodes").getJsonObject("node-2").getLong("ticksIn")).as("node-2 read nothing").isZero();
    } finally {
      stopped = script(List.of("cluster/stop-local.sh"), null, 150);
      pids.addAll(pids());
    }
    assertThat(stopped.exit()).as("stop-local.sh:\n%s", stopped.output()).isZero();
    awaitGone(pids, Duration.ofSeconds(10));
    String database = DIR.resolve("pg").toString();
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(database)).toList())
        .as("PostgreSQL processes of %s", database).isEmpty();
  }

  /**
   * Waits until the node's /api/v1/cluster has every member ready with a quorum and every shard served by
   * the owner the three members give it (the moves of the start are over).
   */
  private static void awaitCluster(Http http) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      Http.Answer answer = http.get("/api/v1/cluster");
      last = answer.status() == 200 ? answer.json() : null;
      if (last != null && last.getBoolean("quorum") && last.getJsonArray("nodes").size() == NODES
          && last.getJsonArray("nodes").stream().allMatch(n -> ((JsonObject) n).getBoolean("ready"))
          && last.getJsonObject("shards").stream().allMatch(e -> e.getValue() != null && e.getValue().equals(
              Rendezvous.owner(Integer.parseInt(e.getKey()), List.of("node-1", "node-2", "node-3"))))) {
        return;
      }
      Thread.sleep(250); // other processes settling their ownership: nothing to wait on but their answers
    }
    throw new AssertionError("the cluster did not settle on port " + http.port() + " within 60 s: " + last);
  }

  /**
   * node-2's {@code query bars SYM --interval 1m} against node-1's {@code /api/v1/bars}: asked between two
   * identical answers of node-1 (a bar may close in between, by the wall clock), it must be the same.
   */
  private static JsonArray sameClosedBars(Http node1, String symbol) throws Exception {
    String path = "/api/v1/bars/" + symbol + "?interval=1m";
    for (int attempt = 0; attempt < 5; attempt++) {
      JsonArray before = node1.get(path).array();
      JsonArray queried = queryBarsOnNode2(symbol, false);
      if (before.equals(node1.get(path).array())) {
        assertThat(queried).isEqualTo(before);
        return queried;
      }
    }
    throw new AssertionError("node-1's closed bars of " + symbol + " kept changing");
  }

  private static JsonArray queryBarsOnNode2(String symbol, boolean includeOpen) throws Exception {
    List<String> args = new ArrayList<>(List.of("query", "bars", symbol, "--interval", "1m", "--http", "localhost:8082"));
    if (includeOpen) {
      args.addAll(List.of("--include-open", "--limit", "10000"));
    }
    Script query = command(args);
    for (int retry = 0; retry < 5 && query.exit() != 0 && query.output().contains("HTTP 503"); retry++) {
      Thread.sleep(1_000); // a shard mid-move (the machine is busy, Hazelcast may suspect a member): 503, try again
      query = command(args);
    }
    assertThat(query.exit()).as("query:\n%s", query.output()).isZero();
    JsonArray out = new JsonArray();
    for (Object bar : new JsonArray(query.output().trim())) {
      JsonObject copy = ((JsonObject) bar).copy();
      var closedMarker = copy.remove("closed");
      out.add(copy);
    }
    return out;
  }

  /** The exit code and output of a command. */
  private record Script(int exit, String output) {}

  /** Runs a script of the project with {@code CLUSTER_NAME} set (unless null); -1 if it did not end in time. */
  private static Script script(List<String> command, String clusterName, int timeoutSeconds) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile());
    if (clusterName != null) {
      builder.environment().put("CLUSTER_NAME", clusterName);
    }
    return run(builder, timeoutSeconds);
  }

  /** {@code java -jar tickmesh.jar args…}, as a user runs it. */
  private static Script command(List<String> args) throws Exception {
    return run(new ProcessBuilder(NodeProcess.command(args)), 60);
  }

  private static Script run(ProcessBuilder builder, int timeoutSeconds) throws Exception {
    Path out = Files.createTempFile("cluster-it", ".out");
    Process p = builder.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Script(-1, Files.readString(out) + "\n(did not end within " + timeoutSeconds + " s)");
    }
    return new Script(p.exitValue(), Files.readString(out));
  }

  /** The pids the scripts keep under data/cluster (database and nodes). */
  private static List<Long> pids() throws IOException {
    if (!Files.isDirectory(DIR)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(DIR)) {
      List<Path> pidFiles = files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList();
      List<Long> out = new ArrayList<>();
      for (Path f : pidFiles) {
        out.add(Long.parseLong(Files.readString(f).trim()));
      }
      return out;
    }
  }

  private static List<Long> alive(List<Long> pids) {
    return pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
  }

  private static void awaitGone(List<Long> pids, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Long> alive = alive(pids);
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100); // other processes ending: polled
      alive = alive(pids);
    }
    assertThat(alive).as("processes still running after stop-local.sh: %s",
        alive.stream().map(String::valueOf).collect(Collectors.joining(" "))).isEmpty();
  }
}
