package io.tickmesh.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The codec of a record that may cross nodes: between nodes it travels in {@link Wire}'s binary form,
 * length-prefixed, and is checked as it is read back; on one node the record itself is delivered (no copy).
 * Every node registers the same codecs under the same names before it joins the cluster.
 */
final class WireCodec<T> implements MessageCodec<T, T> {
  private final Class<T> type;
  private final String name;
  private final BiConsumer<Wire.Out, T> writer;
  private final Function<Wire.In, T> reader;

  WireCodec(Class<T> type, BiConsumer<Wire.Out, T> writer, Function<Wire.In, T> reader) {
    this.type = type;
    this.name = "tm-wire-v1-" + type.getName();
    this.writer = writer;
    this.reader = reader;
  }

  /** The record this codec carries. */
  Class<T> type() {
    return type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    int at = buffer.length();
    buffer.appendInt(0);
    writer.accept(new Wire.Out(buffer), value);
    buffer.setInt(at, buffer.length() - at - 4);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    if (pos < 0 || buffer.length() - pos < 4) {
      throw new IllegalArgumentException("message cut short: no 4-byte length at " + pos + " of " + buffer.length() + " bytes");
    }
    int length = buffer.getInt(pos);
    Wire.In in = new Wire.In(buffer, pos + 4, pos + 4 + length);
    T value = reader.apply(in);
    in.end();
    return value;
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
