package io.tickmesh.testing;

import io.tickmesh.cluster.Rendezvous;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real local cluster for tests: {@code tickmesh db} as a process of its own, and node JVMs that join a
 * Hazelcast cluster of a name unique to this rig, each in its own folder under {@code dir}. Nodes keep
 * their folder across restarts, so a restarted node finds its log next to the old one's.
 */
public final class ClusterRig implements AutoCloseable {
  private final Path dir;
  private final int expectedSize;
  private final String name = "tm-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final Process db;
  private final String dbUrl;
  private final Map<String, NodeProcess> nodes = new TreeMap<>();
  private final Map<String, Integer> feedPorts = new TreeMap<>();
  private final List<String> extra;
  private final List<Process> replays = new ArrayList<>();

  private ClusterRig(Path dir, int expectedSize, Process db, String dbUrl, List<String> extra) {
    this.dir = dir;
    this.expectedSize = expectedSize;
    this.db = db;
    this.dbUrl = dbUrl;
    this.extra = extra;
  }

  /** Starts the database; nodes come with {@link #start}. {@code extra} goes to every node's command line. */
  public static ClusterRig create(Path dir, int expectedSize, List<String> extra) throws Exception {
    Path urlFile = dir.resolve("db.url");
    Process db = new ProcessBuilder(NodeProcess.command(List.of("db", "--data-dir", dir.resolve("pg").toString(),
        "--url-file", urlFile.toString())))
        .redirectErrorStream(true).redirectOutput(dir.resolve("db.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(urlFile) || Files.size(urlFile) == 0) {
      if (!db.isAlive() || System.nanoTime() > deadline) {
        db.destroyForcibly();
        throw new AssertionError("tickmesh db did not start:\n" + Files.readString(dir.resolve("db.log")));
      }
      Thread.sleep(50); // another process: its url file is the signal
    }
    return new ClusterRig(dir, expectedSize, db, Files.readString(urlFile).trim(), extra);
  }

  public String dbUrl() {
    return dbUrl;
  }

  public String name() {
    return name;
  }

  /**
   * Starts node {@code id} (not waiting for it): joins the cluster, its TCP feed on a port fixed for the
   * life of the rig, so a publisher's {@code --to} list stays right across restarts.
   */
  public NodeProcess start(String id, List<String> more) throws IOException {
    Path nodeDir = dir.resolve(id);
    Files.createDirectories(nodeDir);
    Path log = nodeDir.resolve("node.log");
    if (Files.exists(log)) {
      Files.move(log, nodeDir.resolve("node-" + System.nanoTime() + ".log"));
    }
    int feedPort = feedPorts.containsKey(id) ? feedPorts.get(id) : NodeProcess.freePort();
    feedPorts.put(id, feedPort);
    List<String> args = new ArrayList<>(List.of("--cluster", "--no-sim",
        "--set", "node.id=" + id, "--set", "cluster.name=" + name, "--set", "cluster.expectedSize=" + expectedSize,
        "--set", "cluster.config=" + Path.of("cluster", "cluster-local.xml").toAbsolutePath(),
        "--set", "db.url=" + dbUrl, "--set", "feed.tcp.port=" + feedPort,
        // a SIGTERM under load hands every shard over once the writer's backlog is durable: room for it
        "--set", "node.shutdownTimeoutMs=20000"));
    args.addAll(extra);
    args.addAll(more);
    NodeProcess node = NodeProcess.start(nodeDir, List.of("-Xmx512m"), args);
    nodes.put(id, node);
    return node;
  }

  /** Starts {@code ids} and waits until they listen. */
  public void startAll(List<String> ids, Duration timeout) throws Exception {
    for (String id : ids) {
      var unused = start(id, List.of());
    }
    for (String id : ids) {
      try {
        var unused = nodes.get(id).awaitReady(timeout);
      } catch (AssertionError e) {
        if (!nodes.get(id).logText().contains("Address already in use")) {
          throw e;
        }
        // its free port was taken meanwhile (by another process's outgoing connection): no publisher knows
        // it yet, so start it once more on another
        feedPorts.remove(id);
        var unused = start(id, List.of()).awaitReady(timeout);
      }
    }
  }

  public NodeProcess node(String id) {
    return nodes.get(id);
  }

  public int feedPort(String id) {
    return feedPorts.get(id);
  }

  /** {@code 127.0.0.1:p1,127.0.0.1:p2,…} of {@code ids}' feeds, in that order. */
  public String feeds(List<String> ids) {
    return String.join(",", ids.stream().map(id -> nodes.get(id).host() + ":" + feedPorts.get(id)).toList());
  }

  /**
   * Starts {@code tickmesh replay} of {@code file} at {@code rate} ticks/s to the feeds {@code to} (a
   * {@link #feeds} list, failing over in order), retrying for up to 300 s; its output goes to {@code out}.
   */
  public Process replay(Path file, String to, int rate, Path out) throws IOException {
    Process replay = new ProcessBuilder(NodeProcess.command(List.of("replay", file.toString(), "--to", to,
        "--rate", String.valueOf(rate), "--retry-for", "300", "--quiet")))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    replays.add(replay); // stopped by close(), so a failed test leaves no publisher behind
    return replay;
  }

  /** Polls {@code /api/v1/cluster} of {@code id} until {@code done} holds; returns the last answer. */
  public JsonObject awaitCluster(String id, Predicate<JsonObject> done, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      try {
        Http.Answer answer = nodes.get(id).http().get("/api/v1/cluster");
        if (answer.status() == 200) {
          last = answer.json();
          if (done.test(last)) {
            return last;
          }
        }
      } catch (IOException e) {
        // not listening yet, or restarting: poll again
      }
      Thread.sleep(100); // another process's state: polling is the only way to see it
    }
    throw new AssertionError("cluster of " + id + " not as expected within " + timeout + ": " + last + unsettledStory(last));
  }

