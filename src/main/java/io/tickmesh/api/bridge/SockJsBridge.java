package io.tickmesh.api.bridge;

import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.regex.Pattern;

/**
 * The event-bus bridge for browsers at {@code /eventbus} on the HTTP port, in the dialect of the npm
 * client {@code @vertx/eventbus-bridge-client.js}, on every SockJS transport: WebSocket (served by
 * {@link SockJsWebSocketLink}), and xhr-streaming, xhr-polling, eventsource, htmlfile and jsonp (vertx-web's
 * SockJS sessions, with a body handler for the clients' POSTs, which vertx-web needs and answered 500
 * without). Every client is a {@link BridgeSession} of this bridge's {@link BridgeHub}, with the same
 * permissions and bounds as on the TCP bridge.
 *
 * <p>Threading: the routes, sessions and hub all run on the HTTP server's context (the API verticle).
 */
public final class SockJsBridge {
  /** The page SockJS's iframe transports load: the client from the node's own WebJar, never a CDN. */
  private static final String SOCKJS_LIBRARY = "/webjars/sockjs-client/1.6.1/dist/sockjs.min.js";
  private static final Pattern CALLBACK = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

  private final Vertx vertx;
  private final TickmeshConfig.Bridge limits;
  private final BridgeHub hub;

  /** The SockJS bridge of a node configured by {@code config}. */
  public SockJsBridge(Vertx vertx, TickmeshConfig config) {
    this.vertx = vertx;
    this.limits = config.bridge();
    this.hub = new BridgeHub(vertx, limits, Dialect.SOCKJS, "sockjs", config.cluster().enabled());
  }

  /**
   * Mounts {@code /eventbus} on {@code router}: the WebSocket endpoints first, then the body handler and
   * vertx-web's SockJS handler for the HTTP transports.
   */
  public void mount(Router router) {
    router.getWithRegex("/eventbus/[^/.]+/[^/.]+/websocket").handler(ctx -> upgrade(ctx, true));
    router.get("/eventbus/websocket").handler(ctx -> upgrade(ctx, false));
    // SockJS answers a missing callback with a 500 and plain text; a bad parameter here is a 400 in JSON.
    router.getWithRegex("/eventbus/[^/.]+/[^/.]+/(?:htmlfile|jsonp)").handler(this::checkCallback);
    // A POST carries one or more frames, each at most maxFrameBytes (escaped, so allow for that).
    long bodyLimit = 4L * limits.maxFrameBytes() + 1024;
    router.post("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    SockJSHandlerOptions options = new SockJSHandlerOptions().setLibraryURL(SOCKJS_LIBRARY);
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx, options).socketHandler(this::onSocket));
  }

  /** Starts the hub (idle sweep, stats); call on the HTTP server's context. */
  public Future<Void> start() {
    return hub.start();
  }

  /** Tells every client the node is stopping, and closes them. */
  public void stop() {
    hub.stop();
  }

  /** The largest WebSocket message the HTTP server should accept: a frame, escaped, in SockJS framing. */
  public static int maxWebSocketMessageBytes(TickmeshConfig.Bridge limits) {
    return 2 * limits.maxFrameBytes() + 64;
  }

  private void onSocket(SockJSSocket socket) {
    new SockJsSessionLink(socket, limits.maxFrameBytes()).start(hub);
  }

  private void checkCallback(RoutingContext ctx) {
    String callback = ctx.request().getParam("c");
    if (callback == null) {
      callback = ctx.request().getParam("callback");
    }
    if (callback == null || !CALLBACK.matcher(callback).matches()) {
      badRequest(ctx, "this SockJS transport needs the parameter c, the name of a JavaScript callback"
          + " (1 to 32 of A-Z a-z 0-9 _ . -)");
    } else {
      ctx.next();
    }
  }

  private static void badRequest(RoutingContext ctx, String detail) {
    ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", "bad parameter").put("detail", detail).encode())
        .onFailure(e -> { }); // the client left already: nothing to tell it
  }

  private void upgrade(RoutingContext ctx, boolean sockJsFraming) {
    if (!ctx.request().canUpgradeToWebSocket()) {
      badRequest(ctx, "this path takes a WebSocket upgrade only");
      return;
    }
    ctx.request().toWebSocket()
        .onSuccess((ServerWebSocket ws) -> new SockJsWebSocketLink(vertx, ws, sockJsFraming, limits.maxFrameBytes()).start(hub))
        .onFailure(ctx::fail);
  }
}
