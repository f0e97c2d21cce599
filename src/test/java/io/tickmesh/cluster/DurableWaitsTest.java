package io.tickmesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hand-over's wait for its last checkpoint: it ends once that checkpoint or a later one is durable, goes
 * on through notices of earlier ones, and fails after its time without news.
 */
@ExtendWith(VertxExtension.class)
class DurableWaitsTest {
  @Test
  void endsOnceTheCheckpointIsDurable(Vertx vertx, VertxTestContext test) {
    DurableWaits waits = new DurableWaits();
    vertx.runOnContext(v -> {
      waits.durable(3, 9);
      assertThat(waits.upTo(3, 9, 5_000).succeeded()).as("durable already").isTrue();
      Future<Void> waiting = waits.upTo(3, 12, 5_000);
      Future<Void> otherShard = waits.upTo(4, 1, 5_000);
      waits.durable(3, 11);
      boolean earlyEnd = waiting.isComplete();
      waits.durable(3, 13);
      waiting.onComplete(test.succeeding(done -> {
        var unused = test.verify(() -> {
          assertThat(earlyEnd).as("ended by an earlier checkpoint").isFalse();
          assertThat(otherShard.isComplete()).isFalse();
          test.completeNow();
        });
      }));
    });
  }

  @Test
  void failsWithoutNews(Vertx vertx, VertxTestContext test) {
    DurableWaits waits = new DurableWaits();
    vertx.runOnContext(v -> waits.upTo(3, 12, 100).onComplete(test.failingThenComplete()));
  }
}
