package io.tickmesh.api.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A browser client on WebSocket: SockJS's WebSocket transport ({@code /eventbus/<server>/<session>/websocket},
 * SockJS framing, see {@link SockJsFrames}) or the raw one ({@code /eventbus/websocket}, one bridge frame
 * per text message). Served here rather than by vertx-web, whose WebSocket transport, when a message
 * passed the server's limit, ended the session but left the WebSocket open without a close frame: the
 * browser never learnt it was gone. Here a message over {@code bridge.maxFrameBytes} closes the
 * WebSocket with code 1009 and the reason, and every other end carries its code and reason too.
 *
 * <p>Threading: the WebSocket's handlers run on the HTTP server's context, the bridge's.
 */
final class SockJsWebSocketLink implements ClientLink {
  private static final Logger LOG = LoggerFactory.getLogger(SockJsWebSocketLink.class);
  /** SockJS's heartbeat: keeps proxies from closing a quiet WebSocket. */
  private static final long HEARTBEAT_MS = 25_000;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final boolean sockJsFraming;
  private final int maxFrameBytes;
  private long heartbeat = -1;
  private boolean closed;

  SockJsWebSocketLink(Vertx vertx, ServerWebSocket ws, boolean sockJsFraming, int maxFrameBytes) {
    this.vertx = vertx;
    this.ws = ws;
    this.sockJsFraming = sockJsFraming;
    this.maxFrameBytes = maxFrameBytes;
  }

  void start(BridgeHub hub) {
    ws.exceptionHandler(e -> LOG.atDebug().addKeyValue("client", describe()).log("WebSocket failed: {}", e.toString()));
    if (sockJsFraming) {
      send(SockJsFrames.OPEN).onFailure(this::notWritten);
      heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> send(SockJsFrames.HEARTBEAT).onFailure(this::notWritten));
    }
    ws.closeHandler(v -> ended(null));
    BridgeSession session = hub.admit(this);
    if (session == null) {
      return;
    }
    ws.closeHandler(v -> ended(session));
    // A message over the server's limit never reaches the handler: the WebSocket reports it instead.
    ws.exceptionHandler(e -> {
      if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("max message size")) {
        tooLong(session, -1);
      } else {
        LOG.atDebug().addKeyValue("client", describe()).log("WebSocket failed: {}", e.toString());
      }
    });
    ws.setWriteQueueMaxSize(ClientOutbox.TRANSPORT_QUEUE_BYTES);
    ws.textMessageHandler(text -> onText(session, text));
    ws.binaryMessageHandler(b -> {
      if (sockJsFraming) {
        session.fatal("invalid_framing: SockJS sends text messages only", BridgeHub.Ending.PROTOCOL);
      } else if (b.length() > maxFrameBytes) {
        tooLong(session, b.length());
      } else {
        session.onFrame(b);
      }
    });
  }

  private void onText(BridgeSession session, String text) {
    List<String> frames = sockJsFraming ? SockJsFrames.messages(text) : List.of(text);
    if (frames == null) {
      session.fatal("invalid_framing: a SockJS WebSocket message is a JSON array of strings", BridgeHub.Ending.PROTOCOL);
      return;
    }
    for (String frame : frames) {
      byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > maxFrameBytes) {
        tooLong(session, bytes.length);
        return;
      }
      session.onFrame(Buffer.buffer(bytes));
    }
  }

  private void tooLong(BridgeSession session, int length) {
    session.fatal("frame_too_long: a frame of " + (length < 0 ? "more than " + maxFrameBytes : length)
        + " bytes; at most " + maxFrameBytes + " (bridge.maxFrameBytes)", BridgeHub.Ending.TOO_BIG);
  }

  private void ended(BridgeSession session) {
    closed = true;
    if (heartbeat >= 0) {
      var unused = vertx.cancelTimer(heartbeat);
    }
    if (session != null) {
      session.ended();
    }
  }

  private void notWritten(Throwable e) {
    LOG.atDebug().addKeyValue("client", describe()).log("WebSocket write failed: {}", e.toString());
  }

  private Future<Void> send(String text) {
    return ws.writeTextMessage(text);
  }

  /** SockJS framing carries a batch in one message, {@code a["…","…"]}; raw WebSocket takes a message each. */
  @Override
  public Future<Void> write(List<Delivery> frames) {
    if (closed) {
      return Future.failedFuture("closed");
    }
    if (sockJsFraming) {
      return send(SockJsFrames.array(frames));
    }
    Future<Void> last = Future.succeededFuture();
    for (Delivery d : frames) {
      last = send(d.text());
    }
    return last;
  }

  @Override
  public boolean writeQueueFull() {
    return ws.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable then) {
    ws.drainHandler(v -> {
      ws.drainHandler(null);
      then.run();
    });
  }

  @Override
  public void close(int code, String reason) {
    if (closed) {
      return;
    }
    String shortReason = reason.length() > 120 ? reason.substring(0, 120) : reason; // a close frame holds 123 bytes
    Future<Void> sent = sockJsFraming ? send(SockJsFrames.close(code, shortReason)) : Future.succeededFuture();
    sent.eventually(() -> ws.close((short) code, shortReason))
        .onFailure(e -> LOG.atDebug().addKeyValue("client", describe()).log("close failed: {}", e.toString()));
  }

  @Override
  public String describe() {
    return "websocket " + ws.remoteAddress();
  }
}
