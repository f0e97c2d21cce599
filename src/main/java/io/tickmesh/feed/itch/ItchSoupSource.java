package io.tickmesh.feed.itch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live ITCH session over SoupBinTCP 4.0: logs in asking for the message after the last one it handed
 * over (1 at the start, so a restarted node rebuilds its books from the session's first message), hands
 * over each sequenced message with its sequence number, sends a heartbeat every second, and on a lost
 * connection, a server silent for 15 s or a refused login, connects again (backoff 0.2 s doubling to 5 s)
 * and resumes from where it was: nothing is handed over twice, and messages the server no longer has are
 * reported as a gap. End of session ends it. Threading: the feed's event loop.
 */
public final class ItchSoupSource implements ItchSource, SoupFramer.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(ItchSoupSource.class);
  private static final long TICK_MS = 1_000;
  private static final long SILENCE_NANOS = 15_000_000_000L;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final SoupFramer framer = new SoupFramer();
  private Intake intake;
  private NetClient client;
  private NetSocket socket;
  private long next = 1;
  private long serverSeq;
  private long backoffMs = 200;
  private long lastHeardNanos;
  private long timer = -1;
  private long connects;
  private long gaps;
  private boolean loggedIn;
  private boolean paused;
  private boolean closed;

  /** The session served at {@code host:port}, logging in as {@code user} with {@code password} (may be blank). */
  public ItchSoupSource(Vertx vertx, String host, int port, String user, String password) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  @Override
  public void start(Intake intake) {
    this.intake = intake;
    client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(5_000));
    timer = vertx.setPeriodic(TICK_MS, id -> tick());
    connect();
  }

  private void connect() {
    if (closed) {
      return;
    }
    connects++;
    client.connect(port, host).onComplete(ar -> {
      if (ar.failed()) {
        retry("cannot connect: " + ar.cause().getMessage());
      } else if (closed) {
        ar.result().close().onFailure(e -> { });
      } else {
        connected(ar.result());
      }
    });
  }

  private void connected(NetSocket s) {
    socket = s;
    framer.reset();
    loggedIn = false;
    lastHeardNanos = System.nanoTime();
    s.handler(this::read);
    s.closeHandler(v -> lost(s, "connection closed"));
    s.exceptionHandler(e -> LOG.atDebug().addKeyValue("source", describe()).log("SoupBinTCP connection: {}", e.getMessage()));
    if (paused) {
      s.pause();
    }
    send(SoupPackets.loginRequest(user, password, "", next));
  }

  private void read(Buffer data) {
    lastHeardNanos = System.nanoTime();
    byte[] bytes = data.getBytes();
    intake.chunkStarts();
    framer.feed(bytes, 0, bytes.length, this);
    intake.chunkDone();
  }

  @Override
  public void packet(byte type, byte[] b, int off, int len) {
    switch (type) {
      case SoupPackets.SEQUENCED_DATA -> sequenced(b, off, len);
      case SoupPackets.LOGIN_ACCEPTED -> accepted(b, off, len);
      case SoupPackets.LOGIN_REJECTED -> {
        LOG.atWarn().addKeyValue("source", describe()).log("SoupBinTCP login at {} refused (reason {}): trying again",
            describe(), len > 0 ? (char) b[off] : '?');
        drop();
      }
      case SoupPackets.END_OF_SESSION -> {
        LOG.atInfo().addKeyValue("source", describe()).addKeyValue("lastSeq", next - 1)
            .log("SoupBinTCP end of session at {} after message {}", describe(), next - 1);
        closed = true;
        drop();
        intake.ended();
      }
      default -> { } // heartbeats and debug text: only that the server lives
    }
  }

  private void accepted(byte[] b, int off, int len) {
    long seq = len == SoupPackets.LOGIN_ACCEPTED_LENGTH ? SoupPackets.numeric(b, off + 10, 20) : -1;
    if (seq < 1) {
      broken("a login accepted without a sequence number");
      return;
    }
    loggedIn = true;
    backoffMs = 200;
    serverSeq = seq;
    if (seq > next) {
      gaps += seq - next;
      LOG.atWarn().addKeyValue("source", describe()).addKeyValue("from", next).addKeyValue("to", seq - 1)
          .log("SoupBinTCP session at {} starts at message {}: messages {} to {} are lost", describe(), seq, next, seq - 1);
      next = seq;
    }
    LOG.atInfo().addKeyValue("source", describe()).addKeyValue("seq", seq).addKeyValue("connects", connects)
        .log("SoupBinTCP login at {} accepted from message {}", describe(), seq);
  }

  private void sequenced(byte[] b, int off, int len) {
    if (!loggedIn) {
      broken("sequenced data before the login was accepted");
      return;
    }
    long seq = serverSeq++;
    if (seq < next) {
      return; // sent again after a reconnect: handed over already
    }
    next = seq + 1;
    int expected = len > 0 ? ItchLayout.length(b[off]) : 0;
    if (expected == 0) {
      intake.broken(seq, len == 0 ? "an empty message" : String.format("unknown message type 0x%02x", b[off] & 0xff), b, off, len);
    } else if (expected != len) {
      intake.broken(seq, String.format("message type %c of %d bytes; ITCH 5.0 has %d", (char) b[off], len, expected), b, off, len);
    } else {
      intake.message(seq, b, off, len);
    }
  }

  @Override
  public void broken(String reason) {
    LOG.atWarn().addKeyValue("source", describe()).log("SoupBinTCP stream from {} is broken ({}): connecting again", describe(), reason);
    drop();
  }

  private void tick() {
    if (socket != null && loggedIn) {
      send(SoupPackets.bare(SoupPackets.CLIENT_HEARTBEAT));
    }
    if (socket != null && !paused && System.nanoTime() - lastHeardNanos > SILENCE_NANOS) {
      LOG.atWarn().addKeyValue("source", describe()).log("SoupBinTCP server {} silent for 15 s: connecting again", describe());
      drop();
    }
  }

  /** Closes the connection; its close handler connects again unless the source is closed. */
  private void drop() {
    if (socket != null) {
      socket.close().onFailure(e -> { });
    }
  }

  private void lost(NetSocket s, String why) {
    if (s != socket) {
      return;
    }
    socket = null;
    loggedIn = false;
    retry(why);
  }

  private void retry(String why) {
    if (closed) {
      return;
    }
    LOG.atWarn().addKeyValue("source", describe()).addKeyValue("next", next).addKeyValue("retryInMs", backoffMs)
        .log("SoupBinTCP session at {}: {}; logging in again from message {} in {} ms", describe(), why, next, backoffMs);
    var unused = vertx.setTimer(backoffMs, id -> connect());
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }

  private void send(byte[] packet) {
    NetSocket s = socket;
    s.write(Buffer.buffer(packet)).onFailure(e -> lost(s, "write failed: " + e.getMessage()));
  }

  @Override
  public void pause() {
    paused = true;
    if (socket != null) {
      socket.pause();
    }
  }

  @Override
  public void resume() {
    paused = false;
    lastHeardNanos = System.nanoTime(); // the server could not send while we did not read
    if (socket != null) {
      socket.resume();
    }
  }

  @Override
  public Future<Void> close() {
    closed = true;
    var cancelled = vertx.cancelTimer(timer);
    NetSocket s = socket;
    if (s != null && loggedIn) {
      s.write(Buffer.buffer(SoupPackets.bare(SoupPackets.LOGOUT_REQUEST))).onFailure(e -> { });
    }
    return client == null ? Future.succeededFuture() : client.close();
  }

  @Override
  public long lastSeq() {
    return next - 1;
  }

  /** Messages the server could not give (it started after where this source was). */
  public long gaps() {
    return gaps;
  }

  /** Connections made, the first included. */
  public long connects() {
    return connects;
  }

  @Override
  public String describe() {
    return "soup " + host + ":" + port;
  }
}
