package io.tickmesh.feed.itch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickmesh.testing.Chunks;

/**
 * Fuzzes a SoupBinTCP stream from a server, read in chunks of any size: the framer cuts it into packets
 * of at most {@link SoupFramer#MAX_PACKET} bytes or says once that it is broken, and then nothing more;
 * the fields of a login accepted read as a session and a number or -1; sequenced data goes into the
 * books as an ITCH source hands it over (see {@link BooksUnderFuzz}). Nothing throws.
 */
class SoupFramerFuzzTest {
  @FuzzTest
  void anyServerStreamIsPacketsOrABreak(FuzzedDataProvider data) {
    int chunk = data.consumeInt(1, 4096);
    byte[] stream = data.consumeRemainingAsBytes();
    Session session = new Session();
    SoupFramer framer = new SoupFramer();
    Chunks.feed(stream, chunk, (b, off, len) -> framer.feed(b, off, len, session));
  }

  /** What a client session does with the packets, minus the socket. */
  private static final class Session implements SoupFramer.Sink {
    private final BooksUnderFuzz books = new BooksUnderFuzz();
    private boolean broken;

    @Override
    public void packet(byte type, byte[] b, int off, int len) {
      assertThat(broken).as("a packet after the stream broke").isFalse();
      assertThat(len).isBetween(0, SoupFramer.MAX_PACKET - 1);
      if (type == SoupPackets.LOGIN_ACCEPTED && len == SoupPackets.LOGIN_ACCEPTED_LENGTH) {
        assertThat(SoupPackets.alpha(b, off, 10).length()).isLessThanOrEqualTo(10);
        assertThat(SoupPackets.numeric(b, off + 10, 20)).isGreaterThanOrEqualTo(-1);
      } else if (type == SoupPackets.SEQUENCED_DATA) {
        long seq = books.lastSeq() + 1;
        int expected = len > 0 ? ItchLayout.length(b[off]) : 0;
        if (expected == 0 || expected != len) {
          books.broken(seq, "not an ITCH message", b, off, len);
        } else {
          books.message(seq, b, off, len);
        }
      }
    }

    @Override
    public void broken(String reason) {
      assertThat(broken).as("broken twice").isFalse();
      assertThat(reason).isNotBlank();
      broken = true;
    }
  }
}
