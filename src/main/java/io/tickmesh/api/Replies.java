package io.tickmesh.api;

import io.tickmesh.store.QueryLimitException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every answer of the HTTP server. A body is encoded once to a buffer, then written in slices
 * ({@link SlicedAnswer}); one larger than a slice first takes its size from the node's {@link AnswerBudget}
 * and is answered 503 busy (with {@code Retry-After}) when it does not fit. HEAD gets the status and
 * headers GET would get (Content-Length included) and no body. Errors are JSON {@code {"error","detail"}}.
 *
 * <p>Threading: used on the API verticle's event loop.
 */
final class Replies {
  static final String JSON = "application/json";
  /** Seconds a client refused as busy is told to wait ({@code Retry-After}). */
  static final String RETRY_AFTER_SECONDS = "1";
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private final AnswerBudget budget;

  Replies(AnswerBudget budget) {
    this.budget = budget;
  }

  /** Answers {@code body} with {@code status} and {@code contentType}, within the budget. */
  void send(HttpServerRequest request, int status, String contentType, Buffer body) {
    var unused = write(request, status, contentType, body); // how it ends is logged by write
  }

  /** The same; the future completes once the answer is written, or fails if it could not be. */
  Future<Void> write(HttpServerRequest request, int status, String contentType, Buffer body) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return Future.failedFuture("answered already, or the client has gone");
    }
    if (response.headWritten()) {
      return request.connection().close(); // an answer half written cannot be replaced: only cut
    }
    int bytes = body.length();
    boolean head = request.method().equals(HttpMethod.HEAD);
    boolean budgeted = !head && bytes > SlicedAnswer.SLICE_BYTES;
    if (budgeted && !budget.fitsAtAll(bytes)) {
      return writeError(request, 503, "answer too large", "the answer has " + bytes + " bytes, more than"
          + " http.maxAnswerBytes=" + budget.max() + "; ask for less (limit, from, to)");
    }
    if (budgeted && !budget.take(bytes)) {
      return busy(request, "the node is writing " + budget.inFlight() + " bytes of answers, near"
          + " http.maxAnswerBytes=" + budget.max() + "; try again in a moment");
    }
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes));
    Future<Void> written = head ? response.end() : SlicedAnswer.write(response, body);
    return written.onComplete(r -> {
      if (budgeted) {
        budget.release(bytes);
      }
      if (r.failed()) {
        LOG.atDebug().addKeyValue("path", request.path()).log("answer not written: {}", r.cause().getMessage());
      }
    });
  }

  /** Answers {@code body} encoded as JSON. */
  void json(RoutingContext ctx, int status, Object body) {
    send(ctx.request(), status, JSON, body instanceof JsonObject o ? o.toBuffer() : Json.encodeToBuffer(body));
  }

  /** A JSON error {@code {"error","detail"}}. */
  void error(HttpServerRequest request, int status, String error, String detail) {
    var unused = writeError(request, status, error, detail);
  }

  void error(RoutingContext ctx, int status, String error, String detail) {
    error(ctx.request(), status, error, detail);
  }

  /** 503 {@code {"error":"busy"}} with {@code Retry-After}: a limit of the node was reached; try again soon. */
  Future<Void> busy(HttpServerRequest request, String detail) {
    request.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    return writeError(request, 503, "busy", detail);
  }

  private Future<Void> writeError(HttpServerRequest request, int status, String error, String detail) {
    return write(request, status, JSON, new JsonObject().put("error", error).put("detail", detail).toBuffer());
  }

  /**
   * Answers with the future's JSON, or maps its failure: 404 unknown symbol, 400 and 409 as a verticle
   * answered them (a refused change); 503 for a shard's timeout, a
   * node starting or stopping, a history query past its queue (busy) or its time, a store not ready or failing.
   */
  void answer(RoutingContext ctx, Future<?> result) {
    result.onComplete(r -> {
      if (r.succeeded()) {
        json(ctx, 200, r.result());
      } else {
        failed(ctx, r.cause());
      }
    });
  }

  private void failed(RoutingContext ctx, Throwable cause) {
    if (cause instanceof ReplyException e && e.failureCode() == 404) {
      error(ctx, 404, "not found", e.getMessage());
    } else if (cause instanceof ReplyException e && e.failureCode() == 400) {
      error(ctx, 400, "bad request", e.getMessage());
    } else if (cause instanceof ReplyException e && e.failureCode() == 409) {
      error(ctx, 409, "conflict", e.getMessage());
    } else if (cause instanceof ReplyException e && e.failureCode() == 503) {
      error(ctx, 503, "unavailable", e.getMessage());
    } else if (cause instanceof ReplyException e && e.failureType() == ReplyFailure.TIMEOUT) {
      error(ctx, 503, "timeout", "a shard did not answer within " + ShardClient.TIMEOUT_MS + " ms");
    } else if (cause instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS) {
      error(ctx, 503, "not ready", "the node is starting or stopping; try again in a moment");
    } else if (cause instanceof QueryLimitException e && e.limit() == QueryLimitException.Limit.BUSY) {
      var unused = busy(ctx.request(), e.getMessage());
    } else if (cause instanceof QueryLimitException e) {
      error(ctx, 503, "timeout", e.getMessage());
    } else if (cause instanceof StoreNotReadyException e) {
      error(ctx, 503, "store not ready", e.getMessage());
    } else if (cause instanceof StoreUnavailableException || cause instanceof PgException) {
      LOG.atWarn().addKeyValue("path", ctx.request().path()).log("history query failed: {}", cause.getMessage());
      error(ctx, 503, "store unavailable", "the history store did not answer; try again");
    } else {
      ctx.fail(cause);
    }
  }
}
