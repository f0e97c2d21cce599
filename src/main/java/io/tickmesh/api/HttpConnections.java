package io.tickmesh.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server's connections against {@code http.maxConnections}. A connection past the cap is turned
 * away: its first request is answered 503 busy with the reason and {@code Retry-After}, then it is closed;
 * one that sends no request within {@link #TURNED_AWAY_GRACE_MS} is closed without an answer. Counts the
 * connections open, those turned away and those the idle timeout closed; logs client I/O errors (reset,
 * broken pipe) at DEBUG, any other connection error at WARN without a stack trace, at most once a second.
 *
 * <p>Threading: the server's connection and request handlers run on the API verticle's event loop, which
 * alone touches these fields.
 */
final class HttpConnections {
  /** How long a turned-away connection may take to send the request its refusal answers. */
  static final long TURNED_AWAY_GRACE_MS = 2_000;
  private static final long WARN_EVERY_MS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(HttpConnections.class);

  private final Vertx vertx;
  private final Replies replies;
  private final int max;
  private final Set<HttpConnection> turnedAway = new HashSet<>();
  private int open;
  private long refused;
  private long idleClosed;
  private long lastWarnMs;
  private long unloggedErrors;

  HttpConnections(Vertx vertx, Replies replies, int max) {
    this.vertx = vertx;
    this.replies = replies;
    this.max = max;
  }

  /** For {@code HttpServer.connectionHandler}: counts the connection in, or turns it away. */
  void opened(HttpConnection connection) {
    if (open >= max) {
      refused++;
      turnedAway.add(connection);
      connection.closeHandler(v -> turnedAway.remove(connection));
      var unusedTimer = vertx.setTimer(TURNED_AWAY_GRACE_MS, id -> {
        if (turnedAway.contains(connection)) {
          var unused = connection.close();
        }
      });
      return;
    }
    open++;
    ConnectionWatch.watch(connection, () -> open--, () -> idleClosed++);
  }

  /** The server's request handler: {@code next} for admitted connections, the refusal for the others. */
  Handler<HttpServerRequest> admitting(Handler<HttpServerRequest> next) {
    return request -> {
      if (!turnedAway.contains(request.connection())) {
        next.handle(request);
        return;
      }
      request.response().putHeader(HttpHeaders.CONNECTION, "close");
      replies.busy(request, "the node has " + open + " HTTP connections open, its limit (http.maxConnections="
              + max + "); try again in a moment")
          .onComplete(r -> {
            var unused = request.connection().close();
          });
    };
  }

  /** For {@code HttpServer.exceptionHandler}: an error on a connection, usually the client's doing. */
  void failed(Throwable error) {
    if (error instanceof IOException || error instanceof HttpClosedException) {
      LOG.atDebug().log("HTTP client connection error: {}", error.toString());
      return;
    }
    long now = System.currentTimeMillis();
    if (now - lastWarnMs < WARN_EVERY_MS) {
      unloggedErrors++;
      return;
    }
    lastWarnMs = now;
    LOG.atWarn().addKeyValue("unlogged", unloggedErrors).log("HTTP connection error: {}", error.toString());
    unloggedErrors = 0;
  }

  /** {@code {"connections","maxConnections","refused","idleClosed"}}. */
  JsonObject stats() {
    return new JsonObject()
        .put("connections", open)
        .put("maxConnections", max)
        .put("refused", refused)
        .put("idleClosed", idleClosed);
  }
}
