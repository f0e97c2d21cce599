package io.tickmesh.testing;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
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
 * The client's later messages (a resubscribe) are kept and handed to the test's {@link Venue}, whose
 * answer frames go out next, before the rest of the session; its HTTP GETs (REST snapshots) are answered
 * by the {@link Venue} too, knowing how many frames of the session have gone out.
 */
public final class VenueReplayServer implements AutoCloseable {
  /** What the test's venue answers, on the server's event loop. */
  public interface Venue {
    /** The frames that answer {@code text}, a later message of the client in session {@code session} after {@code sent} of its frames. */
    default List<String> answer(int session, int sent, String text) {
      return List.of();
    }

    /** The body of a GET of {@code uri} (path and query) during session {@code session} after {@code sent} of its frames; null: 404. */
    default String get(int session, int sent, String uri) {
      return null;
    }

    /**
     * Whether session {@code session} may send its frame {@code sent} now, {@code gets} GETs answered during
     * it: false holds the session until the next GET is answered (so a test can have its books synced first).
     */
    default boolean mayGoOn(int session, int sent, int gets) {
      return true;
    }
  }

  /** One connection's playback: the session's frames, how many went out, the answers waiting to go out first. */
  private static final class Playback {
    final int session;
    final List<String> frames;
    final ServerWebSocket ws;
    final ArrayDeque<String> answers = new ArrayDeque<>();
    int sent;
    int gets;
    boolean sending;
    Promise<Void> held;

    Playback(int session, List<String> frames, ServerWebSocket ws) {
      this.session = session;
      this.frames = frames;
      this.ws = ws;
    }
  }

  private final Vertx vertx;
  private final List<List<String>> sessions;
  private final Venue venue;
  private final HttpServer server;
  private final List<String> subscribes = new CopyOnWriteArrayList<>();
  private final List<String> laterMessages = new CopyOnWriteArrayList<>();
  private final List<String> gets = new CopyOnWriteArrayList<>();
  private int next;
  private Playback current;

  private VenueReplayServer(Vertx vertx, List<List<String>> sessions, Venue venue) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.venue = venue;
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setMaxWebSocketFrameSize(65_536).setMaxWebSocketMessageSize(16 * 1024 * 1024));
  }

  /** Starts a server that plays {@code sessions}, one per connection, in order. */
  public static VenueReplayServer start(List<List<String>> sessions) throws Exception {
    return start(sessions, new Venue() {});
  }

  /** Starts a server that plays {@code sessions}, one per connection, in order, answering as {@code venue}. */
  public static VenueReplayServer start(List<List<String>> sessions, Venue venue) throws Exception {
    Vertx vertx = Vertx.vertx();
    VenueReplayServer s = new VenueReplayServer(vertx, sessions, venue);
    var unused = s.server.webSocketHandler(s::session).requestHandler(s::get).listen().await(10, TimeUnit.SECONDS);
    return s;
  }

  /** The URL a feed connects to. */
  public String url() {
    return "ws://127.0.0.1:" + server.actualPort() + "/";
  }

  /** The base URL of its HTTP routes (a feed's {@code snapshotUrl}). */
  public String httpUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The first message of each connection so far (the client's subscribes). */
  public List<String> subscribes() {
    return Collections.unmodifiableList(new ArrayList<>(subscribes));
  }

  /** The client's messages after the first of each connection, in order. */
  public List<String> laterMessages() {
    return Collections.unmodifiableList(new ArrayList<>(laterMessages));
  }

  /** The URIs of the HTTP GETs so far. */
  public List<String> gets() {
    return Collections.unmodifiableList(new ArrayList<>(gets));
  }

  private void session(ServerWebSocket ws) {
    int k = next++;
    if (k >= sessions.size()) {
      var unused = ws.close((short) 1013, "no more sessions");
      return;
    }
    Playback p = new Playback(k, sessions.get(k), ws);
    ws.textMessageHandler(text -> {
      if (subscribes.size() <= k) {
        subscribes.add(text);
        current = p;
        send(ws, p).onSuccess(v -> {
          if (k < sessions.size() - 1) {
            var unused = ws.close((short) 1012, "dropped by the test");
          }
        });
      } else {
        laterMessages.add(text);
        p.answers.addAll(venue.answer(k, p.sent, text));
        if (!p.sending) {
          var unused = send(ws, p);
        }
      }
    });
  }

  private void get(HttpServerRequest request) {
    gets.add(request.uri());
    Playback p = current;
    String body = p == null ? null : venue.get(p.session, p.sent, request.uri());
    var unused = body == null ? request.response().setStatusCode(404).end() : request.response().putHeader("content-type", "application/json").end(body);
    if (p != null) {
      p.gets++;
      Promise<Void> held = p.held;
      p.held = null;
      if (held != null) {
        var resumed = send(p.ws, p).onComplete(held);
      }
    }
  }

  /** Writes the answers waiting, then the session's frames, waiting for the client whenever its queue is full. */
  private io.vertx.core.Future<Void> send(ServerWebSocket ws, Playback p) {
    p.sending = true;
    while (!ws.writeQueueFull() && (!p.answers.isEmpty() || p.sent < p.frames.size())) {
      if (p.answers.isEmpty() && !venue.mayGoOn(p.session, p.sent, p.gets)) {
        p.held = Promise.promise();
        return p.held.future();
      }
      var unused = ws.writeTextMessage(p.answers.isEmpty() ? p.frames.get(p.sent++) : p.answers.removeFirst());
    }
    if (p.answers.isEmpty() && p.sent == p.frames.size() || ws.isClosed()) {
      p.sending = false;
      return io.vertx.core.Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    ws.drainHandler(v -> {
      ws.drainHandler(null); // a drain handler stays set: the next drain belongs to the next wait
      var unused = send(ws, p).onComplete(done);
    });
    return done.future();
  }

  @Override
  public void close() throws Exception {
    var unused = vertx.close().await(10, TimeUnit.SECONDS);
  }
}
