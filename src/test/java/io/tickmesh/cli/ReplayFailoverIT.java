package io.tickmesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.NodeProcess;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code replay --to A,B} run from the jar against two independent single nodes: a node that is down is
 * passed over at once, and a node stopped in the middle of a replay hands the rest to the next address,
 * which gets every unacknowledged line again (CSV header first). The two nodes share no state, so a line
 * may be applied on both; what counts is that every line of the file ends acknowledged.
 */
class ReplayFailoverIT {
  private static final Pattern RESENT = Pattern.compile("resending ([\\d,]+) unacknowledged lines");

  @Test
  void anAddressNobodyListensOnIsPassedOverAtOnce() throws Exception {
    Path file = Files.createTempFile("failover", ".jsonl");
    List<String> lines = new ArrayList<>();
    for (Trade t : TradeDays.generate(TradeDays.symbols("F", 10), 5_000, TradeDays.DAY, 3_600_000_000_000L, "f", 3)) {
      lines.add(t.line(1));
    }
    Files.write(file, lines);
    try (InProcessNode b = InProcessNode.start(Map.of())) {
      // chosen once the node listens: a port freed before its start could become one of the node's own
      // (a fresh-clone run found its bridge there, which closed the replay's connection)
      String down = "127.0.0.1:" + NodeProcess.freePort();
      String up = "127.0.0.1:" + b.feedPort();
      CliRun r = CliRun.of(List.of("replay", file.toString(), "--to", down + "," + up, "--quiet"));
      assertThat(r.exit()).as(r.output()).isZero();
      assertThat(r.output()).contains("could not connect to " + down + " (").contains("now on " + up + ", resending 0 unacknowledged lines")
          .contains("5,000 acknowledged").contains("0 reconnects, ended on " + up);
      assertThat(b.http().stats().getLong("ticksApplied")).isEqualTo(5_000);
    }
  }

  @Test
  void aNodeStoppedMidReplayHandsTheRestToTheNextAddress() throws Exception {
    int trades = 60_000;
    Path file = Files.createTempFile("failover", ".csv");
    Files.write(file, ReplayIT.csvRows(TradeDays.generate(TradeDays.symbols("G", 20), trades, TradeDays.DAY, 3_600_000_000_000L, "g", 5)));
    String feed = FileLineSource.feedIdFor(file);
    Path out = Files.createTempFile("failover", ".out");
    Process replay = null;
    try (InProcessNode b = InProcessNode.start(Map.of())) {
      String to = "127.0.0.1:" + b.feedPort();
      InProcessNode a = InProcessNode.start(Map.of());
      String from = "127.0.0.1:" + a.feedPort();
      try {
        replay = CliRun.start(List.of("replay", file.toString(), "--to", from + "," + to, "--rate", "15000", "--quiet"), out);
        a.http().awaitStats(s -> s.getLong("ticksApplied") >= trades / 6, Duration.ofSeconds(60));
      } finally {
        a.close(); // drains, sends its last acks, closes the connection
      }
      assertThat(replay.waitFor(120, TimeUnit.SECONDS)).as("replay finished").isTrue();
      String output = Files.readString(out);
      assertThat(replay.exitValue()).as(output).isZero();
      assertThat(output).contains("connection to " + from + " lost (").contains("now on " + to + ", resending")
          .contains(String.format("%,d acknowledged as handled; the node refused 0 of the lines sent", trades))
          .contains("1 reconnect, ended on " + to);
      long resent = resent(output);
      // b saw the resent lines and everything after them, up to the last row (line trades + 1, after the header)
      JsonObject stats = b.http().awaitStats(s -> lastSeq(s, feed) == trades + 1, Duration.ofSeconds(30));
      assertThat(stats.getLong("ticksIn")).isGreaterThanOrEqualTo(resent).isPositive();
      assertThat(stats.getLong("ticksRejected")).isZero();
    } finally {
      if (replay != null) {
        replay.destroyForcibly();
      }
    }
  }

  @Test
  void aBadAddressListStopsAtOnceWithExitCodeTwo() throws Exception {
    Path file = Files.createTempFile("ticks", ".jsonl");
    Files.write(file, List.of("{\"sym\":\"AAPL\",\"ts\":\"2026-11-23T00:30:00Z\",\"type\":\"trade\",\"px\":\"1\",\"qty\":\"1\"}"));
    String seventeen = String.join(",", Collections.nCopies(17, "127.0.0.1:1"));
    Map<String, String> expected = Map.of(
        "127.0.0.1:1,,127.0.0.1:2", "address 2 of '127.0.0.1:1,,127.0.0.1:2' is empty",
        "127.0.0.1:1,", "address 2 of '127.0.0.1:1,' is empty",
        "127.0.0.1:1,localhost", "expected HOST:PORT like localhost:7070, got 'localhost'",
        "127.0.0.1:1,127.0.0.1:0", "got '127.0.0.1:0'",
        seventeen, "at most 16 addresses, got 17");
    for (var bad : expected.entrySet()) {
      CliRun r = CliRun.of(List.of("replay", file.toString(), "--to", bad.getKey(), "--quiet"));
      assertThat(r.exit()).as("exit code for --to " + bad.getKey()).isEqualTo(2);
      assertThat(r.output()).contains("Invalid value for option '--to'").contains(bad.getValue());
    }
    CliRun sim = CliRun.of(List.of("sim", "--to", "127.0.0.1:1,", "--quiet"));
    assertThat(sim.exit()).isEqualTo(2);
    assertThat(sim.output()).contains("address 2 of '127.0.0.1:1,' is empty");
  }

  /** The count the publisher's move line gives, also the number of lines resent after the move. */
  private static long resent(String output) {
    Matcher m = RESENT.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  private static long lastSeq(JsonObject stats, String feed) {
    JsonObject f = stats.getJsonObject("feeds").getJsonObject(feed);
    return f == null ? -1 : f.getLong("lastSeq", -1L);
  }
}
