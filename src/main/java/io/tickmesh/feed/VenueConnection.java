package io.tickmesh.feed;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.config.VenueFeed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket of one venue feed, kept open: connect, send the subscriptions, hand each text message on;
 * ping every {@code venues.pingMs} and take a venue silent for {@code venues.idleTimeoutMs} as lost; after
 * a close, a failed connect or a lost venue, connect again after {@code venues.reconnectMinMs}, doubling
 * at each failed try up to {@code venues.reconnectMaxMs} (back to the minimum once a connection has
 * delivered a message). Messages longer than {@code venues.maxMessageBytes} are refused by the client
 * itself, which closes the connection; the listener hears why.
 *
 * <p>Threading: owned by its venue feed verticle; handlers and timers run on its event loop.
 */
final class VenueConnection {
  /** What the feed learns from its connection. */
  interface Listener {
    /** One text message from the venue. */
    void message(String text);

    /** A binary message (no venue here sends one): refused. */
    void binary(int bytes);

    /** The connection failed for {@code why} (a too-long message, a protocol error), before it closes. */
    void failed(Throwable why);

    /** The connection is gone (or a connect failed); the next try comes after {@code retryMs}. */
    void lost(String why, long retryMs);

    /** A connection is open and subscribed. */
    void connected();
  }

  /** Where the connection stands. */
  enum State { CONNECTING, OPEN, WAITING, STOPPED }

  private static final Logger LOG = LoggerFactory.getLogger(VenueConnection.class);

  private final Vertx vertx;
  private final VenueFeed feed;
  private final TickmeshConfig.Venues settings;
  /** The subscribe messages, made afresh at each connect. */
  private final Supplier<List<String>> subscriptions;
  private final Listener listener;
  private final WebSocketClient client;
  private State state = State.WAITING;
  private WebSocket socket;
  private long failedTries;
  private long lastHeardNanos;
  private boolean paused;
  private long pingTimer = -1;
  private long connects;

  VenueConnection(Vertx vertx, VenueFeed feed, TickmeshConfig.Venues settings, Supplier<List<String>> subscriptions, Listener listener) {
    this.vertx = vertx;
    this.feed = feed;
    this.settings = settings;
    this.subscriptions = subscriptions;
    this.listener = listener;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(settings.maxMessageBytes())
        .setMaxMessageSize(settings.maxMessageBytes())
        .setConnectTimeout((int) Math.min(settings.idleTimeoutMs(), 30_000)));
  }

  /** Connects, and keeps connecting until {@link #close}. */
  void start() {
    pingTimer = vertx.setPeriodic(settings.pingMs(), id -> ping());
    connect();
  }

  State state() {
    return state;
  }

  /** Connections opened since start. */
  long connects() {
    return connects;
  }

  private void connect() {
    if (state == State.STOPPED) {
      return;
    }
    state = State.CONNECTING;
    client.connect(new WebSocketConnectOptions().setAbsoluteURI(feed.url()))
        .onSuccess(this::opened)
        .onFailure(e -> retry("connect to " + feed.url() + " failed: " + e.getMessage()));
  }

  private void opened(WebSocket ws) {
    if (state == State.STOPPED) {
      var unused = ws.close();
      return;
    }
    socket = ws;
    state = State.OPEN;
    connects++;
    lastHeardNanos = System.nanoTime();
    ws.textMessageHandler(text -> {
      heard();
      listener.message(text);
    });
    ws.binaryMessageHandler(b -> {
      heard();
      listener.binary(b.length());
    });
    ws.pongHandler(b -> heard());
    ws.exceptionHandler(listener::failed);
    ws.closeHandler(v -> {
      if (socket == ws) {
        socket = null;
        retry("closed by the venue (" + ws.closeStatusCode() + (ws.closeReason() == null ? "" : " " + ws.closeReason()) + ")");
      }
    });
    if (paused) {
      ws.pause();
    }
    Future<Void> sent = Future.succeededFuture();
    for (String s : subscriptions.get()) {
      sent = sent.compose(v -> ws.writeTextMessage(s));
    }
    sent.onSuccess(v -> listener.connected())
        .onFailure(e -> LOG.atWarn().addKeyValue("feed", feed.name()).log("subscribing to {} failed: {}", feed.url(), e.getMessage()));
  }

  private void heard() {
    lastHeardNanos = System.nanoTime();
    failedTries = 0;
  }

  private void retry(String why) {
    if (state == State.STOPPED) {
      return;
    }
    state = State.WAITING;
    long delay = Math.min(settings.reconnectMaxMs(), settings.reconnectMinMs() << Math.min(failedTries, 20));
    failedTries++;
    listener.lost(why, delay);
    var unused = vertx.setTimer(delay, id -> connect());
  }

  /** Pings the venue, and drops a connection that has been silent too long (not while we hold it paused). */
  private void ping() {
    WebSocket ws = socket;
    if (ws == null || paused) {
      return;
    }
    if (System.nanoTime() - lastHeardNanos > settings.idleTimeoutMs() * 1_000_000) {
      LOG.atWarn().addKeyValue("feed", feed.name()).log("venue {} sent nothing for {} ms: connecting again", feed.name(), settings.idleTimeoutMs());
      drop(ws, "silent for venues.idleTimeoutMs");
      return;
    }
    ws.writePing(Buffer.buffer("tm")).onFailure(e -> LOG.atDebug().addKeyValue("feed", feed.name()).log("ping failed: {}", e.getMessage()));
  }

  private void drop(WebSocket ws, String why) {
    socket = null;
    var unused = ws.close((short) 1001, why);
    retry(why);
  }

  /** Sends {@code text} on the open connection; nothing if none is open (the next one subscribes afresh). */
  void send(String text) {
    if (socket != null) {
      socket.writeTextMessage(text).onFailure(e -> LOG.atWarn().addKeyValue("feed", feed.name()).log("sending to {} failed: {}", feed.url(), e.getMessage()));
    }
  }

  /** Stops reading (flow control); the venue's messages wait in the kernel's buffers and then the venue's. */
  void pause() {
    paused = true;
    if (socket != null) {
      socket.pause();
    }
  }

  /** Reads again. */
  void resume() {
    paused = false;
    if (socket != null) {
      socket.resume();
    }
  }

  /** Closes for good. */
  Future<Void> close() {
    state = State.STOPPED;
    var unused = vertx.cancelTimer(pingTimer);
    WebSocket ws = socket;
    socket = null;
    Future<Void> closed = ws == null ? Future.succeededFuture() : ws.close().otherwiseEmpty();
    return closed.compose(v -> client.close());
  }
}
