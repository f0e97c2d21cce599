package io.tickmesh.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Publishes a record whose consumers receive the contract's JSON. Vert.x calls {@link #transform} only
 * when it delivers the message to a consumer, so a bar or trade nobody subscribes to never becomes JSON:
 * the output contract holds for every subscriber, and the shard pays for JSON only when someone reads
 * it. Across nodes the JSON text is the wire form.
 */
final class JsonViewCodec<T> implements MessageCodec<T, JsonObject> {
  private final String name;
  private final Function<T, JsonObject> view;

  JsonViewCodec(Class<T> type, Function<T, JsonObject> view) {
    this.name = "tm-json-" + type.getName();
    this.view = view;
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    Buffer json = view.apply(value).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
  }

  @Override
  public JsonObject transform(T value) {
    return view.apply(value);
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
