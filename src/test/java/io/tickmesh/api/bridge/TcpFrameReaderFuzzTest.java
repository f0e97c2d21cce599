package io.tickmesh.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tickmesh.testing.Chunks;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes what a TCP bridge client sends, read in chunks of any size: the reader cuts out the frames that
 * reading the whole stream at once gives, each of 1 to {@code bridge.maxFrameBytes} bytes, or stops at
 * the first bad length with one fatal reason and nothing after it; each frame is a client frame a session
 * can dispatch on or a refusal, never an exception.
 */
class TcpFrameReaderFuzzTest {
  @FuzzTest
  void anyClientStreamIsFramesOrOneFatalError(FuzzedDataProvider data) {
    int maxFrameBytes = data.consumeInt(1, 4096);
    int chunk = data.consumeInt(1, 512);
    byte[] stream = data.consumeRemainingAsBytes();
    Client client = new Client();
    TcpFrameReader reader = new TcpFrameReader(maxFrameBytes, client);
    Chunks.feed(stream, chunk, (b, off, len) -> reader.handle(Buffer.buffer(Arrays.copyOfRange(b, off, off + len))));
    assertThat(client.events).isEqualTo(reference(stream, maxFrameBytes));
  }

  /** The frames of the whole stream, read the obvious way, and "fatal" where a length is out of range. */
  private static List<String> reference(byte[] stream, int maxFrameBytes) {
    List<String> events = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(stream);
    while (in.remaining() >= 4) {
      int length = in.getInt();
      if (length <= 0 || length > maxFrameBytes) {
        events.add("fatal");
        break;
      }
      if (in.remaining() < length) {
        break;
      }
      byte[] frame = new byte[length];
      in.get(frame);
      events.add(Arrays.toString(frame));
    }
    return events;
  }

  /** A session's side of the reader: each frame read as a client frame, and the fatal reason checked. */
  private static final class Client implements TcpFrameReader.Sink {
    final List<String> events = new ArrayList<>();

    @Override
    public void frame(Buffer json) {
      events.add(Arrays.toString(json.getBytes()));
      ClientFrame f = ClientFrame.read(json);
      if (f.refusal() == null) {
        assertThat(f.msg()).isNotNull();
        assertThat(f.type()).isNotNull();
        var unused = BridgeAddresses.outbound(f.address()) || BridgeAddresses.inbound(f.address());
      } else {
        assertThat(f.refusal()).matches("[a-z_]+: .+");
      }
    }

    @Override
    public void fatal(String reason, BridgeHub.Ending why) {
      events.add("fatal");
      assertThat(reason).matches("(bad_frame_length|frame_too_long): .+");
    }
  }
}
