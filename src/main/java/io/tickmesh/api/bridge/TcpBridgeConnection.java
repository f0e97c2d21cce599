package io.tickmesh.api.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP bridge client's socket: hands what it reads to a {@link TcpFrameReader}, whose frames go to
 * its {@link BridgeSession}, and writes the session's frames. A frame the reader cannot cut out is fatal:
 * the socket is no longer read, the client gets the reason, and the socket closes.
 *
 * <p>Threading: everything runs on the TCP bridge verticle's event loop.
 */
final class TcpBridgeConnection extends WriteStreamLink implements TcpFrameReader.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeConnection.class);

  private final NetSocket socket;
  private final TcpFrameReader frames;
  private BridgeSession session;

  TcpBridgeConnection(NetSocket socket, int maxFrameBytes) {
    super(socket);
    this.socket = socket;
    this.frames = new TcpFrameReader(maxFrameBytes, this);
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
    socket.handler(frames);
    socket.closeHandler(v -> session.ended());
  }

  @Override
  public void frame(Buffer json) {
    session.onFrame(json);
  }

  @Override
  public void fatal(String reason, BridgeHub.Ending why) {
    stopReading();
    session.fatal(reason, why);
  }

  /** Nothing more is read or parsed: the rest of the stream cannot be framed. */
  private void stopReading() {
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
