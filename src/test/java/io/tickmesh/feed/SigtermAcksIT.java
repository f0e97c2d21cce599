package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.NodeProcess;
import io.tickmesh.testing.Trade;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM with acks still owed: the node writes its last checkpoints, then sends the publisher the acks
 * they cover before it closes the connection, and records the feed's position. Checkpoints are set a
 * minute apart, so every ack of the run can only come from the stop.
 */
class SigtermAcksIT {
  private static final int TICKS = 5_000;

  @Test
  void sigtermSendsThePublisherItsLastAcksAndRecordsThePosition() throws Exception {
    Path dir = Files.createTempDirectory("sigterm-acks");
    List<String> args = List.of("--no-sim", "--set", "store.checkpointMs=60000");
    try (NodeProcess node = NodeProcess.start(dir, List.of(), args).awaitReady(Duration.ofSeconds(60));
        FeedClient client = new FeedClient(node.feedPort())) {
      client.send(lines("term", TICKS));
      node.http().awaitStats(s -> s.getLong("ticksApplied") == TICKS, Duration.ofSeconds(30));
      assertThat(client.acked("term")).as("no checkpoint yet, so no ack before the stop").isZero();

      assertThat(node.terminate(Duration.ofSeconds(20))).isZero();

      assertThat(client.awaitEndOfStream(Duration.ofSeconds(10))).as("the node ended the stream after the acks").isTrue();
      assertThat(client.ackSeqs("term")).as("the acks the stop sent").isNotEmpty().last().isEqualTo((long) TICKS);
      assertThat(client.rejects()).isEmpty();
      assertThat(node.logText()).contains("ticksApplied=" + TICKS);
    }
    try (NodeProcess node = NodeProcess.start(dir, List.of(), args).awaitReady(Duration.ofSeconds(60))) {
      JsonArray positions = node.http().get("/api/v1/feeds").array();
      assertThat(positions).hasSize(1);
      assertThat(positions.getJsonObject(0).getString("feed")).isEqualTo("term");
      assertThat(positions.getJsonObject(0).getLong("seq")).as("the acknowledged position, recorded at the stop").isEqualTo(TICKS);
      assertThat(node.terminate(Duration.ofSeconds(20))).isZero();
    }
  }

  /** {@code count} valid trades of {@code feed}, seqs 1..count, over 20 symbols. */
  static List<String> lines(String feed, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      lines.add(new Trade(feed, i, "T" + (i % 20), TradeDays.DAY + i * 1_000_000L, new BigDecimal("10.5"), BigDecimal.ONE).line(i));
    }
    return lines;
  }
}
