package io.tickmesh.codec;

import io.tickmesh.model.BatchAck;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.model.TickBatch;
import io.vertx.core.eventbus.EventBus;

/** Registers the codec of every internal message, once per Vert.x instance, before any verticle starts. */
public final class Codecs {
  private Codecs() {}

  /** Registers default codecs for the internal message records. */
  public static void registerAll(EventBus bus) {
    register(bus, TickBatch.class);
    register(bus, BatchAck.class);
    register(bus, ShardQuery.QuoteOf.class);
    register(bus, ShardQuery.BarsOf.class);
    register(bus, ShardQuery.Symbols.class);
    register(bus, ShardQuery.Stats.class);
  }

  private static <T> void register(EventBus bus, Class<T> type) {
    bus.registerDefaultCodec(type, new LocalCodec<>(type));
  }
}
