package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster totals of {@code /api/v1/stats}: lines counted once where they were read (every member's
 * feeds), shards once wherever they run (this node's shard sum), and a member that does not answer shown
 * as such rather than counted as zero.
 */
@ExtendWith(VertxExtension.class)
class ClusterFiguresTest {
  private static final TickmeshConfig CONFIG = TickmeshConfig.of(Map.of("cluster.expectedSize", 3));

  @Test
  void addsEveryMembersFeedsToTheShardsCountedOnce(Vertx vertx, VertxTestContext ctx) {
    JsonObject state = new JsonObject().put("self", "node-1").put("quorum", true)
        .put("members", new JsonArray().add("node-1").add("node-2").add("node-3"))
        .put("owned", new JsonArray().add(0).add(5).add(9)).put("claims", 4).put("moves", 1).put("fenced", 0).put("stalls", 0)
        .put("recentClaims", new JsonArray()
            .add(new JsonObject().put("shard", 0).put("epoch", 3).put("ms", 1200).put("at", 1L))
            .add(new JsonObject().put("shard", 5).put("epoch", 8).put("ms", 40).put("at", 2L)));
    JsonObject nodeStats = new JsonObject().put("ticksIn", 100).put("ticksApplied", 140).put("ticksRejected", 7)
        .put("shards", new JsonObject()
            .put("0", new JsonObject().put("ticksApplied", 90).put("ticksRejected", 2))
            .put("1", new JsonObject().put("ticksApplied", 50).put("ticksRejected", 3)));
    var consumers = List.of(
        vertx.eventBus().<Object>localConsumer(Addresses.CLUSTER_OWNERSHIP_STATS, m -> m.reply(state)),
        vertx.eventBus().<Object>consumer(Addresses.nodeFeedTotals("node-1"),
            m -> m.reply(new JsonObject().put("node", "node-1").put("ticksIn", 100).put("ticksRejected", 2))),
        vertx.eventBus().<Object>consumer(Addresses.nodeFeedTotals("node-2"),
            m -> m.reply(new JsonObject().put("node", "node-2").put("ticksIn", 48).put("ticksRejected", 1))));
    Future.all(consumers.stream().map(c -> c.completion()).toList())
        .compose(v -> new ClusterFigures(vertx.eventBus(), CONFIG).of(nodeStats))
        .onComplete(ctx.succeeding(cluster -> {
          assertThat(cluster.getString("self")).isEqualTo("node-1");
          assertThat(cluster.getJsonArray("members")).hasSize(3);
          assertThat(cluster.getBoolean("quorum")).isTrue();
          assertThat(cluster.getInteger("expectedSize")).isEqualTo(3);
          assertThat(cluster.getInteger("shardsOwned")).isEqualTo(3);
          assertThat(cluster.getJsonObject("claimMs")).isEqualTo(new JsonObject().put("recent", 2).put("last", 40).put("max", 1200));
          assertThat(cluster.getLong("ticksIn")).as("node-1's and node-2's feeds").isEqualTo(148);
          assertThat(cluster.getLong("ticksApplied")).as("the shards, wherever they run").isEqualTo(140);
          assertThat(cluster.getLong("ticksRejected")).as("feed rejects of both plus the shards' rejects").isEqualTo(2 + 1 + 5);
          assertThat(cluster.getJsonObject("nodes").getJsonObject("node-2").getLong("ticksIn")).isEqualTo(48);
          assertThat(cluster.getJsonObject("nodes").containsKey("node-3")).isTrue();
          assertThat(cluster.getJsonObject("nodes").getValue("node-3")).as("node-3 did not answer").isNull();
          assertThat(cluster.getBoolean("complete")).isFalse();
          ctx.completeNow();
        }));
  }
}
