package io.tickmesh.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node started from the fat jar in a JVM of its own, as README tells a user to run it, in the project
 * folder (so {@code config/default.yaml} applies), on free ports found through {@code node.portsFile}.
 * Its stdout and stderr go to a log file the test can read.
 */
public final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final Path portsFile;
  private JsonObject ports;
  private String host = "127.0.0.1";

  private NodeProcess(Process process, Path log, Path portsFile) {
    this.process = process;
    this.log = log;
    this.portsFile = portsFile;
  }

  /** Starts {@code java <jvmArgs> -jar tickmesh.jar <command args>} with free ports and a ports file. */
  public static NodeProcess start(List<String> jvmArgs, List<String> nodeArgs) throws IOException {
    return start(Files.createTempDirectory("tickmesh-node"), jvmArgs, nodeArgs);
  }

  /**
   * The same in {@code dir}: its embedded PostgreSQL keeps its files in {@code dir/pg}, so a second
   * node started on the same folder finds the first one's data. Later {@code --set} options win.
   */
  public static NodeProcess start(Path dir, List<String> jvmArgs, List<String> nodeArgs) throws IOException {
    Files.deleteIfExists(dir.resolve("ports.json"));
    Path ports = dir.resolve("ports.json");
    Path log = dir.resolve("node.log");
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar());
    command.add("node");
    command.addAll(List.of("--set", "node.host=127.0.0.1", "--set", "http.port=0", "--set", "feed.tcp.port=0",
        "--set", "bridge.tcp.port=0",
        "--set", "node.portsFile=" + ports, "--set", "db.dataDir=" + dir.resolve("pg")));
    command.addAll(nodeArgs);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    NodeProcess node = new NodeProcess(process, log, ports);
    for (int i = 0; i + 1 < nodeArgs.size(); i++) {
      if (nodeArgs.get(i).equals("--set") && nodeArgs.get(i + 1).startsWith("node.host=")) {
        node.host = nodeArgs.get(i + 1).substring("node.host=".length()); // the last one wins, as in the node
      }
    }
    return node;
  }

  /** {@code java -jar <the jar> args…}: a command of the CLI (replay, query, tail…) as a user runs it. */
  public static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar()));
    command.addAll(args);
    return command;
  }

  /** The jcmd of the JVM running the tests (to run a GC in a node, for example). */
  public static String jcmd() {
    return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
  }

  /** The java launcher of the JVM running the tests. */
  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The jar failsafe built (property {@code test.tickmesh.jar}), else target/tickmesh.jar. */
  public static String jar() {
    return System.getProperty("test.tickmesh.jar", Path.of("target", "tickmesh.jar").toAbsolutePath().toString());
  }

  /** Waits for the ports file the node writes once it listens. */
  public NodeProcess awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(portsFile)) {
      if (!process.isAlive()) {
        throw new AssertionError("node exited with " + process.exitValue() + " before listening:\n" + logText());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("node did not listen within " + timeout + ":\n" + logText());
      }
      Thread.sleep(50); // the node is another process: its ports file is the signal to poll for
    }
    ports = new JsonObject(Files.readString(portsFile));
    return this;
  }

  public Http http() {
    return new Http(host, ports.getInteger("http"));
  }

  /** The address the node listens on ({@code node.host}; 127.0.0.1 unless the test gave another). */
  public String host() {
    return host;
  }

  public int bridgePort() {
    return ports.getInteger("bridge");
  }

  public int feedPort() {
    return ports.getInteger("feed");
  }

  public long pid() {
    return process.pid();
  }

  /** Kills the process at once (SIGKILL): no drain, no final checkpoint. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** A TCP port free right now on loopback, for tests that must restart a node on the same port. */
  public static int freePort() throws IOException {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  /** Sends SIGTERM and waits for the exit code; returns -1 if it did not exit in time. */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  public List<String> logLines() throws IOException {
    return Files.readAllLines(log);
  }

  public String logText() throws IOException {
    return Files.readString(log);
  }

  /**
   * Stops the node if a test left it running (a failed assertion): SIGTERM first, so it stops its
   * embedded PostgreSQL too, and SIGKILL only if it does not exit in time.
   */
  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
