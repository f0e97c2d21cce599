package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.codec.Codecs;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Tick;
import io.tickmesh.model.Timestamps;
import io.tickmesh.shard.ShardStart;
import io.tickmesh.shard.ShardVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The memory feed routes every tick through real shard verticles and completes once each was answered:
 * all applied, none refused, also when it had to pause because the shards held {@code feed.maxPendingTicks}.
 */
@ExtendWith(VertxExtension.class)
public class MemoryFeedVerticleTest {
  public static final TickmeshConfig CONFIG = TickmeshConfig.of(Map.of("store.enabled", false, "sim.enabled", false,
      "shards.count", 4, "feed.batchSize", 16, "feed.maxPendingTicks", 64));

  /** {@code n} ticks of a seeded walk over {@code symbols} symbols, a millisecond apart on a past day. */
  public static List<Tick> ticks(int n, int symbols, String feed) {
    RandomWalk walk = new RandomWalk(symbols, 7, feed, 30);
    long start = Timestamps.parse("2026-11-23T14:30:00Z");
    List<Tick> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(walk.next(start + i * 1_000_000L));
    }
    return out;
  }

  /** Deploys the four shards of {@link #CONFIG} on {@code vertx}, store off. */
  public static Future<?> deployShards(Vertx vertx) {
    Codecs.registerAll(vertx.eventBus());
    List<Future<String>> shards = new ArrayList<>();
    for (int n = 0; n < 4; n++) {
      shards.add(vertx.deployVerticle(new ShardVerticle(n, CONFIG, ShardStart.withoutStore("test"))));
    }
    return Future.all(shards);
  }

  @Test
  void everyTickIsAppliedOnceThroughTheShards(Vertx vertx) throws Exception {
    List<Tick> input = ticks(5_000, 20, "mem");
    MemoryFeedVerticle feed = new MemoryFeedVerticle(CONFIG, "mem-source", input, 100);
    MemoryFeedVerticle.Outcome outcome = deployShards(vertx)
        .compose(v -> vertx.deployVerticle(feed))
        .compose(id -> feed.done())
        .await(30, TimeUnit.SECONDS);
    assertThat(outcome.applied()).isEqualTo(5_000);
    assertThat(outcome.rejected()).isZero();
    assertThat(outcome.nanos()).isPositive();
  }
}
