package io.tickmesh.cli;

import io.tickmesh.config.HostPort;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node started from this jar in a JVM of its own, on free loopback ports (read from its
 * {@code node.portsFile}), with its output in a log file: what a memory figure must be taken of, since the
 * measuring tool must not share the node's heap. Heap figures come from {@code jcmd}, which forces full
 * GCs in the node. Used from a command's own thread, which blocks on the process and on HTTP.
 */
final class NodeJvm implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final Process process;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonObject ports;

  private NodeJvm(Process process, Path log, JsonObject ports) {
    this.process = process;
    this.log = log;
    this.ports = ports;
  }

  /**
   * Starts {@code java <jvmArgs> -jar <this jar> node --no-sim <sets>} in {@code dir} and waits until it
   * listens. The working folder stays the caller's, so {@code config/default.yaml} applies as to a user.
   */
  static NodeJvm start(Path dir, List<String> jvmArgs, List<String> sets) throws IOException, InterruptedException {
    Path portsFile = dir.resolve("ports.json");
    Path log = dir.resolve("node.log");
    List<String> command = new ArrayList<>();
    command.add(tool("java"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", jar(), "node", "--no-sim"));
    for (String set : List.of("node.host=127.0.0.1", "http.port=0", "feed.tcp.port=0", "bridge.tcp.port=0",
        "node.portsFile=" + portsFile, "db.dataDir=" + dir.resolve("pg"))) {
      command.addAll(List.of("--set", set));
    }
    for (String set : sets) {
      command.addAll(List.of("--set", set));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.exists(portsFile) || Files.size(portsFile) == 0) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException("the node " + (process.isAlive() ? "did not listen within " + START_TIMEOUT : "exited with "
            + process.waitFor()) + "; its log: " + log);
      }
      Thread.sleep(50); // another process: its ports file is the signal to poll for
    }
    return new NodeJvm(process, log, new JsonObject(Files.readString(portsFile)));
  }

  /** The node's TCP feed. */
  HostPort feed() {
    return new HostPort("127.0.0.1", ports.getInteger("feed"));
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** {@code GET /api/v1/stats}. */
  JsonObject stats() throws IOException, InterruptedException {
    try {
      URI uri = new URI("http://127.0.0.1:" + ports.getInteger("http") + "/api/v1/stats");
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IOException("GET /api/v1/stats answered " + answer.statusCode() + ": " + answer.body());
      }
      return new JsonObject(answer.body());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A full GC in the node ({@code jcmd <pid> GC.run}, a System.gc()), then its heap in use as the node reports it. */
  long heapUsedAfterGc() throws IOException, InterruptedException {
    var unused = jcmd("GC.run");
    return stats().getJsonObject("jvm").getLong("heapUsedBytes");
  }

  /** {@code jcmd <pid> GC.class_histogram}: a full GC, then the live objects by class. */
  ClassHistogram histogram() throws IOException, InterruptedException {
    return ClassHistogram.parse(jcmd("GC.class_histogram"));
  }

  private String jcmd(String what) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(tool("jcmd"), String.valueOf(process.pid()), what).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
      throw new IOException("jcmd " + process.pid() + " " + what + " failed: " + out);
    }
    return out;
  }

  /** A tool of the JDK running this command; jcmd needs a JDK, not a bare runtime. */
  private static String tool(String name) throws IOException {
    Path path = Path.of(System.getProperty("java.home"), "bin", name);
    if (!Files.isExecutable(path)) {
      throw new IOException(path + " not found: run this command with a JDK's java");
    }
    return path.toString();
  }

  /** The jar this class was loaded from, else target/tickmesh.jar. */
  private static String jar() {
    try {
      Path self = Path.of(NodeJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(self)) {
        return self.toString();
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // not loaded from a jar: fall through
    }
    return Path.of("target", "tickmesh.jar").toAbsolutePath().toString();
  }

  /** Stops the node with SIGTERM, as an operator would; kills it if it has not exited within a minute. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      var unused = process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
