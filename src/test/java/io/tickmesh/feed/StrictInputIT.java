package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.TradeDays;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Strict input over a real socket (issue 7, finding 8): bytes that are not UTF-8, a seq sent as a string,
 * a seq that would use up its feed, and a seq jumping too far are each refused with their reason, and
 * the feed stays usable after them.
 */
class StrictInputIT {
  private static final long MAX_JUMP = 1_000;
  private static InProcessNode node;

  @BeforeAll
  static void start() throws Exception {
    node = InProcessNode.start(Map.of("feed.maxSeqJump", MAX_JUMP));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String trade(String feed, String seq, String sym) {
    return "{\"feed\":\"" + feed + "\",\"seq\":" + seq + ",\"sym\":\"" + sym + "\",\"ts\":" + TradeDays.DAY
        + ",\"type\":\"trade\",\"px\":\"10\",\"qty\":\"1\"}";
  }

  /** Sends the bytes, ends the input and waits until the node has answered everything and closed. */
  private static FeedClient sendAll(byte[] bytes) throws Exception {
    FeedClient client = node.connect();
    client.sendRaw(bytes);
    client.halfClose();
    assertThat(client.awaitEndOfStream(Duration.ofSeconds(30))).as("the node answered and closed").isTrue();
    return client;
  }

  private static byte[] lines(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anOverlongUtf8SequenceIsRefusedNotReadAsASlash() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(lines(trade("utf", "1", "OK")));
    byte[] bad = lines(trade("utf", "2", "A@@B"));
    String text = new String(bad, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("@@");
    bad[at] = (byte) 0xC0; // C0 AF: an overlong '/', which a lax decoder reads as "A/B"
    bad[at + 1] = (byte) 0xAF;
    bytes.writeBytes(bad);
    bytes.writeBytes(lines(trade("utf", "3", "OK")));
    try (FeedClient client = sendAll(bytes.toByteArray())) {
      assertThat(client.rejects()).singleElement().satisfies(r ->
          assertThat(r.getString("reason")).isEqualTo("not valid UTF-8 at byte " + (at + 1)));
      assertThat(client.acked("utf")).isEqualTo(3L);
    }
    assertThat(node.http().get("/api/v1/quotes/A%2FB").status()).as("no symbol A/B").isEqualTo(404);
  }

  @Test
  void aSeqSentAsAJsonStringIsRefused() throws Exception {
    try (FeedClient client = sendAll(lines(trade("str", "1", "S"), trade("str", "\"7\"", "S"), trade("str", "2", "S")))) {
      assertThat(client.rejects()).singleElement().satisfies(r ->
          assertThat(r.getString("reason")).isEqualTo("seq: expected a JSON integer, got a string"));
      assertThat(client.acked("str")).isEqualTo(2L);
    }
  }

  @Test
  void aSeqAboveTheBoundIsRefusedAndTheFeedStaysUsable() throws Exception {
    try (FeedClient client = sendAll(lines(trade("big", String.valueOf(Long.MAX_VALUE), "B"), trade("big", "11", "B")))) {
      assertThat(client.rejects()).singleElement().satisfies(r ->
          assertThat(r.getString("reason")).startsWith("seq: larger than 9007199254740991"));
      assertThat(client.acked("big")).isEqualTo(11L);
    }
    try (FeedClient next = sendAll(lines(trade("big", "12", "B")))) {
      assertThat(next.rejects()).isEmpty();
      assertThat(next.acked("big")).isEqualTo(12L);
    }
  }

  @Test
  void aSeqJumpingPastTheLimitIsRefusedAndNeverAcknowledged() throws Exception {
    long far = 2 + MAX_JUMP;
    try (FeedClient client = sendAll(lines(trade("jump", "1", "J"), trade("jump", String.valueOf(far), "J"), trade("jump", "2", "J")))) {
      assertThat(client.rejects()).singleElement().satisfies(r -> {
        assertThat(r.getLong("seq")).isEqualTo(far);
        assertThat(r.getString("reason"))
            .isEqualTo("seq jumps " + (far - 1) + " past the last seq 1; at most feed.maxSeqJump=" + MAX_JUMP);
      });
      assertThat(client.ackSeqs("jump")).as("the refused seq moved neither the last seq nor the acks")
          .isNotEmpty().isSorted().allMatch(seq -> seq <= 2).last().isEqualTo(2L);
    }
    try (FeedClient next = sendAll(lines(trade("jump", "3", "J"), trade("jump", String.valueOf(3 + MAX_JUMP), "J")))) {
      assertThat(next.rejects()).as("a jump of exactly feed.maxSeqJump is a gap, accepted").isEmpty();
      assertThat(next.acked("jump")).isEqualTo(3 + MAX_JUMP);
    }
  }
}
