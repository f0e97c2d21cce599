package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a connection ends, and what its acks may claim, on a node with a store: a publisher that ends its
 * input still gets every ack, one that closes still gets its position recorded, and a refused line never
 * makes an ack jump over seqs the node has not seen.
 */
class FeedAcksIT {
  private static InProcessNode node;

  @BeforeAll
  static void start() throws Exception {
    node = InProcessNode.withStore(Files.createTempDirectory("feed-acks"), Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void aPublisherThatEndsItsInputGetsEveryAckThenTheNodeCloses() throws Exception {
    try (FeedClient client = node.connect()) {
      client.send(SigtermAcksIT.lines("half", 1_000));
      client.halfClose();
      assertThat(client.awaitEndOfStream(Duration.ofSeconds(30))).as("the node closed after its acks").isTrue();
      assertThat(client.ackSeqs("half")).isNotEmpty().isSorted().last().isEqualTo(1_000L);
    }
    awaitPosition("half", 1_000);
  }

  @Test
  void aPublisherThatClosesStillHasItsPositionRecorded() throws Exception {
    try (FeedClient client = node.connect()) {
      client.send(SigtermAcksIT.lines("gone", 1_000));
    }
    awaitPosition("gone", 1_000);
  }

  @Test
  void aRefusedLineWithAFarSeqIsNotAcknowledgedAndAcksNeverGoBack() throws Exception {
    String farOff = "{\"feed\":\"g\",\"seq\":1000000,\"sym\":\"G\",\"ts\":" + TradeDays.DAY + ",\"type\":\"trade\",\"px\":\"-1\",\"qty\":\"1\"}";
    String nextBad = "{\"feed\":\"g\",\"seq\":3,\"sym\":\"G\",\"ts\":" + TradeDays.DAY + ",\"type\":\"trade\",\"px\":\"-1\",\"qty\":\"1\"}";
    List<String> valid = SigtermAcksIT.lines("g", 2);
    try (FeedClient first = node.connect()) {
      first.send(List.of(valid.get(0), farOff));
      first.halfClose();
      assertThat(first.awaitEndOfStream(Duration.ofSeconds(30))).isTrue();
      assertThat(first.rejects()).singleElement().satisfies(r -> assertThat(r.getLong("seq")).isEqualTo(1_000_000L));
      assertThat(first.ackSeqs("g")).as("seq 1000000 was refused: seqs 2..999999 are not handled").containsExactly(1L);
    }
    try (FeedClient second = node.connect()) {
      second.send(List.of(valid.get(1), nextBad));
      second.halfClose();
      assertThat(second.awaitEndOfStream(Duration.ofSeconds(30))).isTrue();
      assertThat(second.rejects()).singleElement().satisfies(r -> assertThat(r.getLong("seq")).isEqualTo(3L));
      assertThat(second.ackSeqs("g")).as("a refused seq that skips nothing counts").isSorted().last().isEqualTo(3L);
    }
    awaitPosition("g", 3);
  }

  /**
   * A publisher that crashes in the middle of a line: the cut-off rest is refused, but its seq is not
   * counted as handled, so a publisher resuming after the recorded position sends that tick again.
   */
  @Test
  void aLineCutOffByTheCloseIsRefusedButNeverAcknowledged() throws Exception {
    List<String> lines = SigtermAcksIT.lines("cut", 2);
    String cut = lines.get(1).substring(0, lines.get(1).indexOf("\"ts\""));
    try (FeedClient client = node.connect()) {
      client.sendRaw((lines.get(0) + "\n" + cut).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      client.halfClose();
      assertThat(client.awaitEndOfStream(Duration.ofSeconds(30))).isTrue();
      assertThat(client.rejects()).singleElement().satisfies(r -> {
        assertThat(r.getLong("seq")).isEqualTo(2L);
        assertThat(r.getString("reason")).startsWith("cut off: the connection closed before the line ended");
      });
      assertThat(client.ackSeqs("cut")).containsExactly(1L);
    }
    awaitPosition("cut", 1);
    try (FeedClient resumed = node.connect()) {
      resumed.send(List.of(lines.get(1)));
      resumed.awaitAck("cut", 2, Duration.ofSeconds(30));
      assertThat(resumed.rejects()).isEmpty();
    }
  }

  /**
   * A CSV row cut inside its last cell still parses (10 of 100), so without its newline it is refused
   * as cut off too, never applied with the wrong value and never acknowledged.
   */
  @Test
  void aCsvRowWithoutItsNewlineAtTheCloseIsRefusedNotAppliedCut() throws Exception {
    String rows = "feed,seq,ts,sym,type,bid,bidQty,ask,askQty,px,qty\n"
        + "csvcut,1,2026-11-24T14:30:01Z,CUT,trade,,,,,10.5,100\n"
        + "csvcut,2,2026-11-24T14:30:02Z,CUT,trade,,,,,10.5,10";
    try (FeedClient client = node.connect()) {
      client.sendRaw(rows.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      client.halfClose();
      assertThat(client.awaitEndOfStream(Duration.ofSeconds(30))).isTrue();
      assertThat(client.rejects()).singleElement().satisfies(r -> {
        assertThat(r.getLong("seq")).isEqualTo(2L);
        assertThat(r.getString("reason")).startsWith("cut off:").contains("CSV row must end with a newline");
      });
      assertThat(client.ackSeqs("csvcut")).containsExactly(1L);
    }
    awaitPosition("csvcut", 1);
  }

  /** Polls {@code /api/v1/feeds} until {@code feed} is recorded, then checks it is at {@code seq}. */
  private static void awaitPosition(String feed, long seq) throws Exception {
    Http http = node.http();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Long recorded = position(http, feed);
    while ((recorded == null || recorded < seq) && System.nanoTime() < deadline) {
      Thread.sleep(100); // positions are written about once a second: poll for them
      recorded = position(http, feed);
    }
    assertThat(recorded).as("recorded position of feed " + feed).isEqualTo(seq);
  }

  private static Long position(Http http, String feed) throws Exception {
    for (Object o : http.get("/api/v1/feeds").array()) {
      JsonObject row = (JsonObject) o;
      if (row.getString("feed").equals(feed)) {
        return row.getLong("seq");
      }
    }
    return null;
  }
}
