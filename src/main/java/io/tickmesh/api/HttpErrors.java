package io.tickmesh.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer the HTTP server gives outside an operation's own: what Netty cannot decode (a request
 * line past 4096 bytes: 414, headers past 8 KiB: 431, anything else: 400, each followed by a close; the
 * server keeps Vert.x's default limits, {@link HttpServerOptions#DEFAULT_MAX_INITIAL_LINE_LENGTH} and
 * {@link HttpServerOptions#DEFAULT_MAX_HEADER_SIZE}), what
 * the router refuses (unknown path 404, method 405, bad encoding 400, any other status vertx-web may set),
 * and failures of the handlers (their status, or 500 logged once). Each is JSON {@code {"error","detail"}},
 * never a stack trace.
 *
 * <p>Threading: on the API verticle's event loop.
 */
final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private final Replies replies;

  HttpErrors(Replies replies) {
    this.replies = replies;
  }

  /** For {@code HttpServer.invalidRequestHandler}: the JSON answer, then Vert.x closes the connection. */
  void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof TooLongHttpLineException) {
      replies.error(request, 414, "URI too long", "the request line is longer than "
          + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH + " bytes");
    } else if (cause instanceof TooLongHttpHeaderException) {
      replies.error(request, 431, "headers too large", "the request's headers are larger than "
          + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes");
    } else {
      replies.error(request, 400, "bad request", "not an HTTP/1.1 request: "
          + (cause == null ? "undecodable" : cause.getMessage()));
    }
  }

  /** Handles the failures of every route and each error status the router itself may answer. */
  void install(Router router) {
    router.route().failureHandler(this::failure);
    for (int status = 400; status < 600; status++) {
      int code = status;
      router.errorHandler(code, ctx -> routerError(ctx, code));
    }
  }

  private void routerError(RoutingContext ctx, int status) {
    switch (status) {
      case 404 -> replies.error(ctx, 404, "not found", "no such path: " + ctx.request().path());
      // vertx-web answers a malformed request (bad percent-encoding...) with 400 before any route runs
      case 400 -> replies.error(ctx, 400, "bad request",
          "the request could not be decoded (check the percent-encoding of the path and parameters)");
      case 405 -> replies.error(ctx, 405, "method not allowed", ctx.request().method() + " is not allowed on " + ctx.request().path());
      default -> failure(ctx);
    }
  }

  private void failure(RoutingContext ctx) {
    Throwable cause = ctx.failure();
    if (cause instanceof BadRequestException bad) {
      replies.error(ctx, 400, bad.error(), bad.getMessage());
      return;
    }
    int status = cause instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (cause == null || cause instanceof HttpException) {
      status = status >= 400 && status < 600 ? status : 500;
      String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
      replies.error(ctx, status, reason.toLowerCase(Locale.ROOT), "the node refused the request: " + status + " " + reason);
      return;
    }
    LOG.atError()
        .addKeyValue("method", ctx.request().method().name())
        .addKeyValue("path", ctx.request().path())
        .setCause(cause)
        .log("request failed unexpectedly");
    replies.error(ctx, 500, "internal error", "the node could not answer; see its log");
  }
}
