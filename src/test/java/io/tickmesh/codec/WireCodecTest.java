package io.tickmesh.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.model.ShardClaimed;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** What another node sends is read back as the record it wrote, and anything else is refused as such. */
class WireCodecTest {
  @SuppressWarnings("unchecked")
  private static final WireCodec<ShardClaimed> CLAIMED = (WireCodec<ShardClaimed>) WireCodecs.all().stream()
      .filter(c -> c.type() == ShardClaimed.class).findFirst().orElseThrow();

  @Test
  void aRecordIsReadBackFromAnyPositionOfItsBuffer() {
    Buffer wire = Buffer.buffer("vertx-headers");
    CLAIMED.encodeToWire(wire, new ShardClaimed(5, 4, "node-b"));
    assertThat(CLAIMED.decodeFromWire(13, wire)).isEqualTo(new ShardClaimed(5, 4, "node-b"));
  }

  /** Found by WireCodecsFuzzTest: fewer than 4 bytes threw IndexOutOfBoundsException. */
  @Test
  void aBodyWithoutItsLengthIsRefusedAsCutShort() {
    for (String body : new String[] {"", "\0", "\0\0\0"}) {
      Buffer wire = Buffer.buffer("xy" + body);
      assertThatThrownBy(() -> CLAIMED.decodeFromWire(2, wire))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("message cut short: no 4-byte length at 2 of " + wire.length() + " bytes");
    }
  }

  @Test
  void aLengthPastTheBufferIsRefused() {
    Buffer wire = Buffer.buffer().appendInt(1000).appendInt(5);
    assertThatThrownBy(() -> CLAIMED.decodeFromWire(0, wire))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("message body out of its buffer");
  }
}
