package io.tickmesh.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A venue's WebSocket server for tests: a real Vert.x HTTP server on a free loopback port. Connection
 * {@code k} is a session: it waits for the client's first text message (its subscribe, kept for the test
 * to check), then sends session {@code k}'s frames in order as fast as the client takes them (time
 * compressed; the server waits on a full write queue, so nothing is buffered without bound). A session
 * that is not the last ends with the server closing the connection, mid-capture; the last one stays open.
 */
public final class VenueReplayServer implements AutoCloseable {
  private final Vertx vertx;
  private final List<List<String>> sessions;
  private final HttpServer server;
  private final List<String> subscribes = new CopyOnWriteArrayList<>();
  private int next;

  private VenueReplayServer(Vertx vertx, List<List<String>> sessions) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setMaxWebSocketFrameSize(65_536).setMaxWebSocketMessageSize(16 * 1024 * 1024));
  }

  /** Starts a server that plays {@code sessions}, one per connection, in order. */
  public static VenueReplayServer start(List<List<String>> sessions) throws Exception {
    Vertx vertx = Vertx.vertx();
    VenueReplayServer s = new VenueReplayServer(vertx, sessions);
    var unused = s.server.webSocketHandler(s::session).listen().await(10, TimeUnit.SECONDS);
    return s;
  }

  /** The URL a feed connects to. */
  public String url() {
    return "ws://127.0.0.1:" + server.actualPort() + "/";
  }

  /** The first message of each connection so far (the client's subscribes). */
  public List<String> subscribes() {
    return Collections.unmodifiableList(new ArrayList<>(subscribes));
  }

  private void session(ServerWebSocket ws) {
    int k = next++;
    if (k >= sessions.size()) {
      var unused = ws.close((short) 1013, "no more sessions");
      return;
    }
    ws.textMessageHandler(text -> {
      if (subscribes.size() <= k) {
        subscribes.add(text);
        send(ws, sessions.get(k), 0).onSuccess(v -> {
          if (k < sessions.size() - 1) {
            var unused = ws.close((short) 1012, "dropped by the test");
          }
        });
      }
    });
  }

  /** Writes {@code frames} from {@code from} on, waiting for the client whenever its queue is full. */
  private Future<Void> send(ServerWebSocket ws, List<String> frames, int from) {
    int i = from;
    while (i < frames.size() && !ws.writeQueueFull()) {
      var unused = ws.writeTextMessage(frames.get(i++));
    }
    if (i == frames.size() || ws.isClosed()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    int resumeAt = i;
    ws.drainHandler(v -> {
      var unused = send(ws, frames, resumeAt).onComplete(done);
    });
    return done.future();
  }

  @Override
  public void close() throws Exception {
    var unused = vertx.close().await(10, TimeUnit.SECONDS);
  }
}
