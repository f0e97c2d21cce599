package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.codec.Codecs;
import io.tickmesh.model.Published;
import io.tickmesh.model.ShardOutputs;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In a cluster a shard hands its node's relay what it publishes only while another node wants the shard
 * (the relay says so on {@code tm.shard.<n>.relay}); until told, it hands everything over, so that no
 * wanted output is missed; the trades stay numbered whether or not they were handed over.
 */
@ExtendWith(VertxExtension.class)
class ShardPublisherRelayTest {
  @Test
  void outputsGoToTheRelayOnlyWhileAnotherNodeWantsThem(Vertx vertx) {
    Codecs.registerAll(vertx.eventBus());
    ShardPublisher publisher = new ShardPublisher(vertx.eventBus(), 100, true, true);
    SymbolSlot slot = new SymbolSlot(new SymbolState(Ticks.SYMBOL, Ticks.settings(0, 1_000, 10, "1s")));

    publisher.trade(slot, Ticks.trade("f", 1, "2026-12-07T10:00:00Z", "10.5", "1"));
    assertThat(pubSeqs(publisher.takeRelayed())).as("before the relay says anything").containsExactly(1L);

    publisher.relayWanted(false);
    publisher.trade(slot, Ticks.trade("f", 2, "2026-12-07T10:00:01Z", "10.6", "2"));
    assertThat(publisher.takeRelayed()).as("no other node wants the shard").isEmpty();

    publisher.relayWanted(true);
    publisher.trade(slot, Ticks.trade("f", 3, "2026-12-07T10:00:02Z", "10.7", "3"));
    assertThat(pubSeqs(publisher.takeRelayed())).as("wanted again, numbered on").containsExactly(3L);
  }

  @Test
  void aSingleNodeNeverRelays(Vertx vertx) {
    Codecs.registerAll(vertx.eventBus());
    ShardPublisher publisher = new ShardPublisher(vertx.eventBus(), 100, true, false);
    SymbolSlot slot = new SymbolSlot(new SymbolState(Ticks.SYMBOL, Ticks.settings(0, 1_000, 10, "1s")));
    publisher.relayWanted(true);
    publisher.trade(slot, Ticks.trade("f", 1, "2026-12-07T10:00:00Z", "10.5", "1"));
    assertThat(publisher.takeRelayed()).isEmpty();
  }

  private static List<Long> pubSeqs(List<ShardOutputs.Output> outputs) {
    return outputs.stream().map(o -> ((Published) o.body()).pubSeq()).toList();
  }
}
