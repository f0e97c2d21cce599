package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.Codecs;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.model.Symbols;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A shard query that goes unanswered (a stale route to a dead node: the event bus picks it in turn) is
 * asked once more within the same budget, and the next route answers.
 */
class ShardClientTest {
  @Test
  void aQueryNotAnsweredIsAskedOnceMoreAndTheNextRouteAnswers() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Codecs.registerAll(vertx.eventBus());
      String address = Addresses.shardQuery(Symbols.shardOf("X", 4));
      AtomicInteger unanswered = new AtomicInteger();
      var silent = vertx.eventBus().consumer(address, m -> unanswered.incrementAndGet()); // the dead route: never answers
      var live = vertx.eventBus().consumer(address, m -> m.reply("served"));
      var registered = silent.completion().compose(v -> live.completion()).await(5, TimeUnit.SECONDS);

      Object answer = new ShardClient(vertx.eventBus(), 4).ask("X", new ShardQuery.Owner()).await(10, TimeUnit.SECONDS);

      assertThat(answer).isEqualTo("served");
      assertThat(unanswered).as("the first request took the dead route").hasValue(1);
    } finally {
      var closed = vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
