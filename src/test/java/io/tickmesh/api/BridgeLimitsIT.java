package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.BridgeClient;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bounds of a bridge: a client past {@code bridge.maxConnections} is told why and closed (and a place
 * that frees up is taken again), a client that sends nothing for {@code bridge.idleTimeoutMs} is closed
 * with the reason while one that pings stays, and a frame announced longer than
 * {@code bridge.maxFrameBytes} ends the connection. Before, a node took every connection and kept it
 * forever.
 */
class BridgeLimitsIT {
  @Test
  void aClientPastTheCapIsToldWhyAndAFreedPlaceIsTakenAgain() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("bridge.maxConnections", 3))) {
      List<BridgeClient> admitted = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        admitted.add(new BridgeClient(node.bridgePort(), true).send(new JsonObject().put("type", "ping")));
        admitted.get(i).await(f -> "pong".equals(f.getString("type")), Duration.ofSeconds(10));
      }
      try (BridgeClient fourth = new BridgeClient(node.bridgePort(), false)) {
        List<JsonObject> told = fourth.drainToEnd();
        assertThat(told).hasSize(1);
        assertThat(told.get(0).getString("message")).startsWith("too_many_connections:").contains("bridge.maxConnections");
      }
      admitted.remove(0).close();
      node.http().awaitStats(s -> s.getJsonObject("bridges").getJsonObject("tcp").getInteger("connections") == 2,
          Duration.ofSeconds(10));
      try (BridgeClient again = new BridgeClient(node.bridgePort(), true)) {
        again.send(new JsonObject().put("type", "ping"));
        assertThat(again.await(f -> true, Duration.ofSeconds(10)).getString("type")).isEqualTo("pong");
      }
      JsonObject tcp = node.http().stats().getJsonObject("bridges").getJsonObject("tcp");
      assertThat(tcp.getLong("refused")).isEqualTo(1L);
      for (BridgeClient c : admitted) {
        c.close();
      }
    }
  }

  @Test
  void anIdleClientIsClosedWithTheReasonAndAPingingOneStays() throws Exception {
    // 1.5 s against a ping every 150 ms: a margin a busy machine (the ITs run two at a time) cannot eat up
    try (InProcessNode node = InProcessNode.start(Map.of("bridge.idleTimeoutMs", 1_500));
        BridgeClient idle = new BridgeClient(node.bridgePort(), false);
        BridgeClient pinging = new BridgeClient(node.bridgePort(), true)) {
      idle.register("rejects");
      long end = System.nanoTime() + Duration.ofMillis(3_500).toNanos();
      while (System.nanoTime() < end) {
        pinging.send(new JsonObject().put("type", "ping"));
        Thread.sleep(150); // the client's ping interval
      }
      List<JsonObject> told = idle.drainToEnd();
      assertThat(told.get(told.size() - 1).getString("message")).startsWith("idle: no frame for 1500 ms")
          .contains("bridge.idleTimeoutMs");
      pinging.send(new JsonObject().put("type", "ping"));
      assertThat(pinging.await(f -> "pong".equals(f.getString("type")), Duration.ofSeconds(5))).isNotNull();
      assertThat(node.http().stats().getJsonObject("bridges").getJsonObject("tcp").getJsonObject("disconnects").getLong("idle"))
          .isEqualTo(1L);
    }
  }

  @Test
  void aFrameAnnouncedLongerThanTheLimitEndsTheConnection() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("bridge.maxFrameBytes", 1024));
        BridgeClient client = new BridgeClient(node.bridgePort(), false)) {
      client.send(new JsonObject().put("type", "ping").put("pad", "x".repeat(2_000)));
      List<JsonObject> told = client.drainToEnd();
      assertThat(told).hasSize(1);
      assertThat(told.get(0).getString("message")).startsWith("frame_too_long: a frame of 2").contains("bridge.maxFrameBytes");
    }
  }
}
