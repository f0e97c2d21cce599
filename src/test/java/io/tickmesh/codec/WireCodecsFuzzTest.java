package io.tickmesh.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Fuzzes what another node may send: any bytes handed to the wire codec of any record that crosses nodes
 * are that record or an {@link IllegalArgumentException}, never another exception; and a record read
 * back is written and read again as the same record. The last bytes of an input choose the codec and
 * where in Vert.x's message buffer the body starts.
 */
class WireCodecsFuzzTest {
  private static final List<WireCodec<?>> CODECS = WireCodecs.all();

  @FuzzTest
  void anyBodyIsARecordOrRefused(FuzzedDataProvider data) {
    WireCodec<?> codec = CODECS.get(data.consumeInt(0, CODECS.size() - 1));
    int pos = data.consumeInt(0, 8);
    Buffer buffer = Buffer.buffer(new byte[pos]).appendBytes(data.consumeRemainingAsBytes());
    Object value;
    try {
      value = codec.decodeFromWire(pos, buffer);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(writtenAndRead(codec, value)).isEqualTo(value);
  }

  private static <T> T writtenAndRead(WireCodec<T> codec, Object value) {
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, codec.type().cast(value));
    return codec.decodeFromWire(0, wire);
  }
}
