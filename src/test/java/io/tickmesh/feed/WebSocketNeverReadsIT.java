package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.Http;
import io.tickmesh.testing.NodeProcess;
import io.tickmesh.testing.NodeVitals;
import io.tickmesh.testing.TradeDays;
import io.tickmesh.testing.WsFeedClient;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket publisher that writes as fast as its socket takes it and never reads the node's replies: its
 * acks and rejects fill the WebSocket's write queue, so the node stops reading it (it is paused, not
 * buffered), and the publisher's writes stop going through. Meanwhile the node, a process of its own with
 * a small heap, keeps its heap near where it was, stays ready and acknowledges another feed's tick. Once
 * the publisher reads again, every ack and reject it was owed arrives and the rest of its input is taken.
 */
class WebSocketNeverReadsIT {
  /**
   * The publisher's socket buffers: small, so what it does not read stays with the node, not in its kernel,
   * and little of what it writes waits there to be read when it reads again.
   */
  private static final int SOCKET_BUFFER_BYTES = 4096;
  /** A refused line's reply names the unknown field, up to 64 characters: the replies outgrow the input. */
  private static final String UNKNOWN_FIELD = "z".repeat(64);
  /** Written this much without the node pausing, the test fails: the node would be buffering. */
  private static final long GIVE_UP_BYTES = 1L << 30;
  private static final int LINES_PER_MESSAGE = 200;
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private long seq;
  private final Set<Long> refusedSeqs = new HashSet<>();

  @Test
  void aPublisherThatNeverReadsIsPausedWhileTheNodeStaysBoundedAndServesOthers() throws Exception {
    List<String> jvm = List.of("-Xmx128m", "-XX:MaxDirectMemorySize=64m");
    try (NodeProcess node = NodeProcess.start(jvm, List.of("--no-sim", "--set", "store.enabled=false")).awaitReady(PATIENCE);
        NodeVitals vitals = new NodeVitals(node);
        WsFeedClient flood = WsFeedClient.connectWithoutReading(node.http().port(), SOCKET_BUFFER_BYTES)) {
      Http http = node.http();
      assertThat(vitals.probeAck(PATIENCE)).as("a probe tick before").isNotNegative();
      long heapBefore = vitals.heapAfterGc();

      ByteBuffer message = nextMessage();
      while (true) { // until the socket takes nothing and the node says it stopped reading us
        if (!message.hasRemaining()) {
          message = nextMessage();
        }
        if (flood.offer(message) == 0) {
          if (notReading(http) == 1) {
            break;
          }
          Thread.sleep(5); // the pace of a publisher whose socket is full, not a wait for the node
        }
        assertThat(flood.bytesWritten()).as("bytes the node took from a publisher that reads nothing").isLessThan(GIVE_UP_BYTES);
      }
      long heapPaused = vitals.heapAfterGc();
      long directPaused = vitals.directBytes();
      long probeMs = vitals.probeAck(PATIENCE);
      int ready = http.get("/health/ready").status();
      System.out.printf("WS NEVER READS FIGURES: the node stopped reading after %,d bytes (%,d lines) were written; heap after GC"
              + " %d MiB before, %d MiB while paused; direct %d MiB; a TCP probe tick acked in %d ms; readiness %d%n",
          flood.bytesWritten(), seq, heapBefore >> 20, heapPaused >> 20, directPaused >> 20, probeMs, ready);
      assertThat(heapPaused).as("heap after GC while paused, against before").isLessThan(heapBefore + (32L << 20));
      assertThat(directPaused).as("direct memory while paused").isLessThan(32L << 20);
      assertThat(probeMs).as("another feed's tick is acknowledged meanwhile").isNotNegative();
      assertThat(ready).isEqualTo(200);
      assertThat(notReading(http)).as("still paused: the publisher has read nothing").isEqualTo(1);

      flood.startReading();
      flood.finish(message);
      long last = ++seq;
      flood.sendText(line(last, true));
      flood.awaitAck("flood", last, PATIENCE);
      assertThat(flood.ackSeqs("flood")).doesNotHaveDuplicates().isSorted();
      Set<Long> rejected = new HashSet<>();
      flood.rejects().forEach(r -> rejected.add(r.getLong("seq")));
      assertThat(flood.rejects()).as("one reject per refused line, none lost").hasSize(refusedSeqs.size());
      assertThat(rejected).isEqualTo(refusedSeqs);
      JsonObject stats = http.awaitStats(s -> s.getLong("ticksIn") == last + 2 && s.getLong("pendingTicks") == 0, PATIENCE);
      assertThat(stats.getLong("ticksRejected")).isEqualTo(refusedSeqs.size());
      assertThat(node.logText()).doesNotContain("OutOfMemoryError").doesNotContain("Thread blocked").doesNotContain("\"level\":\"ERROR\"");
    }
  }

  /** Feed connections on the WebSocket paused because their publisher does not read. */
  private static long notReading(Http http) throws Exception {
    return http.stats().getJsonObject("feedWebSocketConnections", new JsonObject()).getLong("pausedNotReading", 0L);
  }

  /** A text message of lines, three in four refused, so that replies pile up fast. */
  private ByteBuffer nextMessage() {
    List<String> lines = new ArrayList<>(LINES_PER_MESSAGE);
    for (int i = 0; i < LINES_PER_MESSAGE; i++) {
      long s = ++seq;
      boolean good = s % 4 == 0;
      if (!good) {
        refusedSeqs.add(s);
      }
      lines.add(line(s, good));
    }
    return WsFeedClient.frame(WsFeedClient.TEXT, true, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  private static String line(long seq, boolean good) {
    if (!good) {
      return "{\"feed\":\"flood\",\"seq\":" + seq + ",\"" + UNKNOWN_FIELD + "\":1}";
    }
    return "{\"feed\":\"flood\",\"seq\":" + seq + ",\"sym\":\"F" + seq % 50 + "\",\"ts\":" + (TradeDays.DAY + seq * 1_000L)
        + ",\"type\":\"trade\",\"px\":\"10.5\",\"qty\":\"1\"}";
  }
}
