package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.NodeJs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real Node.js client with the npm package {@code @vertx/eventbus-bridge-client.js}, connected to the
 * SockJS bridge while the simulator trades: it receives quotes, trades and bars of a symbol, gets a
 * snapshot, and every attempt to reach a shard is refused.
 */
class SockJsBridgeClientIT {
  @Test
  void aNodeJsClientSubscribesAndCannotReachTheShards() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("sim.enabled", true, "sim.symbols", 3, "sim.ratePerSec", 3000,
        "bars.graceMs", 200))) {
      node.http().awaitStats(s -> s.getLong("ticksApplied") > 0, Duration.ofSeconds(10)); // the simulator's first ticks
      String symbol = node.http().get("/api/v1/symbols").array().getJsonObject(0).getString("symbol");
      String out = NodeJs.run(60, "bridge-subscriber.js",
          "http://127.0.0.1:" + node.http().port() + "/eventbus", symbol, "4");
      JsonObject got = new JsonObject(out.trim());

      assertThat(got.getBoolean("opened")).isTrue();
      assertThat(got.getJsonArray("quotes")).isNotEmpty();
      assertThat(got.getJsonArray("trades")).isNotEmpty();
      assertThat(got.getJsonArray("bars")).isNotEmpty();
      JsonObject trade = got.getJsonArray("trades").getJsonObject(0);
      assertThat(trade.getString("symbol")).isEqualTo(symbol);
      assertThat(trade.fieldNames()).contains("ts", "px", "qty", "feed", "seq", "pubSeq");
      assertConsecutive(got.getJsonArray("trades"));
      assertConsecutive(got.getJsonArray("bars"));
      assertThat(got.getJsonObject("snapshot").getString("symbol")).isEqualTo(symbol);

      assertThat(got.getInteger("shardReplies")).as("nothing reached a shard").isZero();
      assertThat(got.getJsonArray("errors").getList()).as("send, publish and register on tm.shard.0 refused")
          .containsExactly("access_denied", "access_denied", "access_denied");
    }
  }

  private static void assertConsecutive(JsonArray messages) {
    long first = messages.getJsonObject(0).getLong("pubSeq");
    for (int i = 0; i < messages.size(); i++) {
      assertThat(messages.getJsonObject(i).getLong("pubSeq")).isEqualTo(first + i);
    }
  }
}
