package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket feed at {@code /feed} on the HTTP port: the TCP feed's tick lines, replies, bounds and
 * guarantees over WebSockets ({@link WebSocketTransport}), in a {@link FeedListener} named {@code ws}. A
 * WebSocket stays on the context of the HTTP server that upgraded it, so this listener lives there: the
 * API verticle creates it, starts it on its context, and hands it each upgraded WebSocket. Its connections
 * share that event loop with the HTTP API; the TCP listeners have loops of their own.
 *
 * <p>Takes publishers once the node is ready (announced on {@code tm.node.state}: the API starts before the
 * shards and the instrument master, which the feed needs) and its instrument gate follows the master, and
 * until the node stops; the stop drains and closes its connections as the TCP listeners'
 * ({@code tm.feed.ws.drain}, {@code tm.feed.ws.close}). Threading: every method on the HTTP server's context.
 */
public final class WebSocketFeed {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketFeed.class);

  private final TickmeshConfig config;
  private final String idPrefix;
  private Vertx vertx;
  private FeedListener listener;
  private int maxFrameBytes;
  private boolean ready;

  /** The WebSocket feed of a node configured by {@code config}; connection ids start with {@code idPrefix}. */
  public WebSocketFeed(TickmeshConfig config, String idPrefix) {
    this.config = config;
    this.idPrefix = idPrefix;
  }

  /**
   * Starts the listener on the calling context, the HTTP server's, whose WebSocket frames are at most
   * {@code maxFrameBytes} (said in the reason when a larger one is refused).
   */
  public Future<Void> start(Vertx vertx, int maxFrameBytes) {
    this.vertx = vertx;
    this.maxFrameBytes = maxFrameBytes;
    listener = new FeedListener(vertx, config, Addresses.WS_FEED_LISTENER, "ws", idPrefix, ListenerBounds.webSocket(config.feed()));
    var states = vertx.eventBus().<String>localConsumer(Addresses.NODE_STATE, m -> nodeState(m.body()));
    return states.completion().compose(v -> listener.start());
  }

  private void nodeState(String state) {
    if (!"ready".equals(state)) {
      ready = false;
      return;
    }
    listener.followInstruments()
        .onSuccess(v -> ready = true)
        .onFailure(e -> LOG.atError().log("the WebSocket feed takes no publishers: its instrument gate could not follow the master: {}",
            e.getMessage()));
  }

  /** True while a new publisher is taken: the node is ready and does not stop. */
  public boolean admits() {
    return ready && !listener.stopping();
  }

  /**
   * Serves a WebSocket upgraded at {@code /feed} from {@code connection} (or refuses it past
   * {@code feed.maxConnections}, saying why).
   */
  public void accept(ServerWebSocket ws, HttpConnection connection) {
    listener.accept(id -> new WebSocketTransport(vertx, ws, connection, id, maxFrameBytes));
  }

  /** Drains and closes the connections, if the node's stop has not done it yet. */
  public Future<Void> stop() {
    return listener == null ? Future.succeededFuture() : listener.finish(config.node().shutdownTimeoutMs());
  }
}
