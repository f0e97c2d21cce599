package io.tickmesh.api.bridge;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A browser client on one of SockJS's HTTP transports (xhr-streaming, xhr-polling, eventsource, htmlfile,
 * jsonp), through vertx-web's session: each SockJS message is one bridge frame. A message longer than
 * {@code bridge.maxFrameBytes} ends the session with the reason. The session's own queue counts as the
 * transport's write queue, so a client that stops polling holds at most that much in vertx-web, the rest
 * in its bounded outbox, until the session times out.
 *
 * <p>Threading: vertx-web calls the socket's handlers on the HTTP server's context, the bridge's.
 */
final class SockJsSessionLink extends WriteStreamLink {
  private static final Logger LOG = LoggerFactory.getLogger(SockJsSessionLink.class);

  private final SockJSSocket socket;
  private final int maxFrameBytes;

  SockJsSessionLink(SockJSSocket socket, int maxFrameBytes) {
    super(socket);
    this.socket = socket;
    this.maxFrameBytes = maxFrameBytes;
  }

  void start(BridgeHub hub) {
    socket.exceptionHandler(e -> LOG.atDebug().addKeyValue("client", describe()).log("SockJS session failed: {}", e.toString()));
    BridgeSession session = hub.admit(this);
    if (session == null) {
      return;
    }
    socket.handler(frame -> onMessage(session, frame));
    socket.closeHandler(v -> session.ended());
  }

  private void onMessage(BridgeSession session, Buffer frame) {
    if (frame.length() > maxFrameBytes) {
      session.fatal("frame_too_long: a frame of " + frame.length() + " bytes; at most " + maxFrameBytes
          + " (bridge.maxFrameBytes)", BridgeHub.Ending.TOO_BIG);
    } else {
      session.onFrame(frame);
    }
  }

  /** Each frame is a SockJS message of its own (vertx-web wraps and batches them for the transport). */
  @Override
  public Future<Void> write(List<Delivery> frames) {
    return writeEach(frames);
  }

  @Override
  public void close(int code, String reason) {
    socket.close(code, reason.length() > 120 ? reason.substring(0, 120) : reason);
  }

  @Override
  public String describe() {
    return "sockjs " + socket.remoteAddress();
  }
}
