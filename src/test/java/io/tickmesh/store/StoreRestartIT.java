package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.NodeProcess;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 1: a day of trades over 100 symbols, SIGTERM, start again on the same data: the
 * bars and trades queries answer the same; sending the same feed again (same feed ids and seqs) is
 * recognised as duplicates and changes no bar.
 */
class StoreRestartIT {
  private static final long MINUTE = 60_000_000_000L;
  private static final int TRADES = 150_000;

  @Test
  void aRestartOnTheSameDataAnswersTheSameAndAResendChangesNothing() throws Exception {
    List<String> symbols = TradeDays.symbols("S", 100);
    List<Trade> trades = TradeDays.generate(symbols, TRADES, TradeDays.DAY, 86_400_000_000_000L, "day", 5);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < trades.size(); i++) {
      lines.add(trades.get(i).line(i));
    }
    Path dir = Files.createTempDirectory("store-restart");
    List<String> args = List.of("--no-sim");
    Map<String, JsonArray> before;
    try (NodeProcess node = NodeProcess.start(dir, List.of(), args).awaitReady(Duration.ofSeconds(60));
        FeedClient client = new FeedClient(node.feedPort())) {
      client.send(lines);
      client.awaitAck("day", TRADES, Duration.ofMinutes(2)); // acks are durable: checkpoints written
      before = answers(node.http(), symbols, trades);
      assertThat(node.terminate(Duration.ofSeconds(20))).isZero();
    }
    try (NodeProcess node = NodeProcess.start(dir, List.of(), args).awaitReady(Duration.ofSeconds(60))) {
      var positions = node.http().get("/api/v1/feeds").array();
      assertThat(positions).as("the position acknowledged to the publisher, kept across the restart").hasSize(1);
      assertThat(positions.getJsonObject(0).getString("feed")).isEqualTo("day");
      assertThat(positions.getJsonObject(0).getLong("seq")).isEqualTo(TRADES);
      Map<String, JsonArray> after = answers(node.http(), symbols, trades);
      assertThat(after).isEqualTo(before);

      try (FeedClient again = new FeedClient(node.feedPort())) {
        again.send(lines);
        again.awaitAck("day", TRADES, Duration.ofMinutes(2));
        assertThat(again.rejects()).hasSize(TRADES).allMatch(r -> r.getString("reason").startsWith("duplicate"));
      }
      assertThat(answers(node.http(), symbols, trades)).isEqualTo(before);
      assertThat(node.terminate(Duration.ofSeconds(20))).isZero();
    }
  }

  /** Every 1-minute bar of every symbol (checked against the reference) and the trades of five symbols. */
  private static Map<String, JsonArray> answers(Http http, List<String> symbols, List<Trade> trades) throws Exception {
    Map<String, JsonArray> out = new HashMap<>();
    for (String symbol : symbols) {
      var reference = ReferenceBars.of(trades, symbol, MINUTE);
      JsonArray bars = http.allBars(symbol, "1m");
      ReferenceBars.assertSame(bars, reference);
      out.put("bars " + symbol, bars);
    }
    for (String symbol : symbols.subList(0, 5)) {
      JsonArray stored = http.get("/api/v1/trades/" + symbol + "?limit=10000").array();
      assertThat(stored.size()).isEqualTo((int) trades.stream().filter(t -> t.symbol().equals(symbol)).count());
      out.put("trades " + symbol, stored);
    }
    return out;
  }
}
