package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.itch.ItchChecks;
import io.tickmesh.feed.itch.ItchReference;
import io.tickmesh.testing.Dirs;
import io.tickmesh.testing.Http;
import io.tickmesh.testing.InProcessNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, acceptance 1 (file feed): the ITCH fixture day read by a node's ITCH feed, with the store on.
 * Every trade of the file is stored once, each instrument's 1-minute bars and final book equal
 * {@link ItchReference}'s, the counts add up, and the only rejects are the messages the reference
 * refuses too (the invented day names some orders just before it adds them).
 */
class ItchFeedIT {
  @Test
  void theFixtureDayThroughTheNodeGivesTheReferenceTradesBarsAndBooks() throws Exception {
    ItchReference ref = ItchReference.of(ItchChecks.DAY);
    Path data = Files.createTempDirectory("itch-feed");
    try (InProcessNode node = InProcessNode.withStore(data.resolve("pg"), Map.of("itch.file", ItchChecks.DAY.toString()))) {
      Http http = node.http();
      JsonObject feed = ItchChecks.awaitEnded(http, Duration.ofMinutes(2));
      JsonObject stats = http.stats();
      assertThat(feed.getLong("messagesIn")).isEqualTo(12_012L);
      assertThat(feed.getLong("trades")).isEqualTo(ref.trades.size());
      // the invented day names 117 orders a moment before it adds them: refused, as by the reference
      assertThat(feed.getLong("ticksRejected")).isEqualTo(ref.unknownOrders.size());
      assertThat(stats.getLong("ticksRejected")).isEqualTo(ref.unknownOrders.size());
      assertThat(stats.getLong("ticksApplied")).isEqualTo(feed.getLong("trades") + feed.getLong("quotes"));
      assertThat(stats.getLong("ticksIn")).isEqualTo(stats.getLong("ticksApplied") + stats.getLong("ticksRejected"));
      ItchChecks.assertAsReference(http, ref);
      assertThat(http.get("/api/v1/book/NOPE").status()).isEqualTo(404);
      assertThat(http.get("/api/v1/book/ALC?depth=0").status()).isEqualTo(400);
    }
    Dirs.deleteTree(data);
  }
}
