package io.tickmesh.feed.itch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SoupBinTCP 4.0 packets as the specification lays them out, and their framing from any chunking. */
class SoupPacketsTest {
  @Test
  void aLoginRequestIsLaidOutAsTheSpecificationSays() {
    byte[] p = SoupPackets.loginRequest("ab", "secret", "", 42);
    assertThat(p).hasSize(2 + 1 + 46);
    assertThat(new String(p, 2, p.length - 2, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("L" + "ab    " + "secret    " + " ".repeat(10) + " ".repeat(18) + "42");
    assertThat(SoupPackets.numeric(p, 29, 20)).isEqualTo(42);
    assertThat(SoupPackets.alpha(p, 3, 6)).isEqualTo("ab");
  }

  @Test
  void numericFieldsRefuseWhatIsNotSpacesThenDigits() {
    assertThat(SoupPackets.numeric("   7".getBytes(), 0, 4)).isEqualTo(7);
    assertThat(SoupPackets.numeric("    ".getBytes(), 0, 4)).isEqualTo(-1);
    assertThat(SoupPackets.numeric(" 7 1".getBytes(), 0, 4)).isEqualTo(-1);
    assertThat(SoupPackets.numeric("-1".getBytes(), 0, 2)).isEqualTo(-1);
  }

  @Test
  void packetsAreFramedWhateverTheChunksAndABadLengthBreaksTheStream() {
    byte[] accepted = SoupPackets.loginAccepted("SESSION", 1);
    byte[] data = SoupPackets.sequenced(new byte[] {'D', 1, 2}, 0, 3);
    byte[] beat = SoupPackets.bare(SoupPackets.SERVER_HEARTBEAT);
    byte[] all = new byte[accepted.length + data.length + beat.length];
    System.arraycopy(accepted, 0, all, 0, accepted.length);
    System.arraycopy(data, 0, all, accepted.length, data.length);
    System.arraycopy(beat, 0, all, accepted.length + data.length, beat.length);
    List<String> seen = new ArrayList<>();
    SoupFramer framer = new SoupFramer();
    SoupFramer.Sink sink = new SoupFramer.Sink() {
      @Override
      public void packet(byte type, byte[] b, int off, int len) {
        seen.add((char) type + ":" + len + (type == 'A' ? ":" + SoupPackets.numeric(b, off + 10, 20) : ""));
      }

      @Override
      public void broken(String reason) {
        seen.add("broken " + reason);
      }
    };
    for (byte b : all) {
      framer.feed(new byte[] {b}, 0, 1, sink);
    }
    framer.feed(new byte[] {0, 0, 'X'}, 0, 3, sink);
    framer.feed(data, 0, data.length, sink);
    assertThat(seen).containsExactly("A:30:1", "S:3", "H:0", "broken a SoupBinTCP packet of length 0 (1 to 1024)");
  }
}
