package io.tickmesh.api.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP bridge client's socket: cuts what it reads into frames (a 4-byte big-endian length, then that
 * many bytes of JSON) for its {@link BridgeSession}, and writes the session's frames. A length outside
 * 1 to {@code bridge.maxFrameBytes} is fatal: parsing stops at once (nothing after it is read, since it
 * cannot be framed), the client gets the reason, and the socket closes. (A parser that went on reading
 * took every following 4 bytes as another bad length, each answered with an error frame: one client
 * that sent megabytes of {@code 0x7fffffff} without reading filled the heap.)
 *
 * <p>Threading: everything runs on the TCP bridge verticle's event loop.
 */
final class TcpBridgeConnection extends WriteStreamLink {
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeConnection.class);

  private final NetSocket socket;
  private final int maxFrameBytes;
  private final RecordParser parser = RecordParser.newFixed(4);
  private BridgeSession session;
  private int frameLength = -1;
  private boolean stopped;

  TcpBridgeConnection(NetSocket socket, int maxFrameBytes) {
    super(socket);
    this.socket = socket;
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Joins {@code hub}: admitted, the socket is read; refused, it is told why and closed. */
  void start(BridgeHub hub) {
    socket.exceptionHandler(e -> LOG.atDebug().addKeyValue("client", describe()).log("bridge connection failed: {}", e.toString()));
    session = hub.admit(this);
    if (session == null) {
      stopReading();
      return;
    }
    socket.setWriteQueueMaxSize(ClientOutbox.TRANSPORT_QUEUE_BYTES);
    parser.handler(this::onRecord);
    socket.handler(parser);
    socket.closeHandler(v -> session.ended());
  }

  /** Alternates between the 4-byte length and the frame it announces. */
  private void onRecord(Buffer record) {
    if (stopped) {
      return;
    }
    if (frameLength < 0) {
      int length = record.getInt(0);
      if (length <= 0 || length > maxFrameBytes) {
        stopReading();
        String rule = "; frames are a 4-byte big-endian length, then 1 to " + maxFrameBytes
            + " bytes of JSON (bridge.maxFrameBytes); nothing after it can be read";
        if (length <= 0) {
          session.fatal("bad_frame_length: a frame of " + length + " bytes was announced" + rule, BridgeHub.Ending.PROTOCOL);
        } else {
          session.fatal("frame_too_long: a frame of " + length + " bytes was announced" + rule, BridgeHub.Ending.TOO_BIG);
        }
        return;
      }
      frameLength = length;
      parser.fixedSizeMode(length);
    } else {
      frameLength = -1;
      parser.fixedSizeMode(4);
      session.onFrame(record);
    }
  }

  /** Nothing more is read or parsed: the rest of the stream cannot be framed. */
  private void stopReading() {
    stopped = true;
    socket.handler(null);
    socket.pause();
  }

  @Override
  public void close(int code, String reason) {
    socket.close().onFailure(e -> LOG.atDebug().addKeyValue("client", describe()).log("close failed: {}", e.toString()));
  }

  @Override
  public String describe() {
    return "tcp-bridge " + socket.remoteAddress();
  }
}
