package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.RawHttp;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.tickmesh.testing.WsFeedClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket feed at {@code /feed}: the TCP feed's lines, acks, rejects and bounds over WebSockets. A
 * generated day gives the reference's bars with every message acknowledged; bad lines are refused one by
 * one and the connection goes on; a binary message or a frame over the limit ends the connection after its
 * acks, with the reason and a close code; the node's stop sends the acks it owes before it closes.
 */
class WebSocketFeedIT {
  private static final long MINUTE = 60_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final int PER_MESSAGE = 500;
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void aDayOf250kTradesGivesExactBarsAndEveryMessageIsAcknowledged() throws Exception {
    List<Trade> trades = TradeDays.generate(List.of("AAPL"), 250_000, TradeDays.DAY, 86_400 * SECOND, "day1", 20261123);
    try (InProcessNode node = InProcessNode.start(Map.of("bars.retain", 2_000));
        WsFeedClient client = WsFeedClient.connect(node.http().port())) {
      List<String> lines = new ArrayList<>(trades.size());
      for (int i = 0; i < trades.size(); i++) {
        lines.add(trades.get(i).line(i));
      }
      client.send(lines, PER_MESSAGE);
      client.awaitAck("day1", trades.size(), Duration.ofMinutes(2));
      assertThat(client.rejects()).isEmpty();
      List<Long> acks = client.ackSeqs("day1");
      assertThat(acks).as("acks move forward only, each over whole messages").doesNotHaveDuplicates().isSorted()
          .allMatch(seq -> seq % PER_MESSAGE == 0).last().isEqualTo(250_000L);

      TreeMap<Long, ReferenceBars.Bar> minutes = ReferenceBars.of(trades, "AAPL", MINUTE);
      ReferenceBars.assertSame(node.http().awaitBars("/api/v1/bars/AAPL?interval=1m&limit=10000", minutes.size()), minutes);
      TreeMap<Long, ReferenceBars.Bar> seconds = ReferenceBars.of(trades, "AAPL", SECOND);
      TreeMap<Long, ReferenceBars.Bar> lastSeconds = new TreeMap<>(seconds.tailMap(new ArrayList<>(seconds.keySet()).get(seconds.size() - 2_000)));
      ReferenceBars.assertSame(node.http().awaitBars("/api/v1/bars/AAPL?interval=1s&limit=2000", 2_000), lastSeconds);

      JsonObject stats = node.http().stats();
      assertThat(stats.getLong("ticksApplied")).isEqualTo(250_000L);
      assertThat(stats.getLong("ticksRejected")).isZero();
      assertThat(stats.getJsonObject("feeds").getJsonObject("day1").getString("kind")).isEqualTo("ws");
      assertThat(stats.getJsonObject("feedWebSocketConnections").getLong("connections")).isEqualTo(1L);
      assertThat(node.http().get("/metrics").body()).contains("tickmesh_connections{port=\"feed_ws\"} 1");
    }
  }

