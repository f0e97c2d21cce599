package io.tickmesh.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes JSON answers and JSON errors {@code {"error","detail"}}. Unexpected failures are logged here
 * once, with the request line, and answered 500 without a stack trace.
 */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  static void json(RoutingContext ctx, int status, Object body) {
    String text = body instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(body);
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(text)
        .onFailure(e -> LOG.atDebug().log("answer not written: {}", e.getMessage()));
  }

  static void error(RoutingContext ctx, int status, String error, String detail) {
    json(ctx, status, new JsonObject().put("error", error).put("detail", detail));
  }

  /** Answers with the future's JSON, or maps its failure: 404 unknown symbol, 503 timeout or store. */
  static void answer(RoutingContext ctx, io.vertx.core.Future<?> result) {
    result.onComplete(r -> {
      if (r.succeeded()) {
        json(ctx, 200, r.result());
      } else if (r.cause() instanceof io.vertx.core.eventbus.ReplyException e && e.failureCode() == 404) {
        error(ctx, 404, "not found", e.getMessage());
      } else if (r.cause() instanceof io.vertx.core.eventbus.ReplyException e
          && e.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT) {
        error(ctx, 503, "timeout", "a shard did not answer within " + ShardClient.TIMEOUT_MS + " ms");
      } else if (r.cause() instanceof io.vertx.core.eventbus.ReplyException e
          && e.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS) {
        error(ctx, 503, "not ready", "the node is starting or stopping; try again in a moment");
      } else if (r.cause() instanceof StoreNotReadyException e) {
        error(ctx, 503, "store not ready", e.getMessage());
      } else if (r.cause() instanceof StoreUnavailableException || r.cause() instanceof io.vertx.pgclient.PgException) {
        Throwable e = r.cause();
        LOG.atWarn().addKeyValue("path", ctx.request().path()).log("history query failed: {}", e.getMessage());
        error(ctx, 503, "store unavailable", "the history store did not answer; try again");
      } else {
        ctx.fail(r.cause());
      }
    });
  }

  static void installErrorHandlers(Router router) {
    router.route().failureHandler(Replies::failure);
    router.errorHandler(404, ctx -> error(ctx, 404, "not found", "no such path: " + ctx.request().path()));
    // vertx-web answers a malformed request (bad percent-encoding...) with 400 before any route runs
    router.errorHandler(400, ctx -> error(ctx, 400, "bad request",
        "the request could not be decoded (check the percent-encoding of the path and parameters)"));
    router.errorHandler(405, ctx -> error(ctx, 405, "method not allowed", ctx.request().method() + " is not allowed on " + ctx.request().path()));
  }

  private static void failure(RoutingContext ctx) {
    Throwable cause = ctx.failure();
    if (cause instanceof BadRequestException bad) {
      error(ctx, 400, bad.error(), bad.getMessage());
      return;
    }
    if (cause == null) {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      error(ctx, status, "request failed", "status " + status);
      return;
    }
    LOG.atError()
        .addKeyValue("method", ctx.request().method().name())
        .addKeyValue("path", ctx.request().path())
        .setCause(cause)
        .log("request failed unexpectedly");
    error(ctx, 500, "internal error", "the node could not answer; see its log");
  }
}
