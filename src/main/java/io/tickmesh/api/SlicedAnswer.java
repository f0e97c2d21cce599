package io.tickmesh.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes one encoded answer to its response in slices of at most {@link #SLICE_BYTES}, each only while the
 * connection's write queue is not full, the rest as it drains. So a client that stops reading holds at most
 * one slice beyond the queue's high-water mark in (direct) network buffers, whatever the answer's size; the
 * answer itself stays on the heap until it is written or the connection closes.
 *
 * <p>The status and headers (Content-Length included) must be set before {@link #write}. Threading: on the
 * event loop of the response's connection (the API verticle's), like every handler it sets.
 */
final class SlicedAnswer {
  /** The most bytes handed to the network at once. */
  static final int SLICE_BYTES = 64 * 1024;

  private final HttpServerResponse response;
  private final Buffer body;
  private final Promise<Void> done = Promise.promise();
  private int offset;

  private SlicedAnswer(HttpServerResponse response, Buffer body) {
    this.response = response;
    this.body = body;
  }

  /**
   * Writes {@code body} and ends the response; the future completes once the last byte is handed to the
   * network, or fails when the connection closes first.
   */
  static Future<Void> write(HttpServerResponse response, Buffer body) {
    SlicedAnswer answer = new SlicedAnswer(response, body);
    response.drainHandler(v -> answer.writeSome());
    response.closeHandler(v -> answer.done.tryFail("the connection closed before the answer was written"));
    answer.writeSome();
    return answer.done.future();
  }

  private void writeSome() {
    if (done.future().isComplete() || response.ended()) {
      return;
    }
    while (!response.writeQueueFull()) {
      int end = Math.min(offset + SLICE_BYTES, body.length());
      Buffer slice = body.slice(offset, end);
      offset = end;
      if (offset == body.length()) {
        response.end(slice).onComplete(r -> {
          if (r.succeeded()) {
            done.tryComplete();
          } else {
            done.tryFail(r.cause());
          }
        });
        return;
      }
      response.write(slice).onFailure(done::tryFail);
    }
  }
}
