package io.tickmesh.api;

import io.tickmesh.feed.WebSocketFeed;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP side of the WebSocket feed: {@code GET /feed} with a WebSocket upgrade becomes a publisher's
 * connection ({@link WebSocketFeed}); without one it is 400, and while the node starts or stops it is 503,
 * both in JSON. A WebSocket asked for at any other path but the SockJS bridge's is refused 404 saying where
 * the WebSockets are, rather than answered as a plain GET of that path.
 *
 * <p>Threading: on the API verticle's event loop, the HTTP server's.
 */
final class FeedRoute {
  static final String PATH = "/feed";
  private static final String BRIDGE = "/eventbus/";

  private FeedRoute() {}

  /** Mounts the guard for WebSockets elsewhere first, then {@code /feed}. */
  static void mount(Router router, WebSocketFeed feed, Replies replies) {
    router.route().handler(ctx -> {
      HttpServerRequest request = ctx.request();
      boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
      if (upgrade && !request.path().equals(PATH) && !request.path().startsWith(BRIDGE)) {
        replies.error(ctx, 404, "not found", "no WebSocket at " + request.path() + ": the tick feed's is at " + PATH
            + ", the SockJS bridge's under " + BRIDGE);
      } else {
        ctx.next();
      }
    });
    router.route(PATH).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> upgrade(ctx, feed, replies));
  }

  private static void upgrade(RoutingContext ctx, WebSocketFeed feed, Replies replies) {
    if (!ctx.request().canUpgradeToWebSocket()) {
      replies.error(ctx, 400, "bad request", PATH + " takes a WebSocket upgrade only: connect a WebSocket client to"
          + " ws://<host>:<http port>" + PATH + " and send tick lines as text messages");
    } else if (!feed.admits()) {
      replies.error(ctx, 503, "unavailable", "the node is starting or stopping and takes no publishers now; try again in a moment");
    } else {
      HttpConnection connection = ctx.request().connection();
      ctx.request().toWebSocket().onSuccess((ServerWebSocket ws) -> feed.accept(ws, connection)).onFailure(ctx::fail);
    }
  }
}
