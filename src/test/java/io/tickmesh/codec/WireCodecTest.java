package io.tickmesh.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickmesh.model.ShardClaimed;
import io.tickmesh.model.ShardHandOff;
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

  /** A shard's state handed to its next owner crosses whole, and a hand-off to the wrong epoch is refused. */
  @Test
  void aHandOffCarriesTheShardsStateWhole() {
    @SuppressWarnings("unchecked")
    WireCodec<ShardHandOff> codec = (WireCodec<ShardHandOff>) WireCodecs.all().stream()
        .filter(c -> c.type() == ShardHandOff.class).findFirst().orElseThrow();
    byte[] state = new byte[300_000];
    java.util.Arrays.fill(state, (byte) 7);
    ShardHandOff sent = new ShardHandOff(3, 5, "node-a", "node-b", 6, 42, state, 1_795_000_000_000_000_000L);
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, sent);
    assertThat(codec.decodeFromWire(0, wire)).isEqualTo(sent).isNotSameAs(sent);

    Buffer skipped = Buffer.buffer();
    codec.encodeToWire(skipped, sent);
    var unused = skipped.setLong(4 + 4 + 8 + 4 + 6 + 4 + 6, 7); // toEpoch two past the owner's
    assertThatThrownBy(() -> codec.decodeFromWire(0, skipped)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad hand-off of shard 3");
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
