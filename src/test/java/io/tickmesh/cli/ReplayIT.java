package io.tickmesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Timestamps;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.ReferenceBars;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tickmesh replay} and {@code tickmesh sim} run from the jar against a node: CSV and JSON files
 * arrive exactly, bad rows come back with their reasons, and replaying a file again changes nothing.
 */
class ReplayIT {
  private static final long MINUTE = 60_000_000_000L;

  @Test
  void replayingACsvFileTwiceGivesExactBarsOnce() throws Exception {
    List<Trade> trades = TradeDays.generate(List.of("AAPL", "EUR/USD"), 20_000, TradeDays.DAY, 3_600_000_000_000L, "unused", 9);
    Path csv = Files.createTempFile("ticks", ".csv");
    List<String> rows = csvRows(trades);
    rows.add("2026-11-23T00:30:00Z,AAPL,trade,-1,5,,,,");
    rows.add("2026-11-23T00:30:00Z,AAPL,quote,,,10,1,9,1");
    Files.write(csv, rows);
    try (InProcessNode node = InProcessNode.start(Map.of())) {
      CliRun first = replay(csv, node.feedPort());
      assertThat(first.exit()).isZero();
      assertThat(first.output()).contains("sent 20,003 lines").contains("the node refused 2 of the lines sent").contains("px: must be positive").contains("crossed quote");
      // Reference: the feed id and line numbers the replay gave each row decide ties of open/close.
      List<Trade> identified = new ArrayList<>();
      for (int i = 0; i < trades.size(); i++) {
        identified.add(trades.get(i).with(FileLineSource.feedIdFor(csv), i + 2));
      }
      for (String symbol : List.of("AAPL", "EUR/USD")) {
        var reference = ReferenceBars.of(identified, symbol, MINUTE);
        String path = "/api/v1/bars/" + symbol.replace("/", "%2F") + "?interval=1m&limit=10000";
        ReferenceBars.assertSame(node.http().awaitBars(path, reference.size()), reference);
      }
      JsonArray before = node.http().get("/api/v1/bars/AAPL?interval=1m&limit=10000").array();
      long appliedBefore = node.http().stats().getLong("ticksApplied");

      CliRun again = replay(csv, node.feedPort());
      assertThat(again.exit()).isZero();
      assertThat(again.output()).contains("(20,000 as duplicates");
      assertThat(node.http().stats().getLong("ticksApplied")).isEqualTo(appliedBefore);
      assertThat(node.http().get("/api/v1/bars/AAPL?interval=1m&limit=10000").array()).isEqualTo(before);
    }
  }

  @Test
  void simPublishesTheAskedNumberOfTicks() throws Exception {
    try (InProcessNode node = InProcessNode.start(Map.of())) {
      CliRun sim = CliRun.of(List.of("sim", "--to", "127.0.0.1:" + node.feedPort(), "--count", "5000", "--rate", "0", "--symbols", "20", "--quiet"));
      assertThat(sim.exit()).isZero();
      assertThat(sim.output()).contains("5,000 acknowledged");
      node.http().awaitStats(s -> s.getLong("ticksApplied") == 5_000, Duration.ofSeconds(10));
      assertThat(node.http().get("/api/v1/symbols").array()).hasSize(20);
    }
  }

  @Test
  void aFeedIdTheNodeWouldRefuseStopsTheReplayAtOnce() throws Exception {
    Path file = Files.createTempFile("ticks", ".jsonl");
    Files.write(file, List.of("{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T00:30:00Z\",\"type\":\"trade\",\"px\":\"1\",\"qty\":\"1\"}"));
    for (String feed : List.of("my feed", "x\"y")) {
      CliRun r = CliRun.of(List.of("replay", file.toString(), "--to", "127.0.0.1:1", "--feed", feed, "--quiet"));
      assertThat(r.exit()).as("exit code for --feed " + feed).isEqualTo(2);
      assertThat(r.output()).contains("--feed").contains("not a valid feed id").contains("feed: bad character");
    }
    for (List<String> bad : List.of(List.of("--window", "0"), List.of("--rate", "-5"), List.of("--retry-for", "-1"))) {
      List<String> args = new ArrayList<>(List.of("replay", file.toString(), "--to", "127.0.0.1:1", "--quiet"));
      args.addAll(bad);
      CliRun r = CliRun.of(args);
      assertThat(r.exit()).as("exit code for " + bad).isEqualTo(2);
      assertThat(r.output()).contains("--window >= 1");
    }
  }

  @Test
  void aReplayWhoseEveryLineIsRefusedFinishes() throws Exception {
    Path file = Files.createTempFile("refused", ".jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 500; i++) { // far-off seqs: refused lines that no ack may cover
      lines.add("{\"feed\":\"far\",\"seq\":" + (1_000 + i) + ",\"sym\":\"AAPL\",\"ts\":\"2026-11-23T00:30:00Z\",\"type\":\"trade\",\"px\":\"-1\",\"qty\":\"1\"}");
      lines.add("{\"feed\":\"bad feed\",\"seq\":" + i + ",\"sym\":\"AAPL\",\"ts\":\"2026-11-23T00:30:00Z\",\"type\":\"trade\",\"px\":\"1\",\"qty\":\"1\"}");
    }
    Files.write(file, lines);
    try (InProcessNode node = InProcessNode.start(Map.of())) {
      CliRun r = replay(file, node.feedPort());
      assertThat(r.exit()).isZero();
      assertThat(r.output()).contains("sent 1,000 lines").contains("0 acknowledged as handled; the node refused 1,000 of the lines sent")
          .contains("px: must be positive").contains("feed: bad character");
    }
  }

  /** The header and one row per trade, without feed or seq: the replay gives each row its line number. */
  static List<String> csvRows(List<Trade> trades) {
    List<String> rows = new ArrayList<>(List.of("ts,sym,type,px,qty,bid,bidQty,ask,askQty"));
    for (Trade t : trades) {
      rows.add(Timestamps.format(t.ts()) + "," + t.symbol() + ",trade," + t.px().toPlainString() + "," + t.qty().toPlainString() + ",,,,");
    }
    return rows;
  }

  private static CliRun replay(Path file, int port) throws Exception {
    return CliRun.of(List.of("replay", file.toString(), "--to", "127.0.0.1:" + port, "--quiet"));
  }
}
