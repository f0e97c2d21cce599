package io.tickmesh.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An address counts as listened to from its first consumer's registration until its last one is gone. */
@ExtendWith(VertxExtension.class)
class LocalConsumersTest {
  @Test
  void seesConsumersComeAndGo(Vertx vertx) throws Exception {
    LocalConsumers consumers = LocalConsumers.of(vertx.eventBus());
    AddressProbe trades = Addresses.tradesProbe();
    assertThat(consumers.any(trades.of("AAPL"))).isFalse();
    MessageConsumer<Object> first = vertx.eventBus().localConsumer("trades.AAPL", m -> { });
    MessageConsumer<Object> second = vertx.eventBus().consumer("trades.AAPL", m -> { });
    assertThat(consumers.any(trades.of("AAPL"))).isTrue();
    assertThat(consumers.any(trades.of("MSFT"))).isFalse();
    assertThat(consumers.any(Addresses.quotesProbe().of("AAPL"))).isFalse();
    first.unregister().await(5, TimeUnit.SECONDS);
    assertThat(consumers.any(trades.of("AAPL"))).as("one consumer left").isTrue();
    second.unregister().await(5, TimeUnit.SECONDS);
    assertThat(consumers.any(trades.of("AAPL"))).isFalse();
  }
}
