package io.tickmesh.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes an immutable record to a consumer in the same JVM as the object itself: no copy, no encoding.
 * Records are immutable, so sharing them between event loops is safe. Crossing nodes is refused loudly
 * until a message has a compact wire form of its own (never Java serialization).
 */
final class LocalCodec<T> implements MessageCodec<T, T> {
  private final String name;

  LocalCodec(Class<T> type) {
    this.name = "tm-local-" + type.getName();
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    throw new IllegalStateException(name + " is local only: it must not cross nodes");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException(name + " is local only: it must not cross nodes");
  }

  @Override
  public T transform(T value) {
    return value;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
