package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a subscriber receives on the event bus: JSON bodies exactly as the output contract, for quotes,
 * trades, bars (with revisions) and rejects.
 */
class EventBusOutputsIT {
  @Test
  void subscribersReceiveTheContractsJson() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("bars.graceMs", 200, "publish.quoteIntervalMs", 0));
        FeedClient client = node.connect()) {
      var bus = node.vertx().eventBus();
      ConcurrentLinkedQueue<JsonObject> quotes = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<JsonObject> trades = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<JsonObject> bars = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<JsonObject> rejects = new ConcurrentLinkedQueue<>();
      CompletableFuture.allOf(
          bus.<JsonObject>consumer("quotes.IBM", m -> quotes.add(m.body())).completion().toCompletionStage().toCompletableFuture(),
          bus.<JsonObject>consumer("trades.IBM", m -> trades.add(m.body())).completion().toCompletionStage().toCompletableFuture(),
          bus.<JsonObject>consumer("bars.1s.IBM", m -> bars.add(m.body())).completion().toCompletionStage().toCompletableFuture(),
          bus.<JsonObject>consumer("rejects", m -> rejects.add(m.body())).completion().toCompletionStage().toCompletableFuture())
          .get(10, TimeUnit.SECONDS);

      client.send(List.of(
          "{\"feed\":\"f\",\"seq\":1,\"sym\":\"IBM\",\"ts\":\"2026-11-24T10:00:00.5Z\",\"type\":\"quote\",\"bid\":\"99.50\",\"bidQty\":\"100\",\"ask\":\"100.25\",\"askQty\":\"200\"}",
          "{\"feed\":\"f\",\"seq\":2,\"sym\":\"IBM\",\"ts\":\"2026-11-24T10:00:00.6Z\",\"type\":\"trade\",\"px\":\"100.10\",\"qty\":\"3\"}",
          "{\"feed\":\"f\",\"seq\":3,\"sym\":\"IBM\",\"ts\":\"2026-11-24T10:00:00.7Z\",\"type\":\"trade\",\"px\":\"100.20\",\"qty\":\"1\"}",
          "{\"feed\":\"f\",\"seq\":4,\"sym\":\"IBM\",\"ts\":\"2026-11-24T10:00:00.8Z\",\"type\":\"trade\",\"px\":\"0\",\"qty\":\"1\"}"));
      client.awaitAck("f", 4, Duration.ofSeconds(10));
      awaitSize(bars, 1);

      assertThat(trades).containsExactly(
          new JsonObject("{\"symbol\":\"IBM\",\"ts\":\"2026-11-24T10:00:00.600Z\",\"px\":\"100.1\",\"qty\":\"3\",\"feed\":\"f\",\"seq\":2,\"pubSeq\":1}"),
          new JsonObject("{\"symbol\":\"IBM\",\"ts\":\"2026-11-24T10:00:00.700Z\",\"px\":\"100.2\",\"qty\":\"1\",\"feed\":\"f\",\"seq\":3,\"pubSeq\":2}"));
      assertThat(bars.peek()).isEqualTo(new JsonObject("{\"symbol\":\"IBM\",\"interval\":\"1s\",\"start\":\"2026-11-24T10:00:00Z\","
          + "\"open\":\"100.1\",\"high\":\"100.2\",\"low\":\"100.1\",\"close\":\"100.2\",\"volume\":\"4\",\"vwap\":\"100.125\",\"trades\":2,\"revision\":0,\"pubSeq\":1}"));
      JsonObject quote = quotes.stream().reduce((a, b) -> b).orElseThrow();
      assertThat(quote.fieldNames()).containsExactlyInAnyOrder("symbol", "ts", "bid", "bidQty", "ask", "askQty", "last", "lastQty", "lastTs", "volume", "vwap", "trades", "pubSeq");
      List<Long> quoteSeqs = quotes.stream().map(q -> q.getLong("pubSeq")).toList();
      assertThat(quoteSeqs).as("numbered 1, 2, 3... on the address").isEqualTo(
          java.util.stream.LongStream.rangeClosed(1, quoteSeqs.size()).boxed().toList());
      assertThat(quote.getString("bid")).isEqualTo("99.5");
      assertThat(quote.getString("last")).isEqualTo("100.2");
      assertThat(quote.getString("vwap")).isEqualTo("100.125");
      assertThat(quote.getLong("trades")).isEqualTo(2L);
      awaitSize(rejects, 1);
      JsonObject reject = rejects.peek();
      assertThat(reject.getString("feed")).isEqualTo("f");
      assertThat(reject.getLong("seq")).isEqualTo(4L);
      assertThat(reject.getString("reason")).contains("px");
      assertThat(reject.getString("raw")).contains("\"px\":\"0\"");
    }
  }

  @Test
  void quotesAreConflatedAndTheLatestWins() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of("publish.quoteIntervalMs", 500)); FeedClient client = node.connect()) {
      ConcurrentLinkedQueue<JsonObject> quotes = new ConcurrentLinkedQueue<>();
      node.vertx().eventBus().<JsonObject>consumer("quotes.QQQ", m -> quotes.add(m.body())).completion()
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      long start = System.nanoTime();
      List<String> lines = new java.util.ArrayList<>();
      for (int i = 1; i <= 2_000; i++) {
        lines.add("{\"feed\":\"q\",\"seq\":" + i + ",\"sym\":\"QQQ\",\"ts\":" + (1795500000000000000L + i)
            + ",\"type\":\"quote\",\"bid\":\"" + (100 + i) + "\",\"bidQty\":\"1\",\"ask\":\"" + (101 + i) + "\",\"askQty\":\"1\"}");
      }
      client.send(lines);
      client.awaitAck("q", 2_000, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (quotes.stream().noneMatch(q -> q.getString("bid").equals("2100")) && System.nanoTime() < deadline) {
        Thread.sleep(20); // the last quote goes out once its interval has passed
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(quotes.size()).as("at most one quote per 500 ms").isLessThanOrEqualTo((int) (seconds / 0.5) + 1);
      assertThat(quotes.stream().reduce((a, b) -> b).orElseThrow().getString("bid")).as("the latest wins").isEqualTo("2100");
    }
  }

  private static void awaitSize(ConcurrentLinkedQueue<JsonObject> queue, int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (queue.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(20); // messages arrive on the node's event loops
    }
    assertThat(queue).hasSizeGreaterThanOrEqualTo(size);
  }
}