  /**
   * What the nodes' logs (every start's) say about the shards that {@code cluster} shows unserved or not
   * yet with the owner its members give them: the last lines naming each, so a failure on CI explains itself.
   */
  private String unsettledStory(JsonObject cluster) throws IOException {
    if (cluster == null || cluster.getJsonObject("shards") == null || cluster.getJsonArray("members") == null) {
      return "";
    }
    List<String> members = cluster.getJsonArray("members").stream().map(String.class::cast).toList();
    StringBuilder out = new StringBuilder();
    List<Path> logs;
    try (var files = Files.walk(dir)) {
      logs = files.filter(f -> f.getFileName().toString().endsWith(".log") && f.getFileName().toString().startsWith("node")).sorted().toList();
    }
    JsonObject shards = cluster.getJsonObject("shards");
    int told = 0;
    for (String shard : shards.fieldNames()) {
      String owner = shards.getString(shard);
      if (members.isEmpty() || (owner != null && owner.equals(Rendezvous.owner(Integer.parseInt(shard), members))) || told == 4) {
        continue;
      }
      told++;
      java.util.regex.Pattern names = java.util.regex.Pattern.compile("shard[ =:\"']*" + shard + "(?![0-9])");
      out.append("\n--- shard ").append(shard).append(" (served by ").append(owner).append("), in the nodes' logs:");
      for (Path log : logs) {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> names.matcher(l).find()).toList();
        for (String line : lines.subList(Math.max(0, lines.size() - 25), lines.size())) {
          out.append("\n").append(dir.relativize(log)).append(": ").append(line, 0, Math.min(line.length(), 400));
        }
      }
    }
    return out.toString();
  }

  /**
   * When the last shard claimed on {@code ids} after {@code wallNanos} (epoch ns) began serving: their
   * {@code recentClaims}, each stamped once its shard is deployed. What "serving again" means, without the
   * delay of polling {@code /api/v1/cluster} (which waits up to 2 s for shards that do not answer). 0 if none.
   */
  public long lastClaimAfter(List<String> ids, long wallNanos) throws Exception {
    return lastClaimAfter(ids, wallNanos, null);
  }

  /** {@link #lastClaimAfter(List, long)} of the claims of {@code shards} only (null: of every shard). */
  public long lastClaimAfter(List<String> ids, long wallNanos, java.util.Set<Integer> shards) throws Exception {
    long last = 0;
    for (String id : ids) {
      JsonArray claims = nodes.get(id).http().get("/api/v1/cluster").json().getJsonArray("recentClaims");
      for (int i = 0; i < claims.size(); i++) {
        JsonObject claim = claims.getJsonObject(i);
        long at = claim.getLong("at");
        if (at > wallNanos && (shards == null || shards.contains(claim.getInteger("shard")))) {
          last = Math.max(last, at);
        }
      }
    }
    return last;
  }

  /**
   * True when {@code cluster} (an answer of /api/v1/cluster) has a quorum, sees exactly {@code members}, and
   * every shard is served by its owner among them (the rendezvous owner): no move is left under way.
   */
  public static boolean settled(JsonObject cluster, List<String> members) {
    if (!cluster.getBoolean("quorum", false)) {
      return false;
    }
    JsonObject shards = cluster.getJsonObject("shards");
    for (String shard : shards.fieldNames()) {
      String owner = shards.getString(shard); // null while no node serves it
      if (owner == null || !owner.equals(Rendezvous.owner(Integer.parseInt(shard), members))) {
        return false; // not served, or not yet by the owner the view gives it (a move under way)
      }
    }
    var seen = cluster.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("node")).sorted().toList();
    return seen.equals(members.stream().sorted().toList());
  }

  @Override
  public void close() throws Exception {
    for (Process replay : replays) {
      replay.destroyForcibly();
    }
    for (NodeProcess node : nodes.values()) {
      node.close();
    }
    db.destroy();
    if (!db.waitFor(30, TimeUnit.SECONDS)) {
      db.destroyForcibly();
      db.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
