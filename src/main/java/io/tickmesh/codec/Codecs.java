package io.tickmesh.codec;

import io.tickmesh.model.Bar;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.ForgetSource;
import io.tickmesh.model.Instruments;
import io.tickmesh.model.ListedInstruments;
import io.tickmesh.model.Published;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.Quote;
import io.tickmesh.model.ShardFenced;
import io.tickmesh.model.TradeTick;
import io.tickmesh.model.WriteGate;
import io.vertx.core.eventbus.EventBus;

/**
 * Registers the codec of every message, once per Vert.x instance, before any verticle starts: internal
 * records pass as themselves; published bars, trades and quotes become contract JSON for their consumers.
 */
public final class Codecs {
  private Codecs() {}

  /**
   * Registers default codecs for the internal message records: wire codecs for those that cross nodes
   * (see {@link WireCodecs}), local ones for those that stay on a node.
   */
  public static void registerAll(EventBus bus) {
    WireCodecs.registerAll(bus);
    register(bus, StoreBatch.class);
    register(bus, Checkpoint.class);
    register(bus, FeedPositions.class);
    register(bus, ForgetSource.class);
    register(bus, ShardFenced.class);
    register(bus, WriteGate.class);
    register(bus, Instruments.class);
    register(bus, ListedInstruments.class);
    bus.registerDefaultCodec(Bar.class, new JsonViewCodec<>(Bar.class, JsonViews::bar));
    bus.registerDefaultCodec(TradeTick.class, new JsonViewCodec<>(TradeTick.class, JsonViews::trade));
    bus.registerDefaultCodec(Quote.class, new JsonViewCodec<>(Quote.class, JsonViews::quote));
    bus.registerDefaultCodec(Published.class, new JsonViewCodec<>(Published.class, JsonViews::published));
  }

  /** Registers a local-only codec for {@code type}, a record that never leaves its node. */
  public static <T> void registerLocal(EventBus bus, Class<T> type) {
    register(bus, type);
  }

  private static <T> void register(EventBus bus, Class<T> type) {
    bus.registerDefaultCodec(type, new LocalCodec<>(type));
  }
}
