package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.MemoryFeedVerticle;
import io.tickmesh.feed.MemoryFeedVerticleTest;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trades of a symbol nobody follows are not published, but still numbered: a subscriber that comes later
 * gets every trade from then on, numbered on from those that reached no one, as if they had been sent.
 */
@ExtendWith(VertxExtension.class)
class LateSubscriberTest {
  private static final String SYM = "AAPL";

  @Test
  void aLaterSubscriberGetsEveryLaterTradeNumberedOn(Vertx vertx) throws Exception {
    List<Tick> all = MemoryFeedVerticleTest.ticks(4_000, 10, "mem");
    List<Tick> before = all.subList(0, 2_000);
    List<Tick> after = all.subList(2_000, 4_000);
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    MemoryFeedVerticle first = new MemoryFeedVerticle(MemoryFeedVerticleTest.CONFIG, "first", before, 100);
    MemoryFeedVerticle second = new MemoryFeedVerticle(MemoryFeedVerticleTest.CONFIG, "second", after, 100);
    var unused = MemoryFeedVerticleTest.deployShards(vertx)
        .compose(v -> vertx.deployVerticle(first))
        .compose(id -> first.done())
        .compose(done -> vertx.eventBus().<JsonObject>localConsumer("trades." + SYM, m -> received.add(m.body())).completion())
        .compose(v -> vertx.deployVerticle(second))
        .compose(id -> second.done())
        .await(30, TimeUnit.SECONDS);
    List<TradeTick> expected = trades(after);
    assertThat(expected).isNotEmpty();
    // the feed is done once the shards answered; their publications reach this consumer on its own
    // context, a little later
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.size() < expected.size() && System.nanoTime() < deadline) {
      Thread.sleep(10); // polled, not spun: a spinning test thread takes a core from the event loops
    }
    assertThat(received).hasSize(expected.size());
    long numberedBefore = trades(before).size();
    for (int i = 0; i < expected.size(); i++) {
      assertThat(received.get(i).getLong("seq")).isEqualTo(expected.get(i).seq());
      assertThat(received.get(i).getLong("pubSeq")).isEqualTo(numberedBefore + i + 1);
    }
  }

  private static List<TradeTick> trades(List<Tick> ticks) {
    return ticks.stream().filter(t -> t instanceof TradeTick && t.symbol().equals(SYM)).map(t -> (TradeTick) t).toList();
  }
}
