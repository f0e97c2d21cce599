package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.LogCapture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client mistakes on the browsers' bridge get an answer or a close with the reason, and cost the log
 * one WARN line per client, never an ERROR or a stack trace. Before: a frame with {@code "headers":"x"}
 * got no answer and a ClassCastException logged per frame; a message over the WebSocket limit ended the
 * session but left the WebSocket open with no close frame; a browser that went away logged
 * "SockJSSocket exception" at ERROR with its stack trace.
 */
class BridgeClientErrorsIT {
  private static InProcessNode node;
  private static LogCapture log;

  @BeforeAll
  static void start() throws Exception {
    log = new LogCapture();
    node = InProcessNode.start(Map.of("sim.enabled", true, "sim.symbols", 3, "sim.ratePerSec", 300));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    log.close();
  }

  @Test
  void refusedFramesAreAnsweredAndLoggedOnceAndTheHundredthEndsTheClient() throws Exception {
    int mark = log.events().size();
    SockJsClient client = SockJsClient.connect(node.http().port());
    String bad = new JsonObject().put("type", "register").put("address", "quotes.A").put("headers", "x").encode();
    for (int i = 0; i < 150 && !client.closed.isDone(); i++) {
      client.send(bad);
    }
    Close close = client.closed.get(20, TimeUnit.SECONDS);
    List<JsonObject> errors = client.messages().stream().filter(m -> "err".equals(m.getString("type"))).toList();
    assertThat(errors).hasSize(100);
    assertThat(errors.subList(0, 99)).allSatisfy(e -> assertThat(e.getString("body")).isEqualTo("invalid_headers"));
    assertThat(errors.get(99).getString("body")).isEqualTo("too_many_refused_frames");
    assertThat(close.code()).isEqualTo(1008);
    assertThat(close.reason()).startsWith("too_many_refused_frames");

    List<ILoggingEvent> lines = log.events().subList(mark, log.events().size()).stream()
        .filter(e -> e.getLoggerName().endsWith("ClientErrors")).toList();
    assertThat(lines).as(LogCapture.show(lines)).hasSize(2);
    assertThat(lines).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
    assertNoErrorsNorStackTraces();
  }

  @Test
  void aFrameOverTheLimitClosesTheWebSocketWith1009AndTheReason() throws Exception {
    String ping = new JsonObject().put("type", "ping").put("pad", "x".repeat(100_000)).encode();
    SockJsClient oneFrame = SockJsClient.connect(node.http().port());
    oneFrame.send(ping);
    Close tooLong = oneFrame.closed.get(20, TimeUnit.SECONDS);
    assertThat(tooLong.code()).isEqualTo(1009);
    assertThat(tooLong.reason()).startsWith("frame_too_long: a frame of 1000").contains("bridge.maxFrameBytes");

    SockJsClient fragments = SockJsClient.connect(node.http().port());
    String huge = new JsonArray().add(new JsonObject().put("type", "ping").put("pad", "y".repeat(300_000)).encode()).encode();
    for (int at = 0; at < huge.length() && !fragments.closed.isDone(); at += 30_000) {
      try {
        fragments.ws.sendText(huge.substring(at, Math.min(huge.length(), at + 30_000)), at + 30_000 >= huge.length())
            .get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException closedMeanwhile) {
        break; // the node closed as soon as the message passed the limit: the rest cannot be sent
      }
    }
    Close tooBig = fragments.closed.get(20, TimeUnit.SECONDS);
    assertThat(tooBig.code()).isEqualTo(1009);
    assertThat(tooBig.reason()).contains("bridge.maxFrameBytes");
    assertNoErrorsNorStackTraces();
  }

  @Test
  void clientsThatVanishLeaveNoErrorInTheLog() throws Exception {
    int http = node.http().port();
    abort(http, "GET /eventbus/000/" + UUID.randomUUID() + "/websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    abort(http, "POST /eventbus/000/" + UUID.randomUUID() + "/xhr_streaming HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    abort(http, "GET /api/v1/stats HTTP/1.1\r\nHost: x\r\n\r\n");
    byte[] register = new JsonObject().put("type", "register").put("address", "trades.AAPL").encode().getBytes(StandardCharsets.UTF_8);
    abort(node.bridgePort(), new String(ByteBuffer.allocate(4).putInt(register.length).array(), StandardCharsets.ISO_8859_1)
        + new String(register, StandardCharsets.ISO_8859_1));
    abort(node.feedPort(), "{\"sym\":\"AAPL\"");
    node.http().awaitStats(s -> s.getJsonObject("bridges").getJsonObject("sockjs").getInteger("connections") == 0
        && s.getJsonObject("bridges").getJsonObject("tcp").getInteger("connections") == 0, Duration.ofSeconds(20));
    assertNoErrorsNorStackTraces();
  }

  /** Connects, sends {@code text}, waits a moment for the node to answer, then resets the connection. */
  private static void abort(int port, String text) throws Exception {
    Socket s = new Socket("127.0.0.1", port);
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    Thread.sleep(300); // the node is mid-answer or holding the session: then the client vanishes
    s.setSoLinger(true, 0);
    s.close();
  }

  private static void assertNoErrorsNorStackTraces() {
    List<ILoggingEvent> bad = log.events().stream().filter(e -> e.getLevel() == Level.ERROR || e.getThrowableProxy() != null).toList();
    assertThat(bad).as(LogCapture.show(bad)).isEmpty();
  }

  private record Close(int code, String reason) {}

  /** A SockJS client over WebSocket, by hand: SockJS frames in, JSON arrays of strings out. */
  private static final class SockJsClient implements WebSocket.Listener {
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    static SockJsClient connect(int port) throws Exception {
      SockJsClient client = new SockJsClient();
      URI uri = URI.create("ws://127.0.0.1:" + port + "/eventbus/000/" + UUID.randomUUID() + "/websocket");
      client.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
      assertThat(client.frames.poll(10, TimeUnit.SECONDS)).isEqualTo("o");
      return client;
    }

    void send(String frame) throws Exception {
      ws.sendText(new JsonArray().add(frame).encode(), true).get(10, TimeUnit.SECONDS);
    }

    /** The bridge messages received so far ({@code a[...]} frames unpacked). */
    List<JsonObject> messages() {
      return frames.stream().filter(f -> f.startsWith("a")).flatMap(f -> new JsonArray(f.substring(1)).stream())
          .map(m -> new JsonObject((String) m)).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Close(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
