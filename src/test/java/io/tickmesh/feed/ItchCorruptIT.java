package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.itch.DamagedDay;
import io.tickmesh.feed.itch.ItchChecks;
import io.tickmesh.feed.itch.ItchReference;
import io.tickmesh.testing.Dirs;
import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, acceptance 2 (file feed): a damaged copy of the fixture day ({@link DamagedDay}: flipped
 * bytes, messages cut short or too long, unknown types, executions, cancels and deletes of orders never
 * added, a file that ends inside a message) read by a node's ITCH feed with the store on. Every damaged
 * message is a reject with its sequence number and a reason naming its problem; the rest is exact (stored
 * trades, 1-minute bars and final books equal {@link ItchReference}'s of the same damaged bytes); the
 * counts add up; and the node stays ready and applies a JSON tick sent after the damage.
 */
class ItchCorruptIT {
  /** What a reject's reason must say, by the reference's word for the problem. */
  private static final Map<String, String> REASONS = Map.of(
      "order", "is not in the book",
      "length", "bytes; ITCH 5.0 has",
      "type", "unknown message type 0x",
      "side", "is neither B nor S",
      "symbol", "unreadable symbol",
      "price", "price 0",
      "end", "the stream ends inside a message");

  @Test
  void everyDamagedMessageIsARejectWithItsReasonAndTheRestIsExact() throws Exception {
    Path data = Files.createTempDirectory("itch-corrupt");
    Path file = DamagedDay.write(data);
    ItchReference ref = ItchReference.of(file);
    assertThat(ref.refused.values()).as("the damage the copy holds").containsAll(REASONS.keySet());
    try (InProcessNode node = InProcessNode.withStore(data.resolve("pg"), Map.of("itch.file", file.toString()))) {
      Http http = node.http();
      JsonObject feed = ItchChecks.awaitEnded(http, Duration.ofMinutes(2));
      assertThat(feed.getLong("messagesIn")).isEqualTo(ref.messages);
      assertThat(feed.getLong("trades")).isEqualTo(ref.trades.size());
      assertThat(feed.getLong("ticksRejected")).isEqualTo(ref.refused.size());
      ItchChecks.assertAsReference(http, ref);
      for (Object o : ItchChecks.rejects(http, ref)) {
        JsonObject reject = (JsonObject) o;
        long seq = reject.getLong("seq");
        assertThat(reject.getString("reason")).as("reject of message " + seq + " (" + ref.refused.get(seq) + ")")
            .startsWith("ITCH message " + seq + ": ").contains(REASONS.get(ref.refused.get(seq)));
      }
      JsonObject stats = http.stats();
      assertThat(stats.getLong("ticksRejected")).isEqualTo(ref.refused.size());
      assertThat(stats.getLong("ticksIn")).isEqualTo(stats.getLong("ticksApplied") + stats.getLong("ticksRejected"));

      assertThat(http.get("/health/ready").status()).isEqualTo(200);
      try (FeedClient client = node.connect()) {
        client.send(List.of("{\"feed\":\"after-damage\",\"seq\":1,\"sym\":\"AFTER\",\"ts\":\"" + Instant.now()
            + "\",\"type\":\"trade\",\"px\":\"10.5\",\"qty\":\"3\"}"));
        client.awaitAck("after-damage", 1, Duration.ofSeconds(30));
        assertThat(client.rejects()).isEmpty();
      }
      http.awaitStats(s -> s.getLong("ticksApplied") == stats.getLong("ticksApplied") + 1, Duration.ofSeconds(10));
    }
    Dirs.deleteTree(data);
  }
}
