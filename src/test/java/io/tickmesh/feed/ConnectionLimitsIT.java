package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bounds of the feed port (issue 7, finding 8): connections past {@code feed.maxConnections} are told
 * why and closed, and a connection that sends no line for {@code feed.idleTimeoutMs} is closed after its
 * last acks, with its reason; empty lines keep it open.
 */
class ConnectionLimitsIT {
  private static final String TOO_MANY = "too many connections: at most 4 (feed.maxConnections), 2 on each of the 2 listeners";

  @Test
  void connectionsPastTheCapAreToldWhyAndClosed() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("feed.maxConnections", 4, "feed.tcp.instances", 2))) {
      List<FeedClient> open = new ArrayList<>();
      try {
        for (int i = 1; i <= 4; i++) { // the two listeners take connections in turn: two each
          FeedClient client = node.connect();
          open.add(client);
          client.send(SigtermAcksIT.lines("cap" + i, 1));
          client.awaitAck("cap" + i, 1, Duration.ofSeconds(30));
        }
        try (FeedClient refused = node.connect()) {
          assertThat(refused.awaitEndOfStream(Duration.ofSeconds(10))).as("the fifth connection is closed").isTrue();
          assertThat(refused.errors()).containsExactly(TOO_MANY);
        }
        JsonObject counts = node.http().stats().getJsonObject("feedConnections");
        assertThat(counts.getLong("connections")).isEqualTo(4L);
        assertThat(counts.getLong("maxConnections")).isEqualTo(4L);
        assertThat(counts.getLong("refused")).isEqualTo(1L);
      } finally {
        for (FeedClient c : open) {
          c.close();
        }
      }
      awaitOpen(node, 0);
      try (FeedClient again = node.connect()) { // the places are free again once the closed ones are settled
        again.send(SigtermAcksIT.lines("cap5", 1));
        again.awaitAck("cap5", 1, Duration.ofSeconds(30));
      }
    }
  }

  @Test
  void anIdleConnectionGetsItsAcksThenItsReasonThenTheClose() throws Exception {
    try (InProcessNode node = InProcessNode.withStore(Files.createTempDirectory("idle"), Map.of("feed.idleTimeoutMs", 1_500));
        FeedClient idle = node.connect();
        FeedClient beating = node.connect()) {
      idle.send(SigtermAcksIT.lines("idle", 100));
      // A heartbeat: an empty line every 100 ms, well inside the 1.5 s, keeps the other connection open.
      long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < until && !idle.endOfStream()) {
        beating.sendRaw(new byte[] {'\n'});
        Thread.sleep(100); // the pace of the heartbeat, not a wait for the node
      }
      assertThat(idle.awaitEndOfStream(Duration.ofSeconds(20))).as("the idle connection is closed").isTrue();
      List<JsonObject> lines = idle.lines();
      assertThat(lines).last().isEqualTo(new JsonObject().put("error", "idle: no line for 1500 ms (feed.idleTimeoutMs)"));
      assertThat(idle.ackSeqs("idle")).as("its acks came before the close").isNotEmpty().last().isEqualTo(100L);
      assertThat(beating.endOfStream()).as("empty lines count as activity").isFalse();
      assertThat(node.http().stats().getJsonObject("feedConnections").getLong("idleClosed")).isEqualTo(1L);
    }
  }

  private static void awaitOpen(InProcessNode node, long expected) throws Exception {
    var unused = node.http().awaitStats(s -> s.getJsonObject("feedConnections") != null
        && s.getJsonObject("feedConnections").getLong("connections") == expected, Duration.ofSeconds(30));
  }
}