  @Test
  void badLinesAreRefusedOneByOneAndTheConnectionGoesOn() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of());
        WsFeedClient client = WsFeedClient.connect(node.http().port())) {
      // One message: a good line, bad JSON, a line over feed.maxLineBytes, a good last line without newline.
      client.sendText(trade(1) + "\n{\"feed\":\"w\",\"seq\":2,\"sym\":\n{\"pad\":\"" + "x".repeat(9_000) + "\"}\n" + trade(4));
      // A message in two fragments that cut a line in two, then an empty message (a heartbeat).
      String fifth = trade(5);
      client.sendFrame(WsFeedClient.TEXT, false, fifth.substring(0, 30).getBytes(StandardCharsets.UTF_8));
      client.sendFrame(WsFeedClient.CONTINUATION, true, (fifth.substring(30) + "\n" + trade(6) + "\n").getBytes(StandardCharsets.UTF_8));
      client.sendText("");
      client.awaitAck("w", 6, PATIENCE);

      assertThat(client.rejects()).hasSize(2);
      assertThat(client.rejects().get(0).getLong("line")).isEqualTo(2L);
      assertThat(client.rejects().get(0).getString("reason")).contains("JSON");
      assertThat(client.rejects().get(1).getLong("line")).isEqualTo(3L);
      assertThat(client.rejects().get(1).getString("reason")).contains("longer than the limit of 8192");
      assertThat(client.errors()).isEmpty();
      JsonObject stats = node.http().awaitStats(s -> s.getLong("ticksIn") == 6 && s.getLong("pendingTicks") == 0, PATIENCE);
      assertThat(stats.getLong("ticksApplied")).isEqualTo(4L);
      assertThat(stats.getLong("ticksRejected")).isEqualTo(2L);
      assertThat(node.http().get("/api/v1/rejects").array()).hasSize(2);
    }
  }

  @Test
  void aBinaryMessageOrAFrameOverTheLimitEndsTheConnectionAfterItsAcksWithTheReason() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of())) {
      int port = node.http().port();
      try (WsFeedClient binary = WsFeedClient.connect(port)) {
        binary.sendText(trade("bin", 1));
        binary.sendFrame(WsFeedClient.BINARY, true, trade("bin", 2).getBytes(StandardCharsets.UTF_8));
        assertThat(binary.awaitEnd(PATIENCE)).as("the node closed the WebSocket").isTrue();
        assertThat(binary.ackSeqs("bin")).containsExactly(1L);
        assertThat(binary.errors()).singleElement().asString().startsWith("binary message: the feed takes text messages");
        assertThat(binary.closeCode()).isEqualTo(1003);
        assertThat(binary.closeReason()).startsWith("binary message");
      }
      try (WsFeedClient big = WsFeedClient.connect(port)) {
        big.sendText(trade("big", 1));
        big.sendText("x".repeat(200_000));
        assertThat(big.awaitEnd(PATIENCE)).as("the node closed the WebSocket").isTrue();
        assertThat(big.ackSeqs("big")).containsExactly(1L);
        assertThat(big.errors()).singleElement().asString().startsWith("frame too big: a WebSocket frame holds at most 131136 bytes");
        assertThat(big.closeCode()).isEqualTo(1009);
      }
      assertThat(node.http().get("/health/ready").status()).isEqualTo(200);
      try (WsFeedClient next = WsFeedClient.connect(port)) {
        next.sendText(trade("next", 1));
        next.awaitAck("next", 1, PATIENCE);
      }
    }
  }

  @Test
  void webSocketsElsewhereAndPlainRequestsOfFeedAreRefusedInJson() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of())) {
      int port = node.http().port();
      try (RawHttp raw = RawHttp.connect(port)) {
        RawHttp.Answer answer = raw.send(WsFeedClient.upgradeRequest("/api/v1/stats")).read(PATIENCE);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().getString("detail")).contains("/feed");
      }
      var plain = node.http().get("/feed");
      assertThat(plain.status()).isEqualTo(400);
      assertThat(plain.json().getString("detail")).contains("WebSocket");
    }
  }

  @Test
  void connectionsPastTheCapAreToldWhyAndAnIdleOneIsClosedAfterItsAcks() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("feed.maxConnections", 1, "feed.idleTimeoutMs", 2_000));
        WsFeedClient idle = WsFeedClient.connect(node.http().port())) {
      idle.sendText(trade("idle", 1));
      idle.awaitAck("idle", 1, PATIENCE);
      idle.sendText(""); // a heartbeat: the idle time starts again, so the connection is still open for the next one
      try (WsFeedClient refused = WsFeedClient.connect(node.http().port())) {
        assertThat(refused.awaitEnd(PATIENCE)).isTrue();
        assertThat(refused.errors()).containsExactly("too many WebSocket feed connections: at most 1 (feed.maxConnections)");
        assertThat(refused.closeCode()).isEqualTo(1013);
      }
      assertThat(idle.awaitEnd(PATIENCE)).as("the idle WebSocket is closed").isTrue();
      assertThat(idle.errors()).containsExactly("idle: no line for 2000 ms (feed.idleTimeoutMs)");
      assertThat(idle.closeCode()).isEqualTo(1000);
      JsonObject counts = node.http().stats().getJsonObject("feedWebSocketConnections");
      assertThat(counts.getLong("refused")).isEqualTo(1L);
      assertThat(counts.getLong("idleClosed")).isEqualTo(1L);
    }
  }

  /**
   * As {@code SigtermAcksIT} for TCP, in this JVM: checkpoints a minute apart, so the acks can only come
   * from the node's stop (what SIGTERM runs), and they come before the close (going away, 1001).
   */
  @Test
  void theStopSendsTheAcksItOwesBeforeItClosesTheWebSocket() throws Exception {
    InProcessNode node = InProcessNode.withStore(Files.createTempDirectory("ws-stop"), Map.of("store.checkpointMs", 60_000));
    boolean stopped = false;
    try (WsFeedClient client = WsFeedClient.connect(node.http().port())) {
      List<String> lines = new ArrayList<>();
      for (int seq = 1; seq <= 2_000; seq++) {
        lines.add(trade("term", seq));
      }
      client.send(lines, 100);
      var unused = node.http().awaitStats(s -> s.getLong("ticksApplied") == 2_000, PATIENCE);
      assertThat(client.acked("term")).as("no checkpoint yet, so no ack before the stop").isZero();

      node.close();
      stopped = true;

      assertThat(client.awaitEnd(PATIENCE)).as("the node closed the WebSocket").isTrue();
      assertThat(client.ackSeqs("term")).as("the acks the stop sent").isNotEmpty().last().isEqualTo(2_000L);
      assertThat(client.closeCode()).isEqualTo(1001);
      assertThat(client.rejects()).isEmpty();
    } finally {
      if (!stopped) {
        node.close();
      }
    }
  }

  private static String trade(long seq) {
    return trade("w", seq);
  }

  private static String trade(String feed, long seq) {
    return "{\"feed\":\"" + feed + "\",\"seq\":" + seq + ",\"sym\":\"WS\",\"ts\":" + (TradeDays.DAY + seq * 1_000_000L)
        + ",\"type\":\"trade\",\"px\":\"10.5\",\"qty\":\"1\"}";
  }
}
