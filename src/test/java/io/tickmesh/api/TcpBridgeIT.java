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

/** The TCP event-bus bridge: outputs numbered per address, a snapshot to resync from, and nothing gets in. */
class TcpBridgeIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void subscribersGetNumberedOutputsAndASnapshot() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("bars.graceMs", 200, "publish.quoteIntervalMs", 0));
        BridgeClient client = new BridgeClient(node.bridgePort(), true);
        FeedClient feed = node.connect()) {
      client.register("trades.IBM").register("quotes.IBM").register("bars.1s.IBM");
      client.send(new JsonObject().put("type", "ping"));
      client.await(f -> f.getString("type").equals("pong"), WAIT); // registrations are handled in order
      List<String> lines = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        lines.add("{\"feed\":\"b\",\"seq\":" + i + ",\"sym\":\"IBM\",\"ts\":\"2026-11-24T10:00:00." + (100 + i)
            + "Z\",\"type\":\"trade\",\"px\":\"" + (100 + i) + ".5\",\"qty\":\"2\"}");
      }
      feed.send(lines);
      for (long n = 1; n <= 50; n++) {
        long expected = n;
        JsonObject trade = client.await(f -> "trades.IBM".equals(f.getString("address")), WAIT).getJsonObject("body");
        assertThat(trade.getLong("pubSeq")).isEqualTo(expected);
        assertThat(trade.getLong("seq")).isEqualTo(expected);
      }
      JsonObject bar = client.await(f -> "bars.1s.IBM".equals(f.getString("address")), WAIT).getJsonObject("body");
      assertThat(bar.getLong("pubSeq")).isEqualTo(1L);
      assertThat(bar.getString("volume")).isEqualTo("100");
      assertThat(bar.getLong("trades")).isEqualTo(50L);

      client.send(new JsonObject().put("type", "send").put("address", "snapshot.quote").put("replyAddress", "snap-1")
          .put("body", new JsonObject().put("symbol", "IBM")));
      JsonObject snapshot = client.await(f -> "snap-1".equals(f.getString("address")), WAIT).getJsonObject("body");
      assertThat(snapshot.getString("last")).isEqualTo("150.5");
      assertThat(snapshot.getLong("trades")).isEqualTo(50L);
      assertThat(snapshot.getLong("pubSeq")).as("the snapshot names the last quote published").isPositive();
    }
  }

  @Test
  void clientsCannotReachShardsOrPublish() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of());
        BridgeClient client = new BridgeClient(node.bridgePort(), true)) {
      client.register("tm.shard.0");
      assertThat(error(client)).startsWith("access_denied");
      client.send(new JsonObject().put("type", "send").put("address", "tm.shard.0").put("replyAddress", "x")
          .put("body", new JsonObject()));
      assertThat(error(client)).startsWith("access_denied");
      client.send(new JsonObject().put("type", "publish").put("address", "quotes.IBM").put("body", new JsonObject()));
      assertThat(error(client)).startsWith("access_denied");
      client.send(new JsonObject().put("type", "send").put("address", "snapshot.quote").put("replyAddress", "s")
          .put("body", new JsonObject().put("symbol", "'; drop table bars; --")));
      JsonObject refused = client.await(f -> "s".equals(f.getString("address")), WAIT);
      assertThat(refused.getInteger("failureCode")).isEqualTo(400);
      client.send(new JsonObject().put("type", "send").put("address", "snapshot.quote").put("replyAddress", "u")
          .put("body", new JsonObject().put("symbol", "NOPE")));
      assertThat(client.await(f -> "u".equals(f.getString("address")), WAIT).getInteger("failureCode")).isEqualTo(404);
      client.send(new JsonObject().put("type", "dance"));
      assertThat(error(client)).startsWith("unknown_type");
      client.send(new JsonObject().put("type", "ping"));
      client.await(f -> f.getString("type").equals("pong"), WAIT); // still connected
      assertThat(node.http().get("/health/ready").status()).isEqualTo(200);
    }
  }

  private static String error(BridgeClient client) throws InterruptedException {
    return client.await(f -> f.getString("type").equals("err") && !f.containsKey("address"), WAIT).getString("message");
  }
}
