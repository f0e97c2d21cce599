package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.model.Instruments;
import io.tickmesh.model.Tick;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;

/**
 * A feed verticle's copy of the instrument master ({@code feed.requireKnownInstrument}): the latest
 * {@link Instruments} snapshot the node's master published, so a tick is checked where it arrives without
 * a lookup that could wait. Off, it passes every tick and listens to nothing.
 *
 * <p>Threading: one per feed verticle, used on its event loop (the snapshot arrives there too).
 */
final class InstrumentGate {
  private Instruments current = Instruments.ANY;

  /**
   * Starts following the master if {@code required}; completes once the first snapshot is here. Each new
   * snapshot is answered once it is taken, and the master answers a change (a PUT) only after every gate
   * did: a tick sent after the answer is checked against the change.
   */
  Future<Void> follow(Vertx vertx, boolean required) {
    if (!required) {
      return Future.succeededFuture();
    }
    String address = Addresses.INSTRUMENTS_CHANGED + UUID.randomUUID();
    var changes = vertx.eventBus().<Instruments>localConsumer(address, m -> {
      current = m.body();
      m.reply(null);
    });
    return changes.completion()
        .compose(v -> vertx.eventBus().<Instruments>request(Addresses.INSTRUMENTS_FOLLOW, address))
        .map(m -> {
          current = m.body();
          return null;
        });
  }

  /** Whether ticks are checked at all: a feed may then skip what it would prepare for {@link #check}. */
  boolean required() {
    return current.required();
  }

  /** Why {@code tick} is refused, or null if it passes; {@code listedHere}: the feed's own directory lists its symbol. */
  String check(Tick tick, boolean listedHere) {
    return current.check(tick, listedHere);
  }
}
