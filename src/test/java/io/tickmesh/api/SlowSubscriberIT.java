package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.BridgeClient;
import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A TCP bridge client that subscribes and never reads: the node cuts it off with a reason once it is
 * bridge.maxQueueBytes behind, and meanwhile applies every tick (the pipeline never waits for it).
 */
class SlowSubscriberIT {
  private static final int TRADES = 200_000;

  @Test
  void aClientThatNeverReadsIsDisconnectedAndNothingIsLost() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("bridge.maxQueueBytes", 262_144, "bridge.conflateBytes", 65_536));
        BridgeClient stuck = new BridgeClient(node.bridgePort(), false);
        FeedClient feed = node.connect()) {
      stuck.register("trades.SLOW").register("quotes.SLOW").register("rejects");
      stuck.send(new JsonObject().put("type", "ping"));
      List<String> lines = new ArrayList<>(TRADES);
      long ts = 1_795_500_000_000_000_000L;
      for (int i = 1; i <= TRADES; i++) {
        lines.add("{\"feed\":\"s\",\"seq\":" + i + ",\"sym\":\"SLOW\",\"ts\":" + (ts + i * 1_000L)
            + ",\"type\":\"trade\",\"px\":\"" + (100 + i % 50) + ".25\",\"qty\":\"3\"}");
      }
      feed.send(lines);
      feed.awaitAck("s", TRADES, Duration.ofSeconds(60));
      JsonObject stats = node.http().awaitStats(s -> s.getLong("ticksApplied") == TRADES, Duration.ofSeconds(30));
      assertThat(stats.getLong("ticksIn")).isEqualTo((long) TRADES);
      assertThat(stats.getLong("ticksRejected")).isZero();

      List<JsonObject> received = stuck.drainToEnd();
      JsonObject last = received.get(received.size() - 1);
      assertThat(last.getString("type")).isEqualTo("err");
      assertThat(last.getString("message")).startsWith("slow consumer:").contains("bridge.maxQueueBytes=262144");
      long trades = received.stream().filter(f -> "trades.SLOW".equals(f.getString("address"))).count();
      assertThat(trades).as("cut off well before the end").isLessThan(TRADES);
      assertThat(node.http().get("/health/ready").status()).isEqualTo(200);
    }
  }
}
