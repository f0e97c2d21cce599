package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.LongRejects;
import io.tickmesh.testing.NodeProcess;
import io.tickmesh.testing.ProbeTick;
import io.tickmesh.testing.PrometheusScrape;
import io.tickmesh.testing.RawHttp;
import io.tickmesh.testing.ReadinessWatch;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, finding 3: hundreds of HTTP clients ask for the largest answer ({@code /api/v1/rejects?limit=10000},
 * about 6 MB) and never read it. Answers are written in slices as the client takes them, within a node-wide
 * budget of answer bytes ({@code http.maxAnswerBytes}); past it a request is answered 503 busy. So the node,
 * a process of its own with a small heap and direct memory, stays ready and acks new ticks during the attack,
 * its memory stays bounded, and returns to its level before once the clients are gone. The figures are printed.
 */
class SlowHttpReadersIT {
  private static final int CLIENTS = 200;
  private static final int REJECTS = 10_000;
  private static final long DIRECT_MAX = 96L << 20;
  /** The client's receive buffer: small, so what it does not read stays with the node, not in the kernel. */
  private static final int RECEIVE_BYTES = 4096;

  @Test
  void clientsThatNeverReadTheLargestAnswersCostTheNodeABoundedAmount() throws Exception {
    List<String> jvm = List.of("-Xmx256m", "-XX:MaxDirectMemorySize=" + DIRECT_MAX);
    // The query queue holds every request and gives each 20 s, so that most queries run (one at a time on the
    // API's event loop, a few hundred ms each) and what refuses their answers is the answer budget.
    List<String> args = List.of("--no-sim", "--set", "db.queryQueueSize=" + CLIENTS, "--set", "db.queryTimeoutMs=20000");
    try (NodeProcess node = NodeProcess.start(jvm, args).awaitReady(Duration.ofSeconds(60));
        FeedClient filler = new FeedClient(node.feedPort());
        FeedClient probe = new FeedClient(node.feedPort())) {
      Http http = node.http();
      LongRejects.fill(filler, http, REJECTS);
      ProbeTick.ackMillis(probe, 1);
      Memory before = Memory.afterGc(node, http);

      ReadinessWatch ready = new ReadinessWatch(http);
      ready.start();
      List<RawHttp> clients = new ArrayList<>();
      Memory peak = before;
      long firstAckMs;
      long lastAckMs;
      try {
        for (int i = 0; i < CLIENTS; i++) {
          clients.add(RawHttp.connect(http.port(), RECEIVE_BYTES).get("/api/v1/rejects?limit=" + REJECTS, ""));
        }
        firstAckMs = ProbeTick.tryAckMillis(probe, 2);
        // Until every request is answered (its first bytes arrived) or refused, sampling the node's memory.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!clients.stream().allMatch(RawHttp::hasData)) {
          assertThat(System.nanoTime()).as("every request answered or refused within 60 s").isLessThan(deadline);
          peak = peak.max(Memory.now(http));
          Thread.sleep(250); // sampling the node's memory while the attack runs
        }
        lastAckMs = ProbeTick.tryAckMillis(probe, 3);
        peak = peak.max(Memory.now(http));
      } finally {
        ready.stop();
      }
      int answered = 0;
      int busy = 0;
      int timeouts = 0;
      for (RawHttp client : clients) {
        RawHttp.Answer answer = client.read(Duration.ofSeconds(30)); // 503s are small; 200s are read whole now
        if (answer.status() == 200) {
          answered++;
        } else {
          String what = answer.status() + " " + answer.headers() + " " + answer.body();
          assertThat(answer.status()).as(what).isEqualTo(503);
          String error = answer.json().getString("error");
          if (error.equals("busy")) {
            assertThat(answer.json().getString("detail")).as(what).contains("http.maxAnswerBytes");
            assertThat(answer.headers().get("retry-after")).as(what).isEqualTo("1");
            busy++;
          } else {
            assertThat(error).as(what).isEqualTo("timeout"); // the tail of the query queue, on a slow machine
            timeouts++;
          }
        }
        client.close();
      }
      Memory after = Memory.afterGcNear(before, node, http);
      System.out.printf("HTTP ATTACK FIGURES: %d clients asking %s and not reading (node -Xmx256m, direct max %d MiB):"
              + " %d answered 200, %d refused 503 busy (answer bytes), %d 503 timeout (query queue); heap before %d MiB, peak %d MiB, after %d MiB;"
              + " direct before %d MiB, peak %d MiB, after %d MiB; probe ticks acked in %d ms and %d ms during the attack (-1: not within 10 s);"
              + " readiness polled %d times, not ready %d times%n",
          CLIENTS, "/api/v1/rejects?limit=10000", DIRECT_MAX >> 20, answered, busy, timeouts,
          before.heap() >> 20, peak.heap() >> 20, after.heap() >> 20,
          before.direct() >> 20, peak.direct() >> 20, after.direct() >> 20, firstAckMs, lastAckMs, ready.polls(), ready.notReady().size());
      assertThat(ready.notReady()).as("readiness during the attack").isEmpty();
      assertThat(List.of(firstAckMs, lastAckMs)).as("ms to the acks of ticks sent during the attack (-1: none within 10 s)")
          .allMatch(ms -> ms >= 0);
      assertThat(busy).as("requests past the answer budget are refused 503 busy").isGreaterThan(0);
      assertThat(peak.direct()).as("direct memory during the attack").isLessThan(DIRECT_MAX / 2);
      assertThat(after.near(before)).as("memory after a GC once the clients are gone, against before").isTrue();
      assertThat(node.logText()).as("the node's log: clients that vanish are no error")
          .doesNotContain("OutOfMemoryError").doesNotContain("OutOfDirectMemoryError").doesNotContain("\"level\":\"ERROR\"");
    }
  }

  /** The node's heap in use and its direct memory, in bytes. */
  private record Memory(long heap, long direct) {
    static Memory now(Http http) throws Exception {
      JsonObject jvm = http.stats().getJsonObject("jvm");
      Long direct = jvm.getLong("directBytes");
      return new Memory(jvm.getLong("heapUsedBytes"), direct != null ? direct : directFromMetrics(http));
    }

    /** After a full GC in the node ({@code jcmd <pid> GC.run}), so what is left is what is held. */
    static Memory afterGc(NodeProcess node, Http http) throws Exception {
      Process gc = new ProcessBuilder(NodeProcess.jcmd(), String.valueOf(node.pid()), "GC.run").redirectErrorStream(true).start();
      assertThat(gc.waitFor()).as("jcmd GC.run").isZero();
      return now(http);
    }

    /**
     * Memory after a GC, repeated until it is near {@code before} or 20 s have passed (the node sees the
     * clients' closes a moment after they happen); the last one either way.
     */
    static Memory afterGcNear(Memory before, NodeProcess node, Http http) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      Memory after = afterGc(node, http);
      while (!after.near(before) && System.nanoTime() < deadline) {
        Thread.sleep(200); // polling the node's memory after its connections close
        after = afterGc(node, http);
      }
      return after;
    }

    /** Within 32 MiB of heap and 16 MiB of direct memory above {@code before}. */
    boolean near(Memory before) {
      return heap < before.heap + (32L << 20) && direct < before.direct + (16L << 20);
    }

    /** A node without {@code jvm.directBytes} (before issue 7): the JDK's direct pool from /metrics. */
    private static long directFromMetrics(Http http) throws Exception {
      return (long) PrometheusScrape.parse(http.get("/metrics").body()).get("jvm_buffer_memory_used_bytes")
          .value("jvm_buffer_memory_used_bytes", Map.of("id", "direct"));
    }

    Memory max(Memory other) {
      return new Memory(Math.max(heap, other.heap), Math.max(direct, other.direct));
    }
  }
}
