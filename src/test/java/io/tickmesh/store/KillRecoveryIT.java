package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Timestamps;
import io.tickmesh.testing.Dirs;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3, acceptance 2: kill -9 of the node in the middle of a {@code replay}, start it again on the
 * same data and port; the replay reconnects, resends what was not acknowledged, and finishes. The final
 * bars equal the reference exactly and every trade is stored exactly once. Both file formats: a CSV
 * replay must send its header again on the new connection, or every resent row is refused.
 */
class KillRecoveryIT {
  private static final long MINUTE = 60_000_000_000L;
  private static final int TRADES = 200_000;

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "csv"})
  void killDashNineMidReplayLosesNothingAndCountsNothingTwice(String format) throws Exception {
    List<String> symbols = new ArrayList<>(List.of("ES:Z6", "EUR/USD", "BTC-USD", "BRK.B"));
    symbols.addAll(TradeDays.symbols("K", 36)); // 40 symbols: about 5,000 trades each, one page of /api/v1/trades
    List<Trade> generated = TradeDays.generate(symbols, TRADES, TradeDays.DAY, 86_400_000_000_000L, "unused", 77);
    Path dir = Files.createTempDirectory("kill-recovery");
    Path file = dir.resolve("day." + format);
    boolean csv = format.equals("csv");
    List<String> lines = new ArrayList<>();
    if (csv) {
      lines.add("ts,sym,type,px,qty,bid,bidQty,ask,askQty");
    }
    for (Trade t : generated) {
      lines.add(csv
          ? Timestamps.format(t.ts()) + "," + t.symbol() + ",trade," + t.px().toPlainString() + "," + t.qty().toPlainString() + ",,,,"
          : "{\"sym\":\"" + t.symbol() + "\",\"ts\":\"" + Timestamps.format(t.ts()) + "\",\"type\":\"trade\",\"px\":\""
              + t.px().toPlainString() + "\",\"qty\":\"" + t.qty().toPlainString() + "\"}");
    }
    Files.write(file, lines);
    String feed = "replay." + file.getFileName();
    List<Trade> trades = new ArrayList<>();
    for (int i = 0; i < generated.size(); i++) {
      trades.add(generated.get(i).with(feed, i + 1 + (csv ? 1 : 0))); // the identity replay gives each line: its line number
    }
    int port = NodeProcess.freePort();
    List<String> args = List.of("--no-sim", "--set", "feed.tcp.port=" + port);
    Process replay;
    try (NodeProcess first = NodeProcess.start(dir, List.of(), args).awaitReady(Duration.ofSeconds(60))) {
      replay = new ProcessBuilder(NodeProcess.command(List.of("replay", file.toString(), "--to", "127.0.0.1:" + port,
          "--rate", "40000", "--retry-for", "120", "--quiet")))
          .redirectErrorStream(true).redirectOutput(dir.resolve("replay.out").toFile()).start();
      first.http().awaitStats(s -> s.getLong("ticksApplied") > TRADES / 4, Duration.ofSeconds(60));
      first.kill();
    }
    try (NodeProcess second = NodeProcess.start(dir, List.of(), args).awaitReady(Duration.ofSeconds(90))) {
      assertThat(replay.waitFor(3, TimeUnit.MINUTES)).as("replay finished").isTrue();
      String out = Files.readString(dir.resolve("replay.out"));
      assertThat(replay.exitValue()).as(out).isZero();
      assertThat(out).contains("reconnecting").contains(String.format("%,d acknowledged", TRADES));
      Http http = second.http();
      for (String symbol : symbols) {
        var reference = ReferenceBars.of(trades, symbol, MINUTE);
        ReferenceBars.assertSame(http.allBars(symbol, "1m"), reference);
        assertStoredOnce(http, symbol, trades);
      }
      assertThat(second.logText()).contains("stopping it").contains("restored from their last durable checkpoint");
      // how often the writer's plain inserts met rows the killed node had stored (its fallback, see Flush.writeData)
      System.out.printf("FIGURE kill recovery (%s): %d flushes met rows stored before and were written again%n", format,
          second.logText().lines().filter(l -> l.contains("written again, skipping them")).count());
      assertThat(second.terminate(Duration.ofSeconds(20))).isZero();
    }
    Dirs.deleteTree(dir);
  }

  /** All trades of the symbol are stored, each (feed, seq) once. */
  private static void assertStoredOnce(Http http, String symbol, List<Trade> trades) throws Exception {
    long expected = trades.stream().filter(t -> t.symbol().equals(symbol)).count();
    JsonArray stored = http.get("/api/v1/trades/" + symbol.replace("/", "%2F") + "?limit=10000").array();
    Set<Long> seqs = new HashSet<>();
    stored.forEach(t -> seqs.add(((io.vertx.core.json.JsonObject) t).getLong("seq")));
    assertThat(stored.size()).as(symbol + " trades stored").isEqualTo((int) expected);
    assertThat(seqs).as(symbol + " distinct seqs").hasSize((int) expected);
  }
}
