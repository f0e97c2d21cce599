package io.tickmesh.feed;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The REST book snapshots of one venue feed (Binance's {@code /api/v3/depth}, {@code /fapi/v1/depth}): a GET
 * of the feed's {@code snapshotUrl} plus the path the protocol asks for, answered by the body as text. A
 * request that takes longer than {@link #TIMEOUT_MS}, an answer that is not 200, or a body longer than
 * {@code venues.maxMessageBytes} (read no further: memory stays bounded) fails the future with the reason.
 *
 * <p>Threading: owned by its venue feed verticle; futures complete on its event loop.
 */
final class VenueSnapshots {
  /** The longest a snapshot request may take. */
  static final long TIMEOUT_MS = 10_000;

  private final HttpClientAgent client;
  private final String baseUrl;
  private final int maxBytes;

  VenueSnapshots(Vertx vertx, String baseUrl, int maxBytes) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS),
        new PoolOptions().setHttp1MaxSize(1)); // one at a time: the venue limits its request rate
    this.baseUrl = baseUrl;
    this.maxBytes = maxBytes;
  }

  /** GETs {@code path} (with its query) of the snapshot URL: the body. */
  Future<String> get(String path) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(baseUrl + path).setTimeout(TIMEOUT_MS);
    return client.request(request).compose(HttpClientRequest::send).compose(this::body);
  }

  private Future<String> body(HttpClientResponse response) {
    Promise<String> body = Promise.promise();
    if (response.statusCode() != 200) {
      body.fail("answered " + response.statusCode() + " " + response.statusMessage());
      var unused = response.request().reset(); // the body is not wanted
      return body.future();
    }
    Buffer text = Buffer.buffer();
    response.handler(chunk -> {
      if (body.future().isComplete()) {
        return;
      }
      if (text.length() + chunk.length() > maxBytes) {
        body.fail("the snapshot is longer than venues.maxMessageBytes=" + maxBytes);
        var unused = response.request().reset(); // read no further
      } else {
        text.appendBuffer(chunk);
      }
    });
    response.exceptionHandler(body::tryFail);
    response.endHandler(v -> body.tryComplete(text.toString()));
    return body.future();
  }

  /** Closes the client. */
  Future<Void> close() {
    return client.close();
  }
}
