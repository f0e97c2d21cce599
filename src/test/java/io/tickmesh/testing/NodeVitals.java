package io.tickmesh.testing;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a node process fares under an attack, seen from outside as an operator would: readiness, whether a
 * new tick is acknowledged, and its memory (heap, direct buffers, resident set). Samples are taken from
 * a thread of the test while the attack runs; a probe publisher sends one trade at a time on a symbol
 * no one else uses and times its ack.
 */
public final class NodeVitals implements AutoCloseable {
  /** One look at the node. */
  public record Sample(long atMillis, int ready, long heapUsed, long directBytes, long rssBytes, long ackMillis) {}

  private static final long MIB = 1 << 20;

  private final NodeProcess node;
  private final FeedClient probe;
  private long probeSeq;

  public NodeVitals(NodeProcess node) throws Exception {
    this.node = node;
    this.probe = new FeedClient(node.feedPort());
  }

  /** Sends one probe trade and waits for its ack; returns the milliseconds it took, or -1 if none came in time. */
  public long probeAck(Duration patience) throws Exception {
    long seq = ++probeSeq;
    long t0 = System.nanoTime();
    probe.send(List.of("{\"feed\":\"probe\",\"seq\":" + seq + ",\"sym\":\"PROBE\",\"ts\":" + System.currentTimeMillis() * 1_000_000L
        + ",\"type\":\"trade\",\"px\":\"1\",\"qty\":\"1\"}"));
    try {
      probe.awaitAck("probe", seq, patience);
    } catch (AssertionError e) {
      return -1;
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Readiness, memory and a probe's ack time, now. */
  public Sample sample() throws Exception {
    int ready;
    JsonObject jvm = new JsonObject();
    try {
      ready = node.http().get("/health/ready").status();
      jvm = node.http().stats().getJsonObject("jvm");
    } catch (java.io.IOException e) {
      ready = -1; // the node does not even answer
    }
    long ack = probeAck(Duration.ofSeconds(10));
    return new Sample(System.currentTimeMillis(), ready, jvm.getLong("heapUsedBytes", -1L), jvm.getLong("directBytes", -1L),
        rssBytes(), ack);
  }

  /** A full GC in the node (jcmd), then its heap in use: what the node really keeps. */
  public long heapAfterGc() throws Exception {
    Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(node.pid()), "GC.run").redirectErrorStream(true).start();
    byte[] unused = gc.getInputStream().readAllBytes();
    gc.waitFor(30, TimeUnit.SECONDS);
    return node.http().stats().getJsonObject("jvm").getLong("heapUsedBytes");
  }

  /** Direct buffers in use, as the node counts them. */
  public long directBytes() throws Exception {
    return node.http().stats().getJsonObject("jvm").getLong("directBytes", -1L);
  }

  /** The node's resident set, from /proc. */
  public long rssBytes() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(node.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /** Samples every {@code every} until {@code attack} reports it is over; returns the samples. */
  public List<Sample> during(Duration every, java.util.function.BooleanSupplier over) throws Exception {
    List<Sample> samples = new ArrayList<>();
    while (!over.getAsBoolean()) {
      long t0 = System.nanoTime();
      samples.add(sample());
      long rest = every.toMillis() - (System.nanoTime() - t0) / 1_000_000;
      if (rest > 0) {
        Thread.sleep(rest); // the pace of an operator's probes, not a wait for async work
      }
    }
    return samples;
  }

  /** One line for the test's output: the worst of the samples. */
  public static String summary(String what, List<Sample> samples) {
    long maxHeap = samples.stream().mapToLong(Sample::heapUsed).max().orElse(-1);
    long maxDirect = samples.stream().mapToLong(Sample::directBytes).max().orElse(-1);
    long maxRss = samples.stream().mapToLong(Sample::rssBytes).max().orElse(-1);
    long maxAck = samples.stream().mapToLong(Sample::ackMillis).max().orElse(-1);
    long notReady = samples.stream().filter(s -> s.ready() != 200).count();
    return String.format("%s: %d samples; heap used max %d MiB, direct max %d MiB, RSS max %d MiB; probe ack max %d ms;"
        + " not ready in %d samples", what, samples.size(), maxHeap / MIB, maxDirect / MIB, maxRss / MIB, maxAck, notReady);
  }

  @Override
  public void close() throws Exception {
    probe.close();
  }
}
