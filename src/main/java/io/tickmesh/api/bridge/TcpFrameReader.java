package io.tickmesh.api.bridge;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;

/**
 * Cuts what one TCP bridge client sends into frames: a 4-byte big-endian length, then that many bytes of
 * JSON. A length outside 1 to {@code maxFrameBytes} is fatal: reading stops at once (nothing after it can
 * be framed) and the sink is told why, once. (A reader that went on took every following 4 bytes as
 * another bad length, each answered with an error frame: one client that sent megabytes of
 * {@code 0x7fffffff} without reading filled the heap.) Holds at most one frame's bytes.
 *
 * <p>Threading: pure, fed by the TCP bridge verticle's event loop; not thread-safe.
 */
final class TcpFrameReader implements Handler<Buffer> {
  /** What the reader cuts out. */
  interface Sink {
    /** One frame's JSON bytes, 1 to {@code maxFrameBytes} of them. */
    void frame(Buffer json);

    /** The stream cannot be framed any more: why (a client reason, {@code "code: detail"}). */
    void fatal(String reason, BridgeHub.Ending why);
  }

  private final RecordParser parser = RecordParser.newFixed(4);
  private final int maxFrameBytes;
  private final Sink sink;
  private int frameLength = -1;
  private boolean stopped;

  TcpFrameReader(int maxFrameBytes, Sink sink) {
    this.maxFrameBytes = maxFrameBytes;
    this.sink = sink;
    parser.handler(this::onRecord);
  }

  /** The next bytes the client sent, as the socket read them. */
  @Override
  public void handle(Buffer chunk) {
    if (!stopped) {
      parser.handle(chunk);
    }
  }

  /** Alternates between the 4-byte length and the frame it announces. */
  private void onRecord(Buffer record) {
    if (stopped) {
      return;
    }
    if (frameLength >= 0) {
      frameLength = -1;
      parser.fixedSizeMode(4);
      sink.frame(record);
      return;
    }
    int length = record.getInt(0);
    if (length > 0 && length <= maxFrameBytes) {
      frameLength = length;
      parser.fixedSizeMode(length);
      return;
    }
    stopped = true;
    String rule = "; frames are a 4-byte big-endian length, then 1 to " + maxFrameBytes
        + " bytes of JSON (bridge.maxFrameBytes); nothing after it can be read";
    if (length <= 0) {
      sink.fatal("bad_frame_length: a frame of " + length + " bytes was announced" + rule, BridgeHub.Ending.PROTOCOL);
    } else {
      sink.fatal("frame_too_long: a frame of " + length + " bytes was announced" + rule, BridgeHub.Ending.TOO_BIG);
    }
  }
}
