package io.tickmesh.cli;

import io.tickmesh.feed.itch.ItchFramer;
import io.tickmesh.feed.itch.SoupFramer;
import io.tickmesh.feed.itch.SoupPackets;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.net.NetSocket;
import java.nio.file.Path;

/**
 * One client of {@code tickmesh soup-serve}: waits for its SoupBinTCP login, accepts it from the
 * requested sequence number (0 or 1: the first message), then sends the file's messages from there as
 * sequenced data, paced at {@code rate} messages a second (0: as fast as the client reads; the file
 * pauses while the socket's write queue is full), a heartbeat after each second with nothing sent, and
 * end of session after the last message. Threading: the server's event loop.
 */
final class SoupServeConnection implements SoupFramer.Sink, ItchFramer.Sink {
  private static final long TICK_MS = 10;

  private final Vertx vertx;
  private final NetSocket socket;
  private final Path file;
  private final String session;
  private final long rate;
  private final SoupFramer packets = new SoupFramer();
  private final ItchFramer messages = new ItchFramer();
  private AsyncFile reading;
  private Buffer out;
  private long from;
  private long credit;
  private long lastTickNanos;
  private long lastSentNanos = System.nanoTime();
  private long timer = -1;
  private boolean pausedForRate;
  private boolean closed;

  SoupServeConnection(Vertx vertx, NetSocket socket, Path file, String session, long rate) {
    this.vertx = vertx;
    this.socket = socket;
    this.file = file;
    this.session = session;
    this.rate = rate;
  }

  void start() {
    socket.handler(b -> {
      byte[] bytes = b.getBytes();
      packets.feed(bytes, 0, bytes.length, this);
    });
    socket.closeHandler(v -> close());
    lastTickNanos = System.nanoTime();
    timer = vertx.setPeriodic(TICK_MS, id -> tick());
  }

  @Override
  public void packet(byte type, byte[] b, int off, int len) {
    if (type == SoupPackets.LOGIN_REQUEST && reading == null && len == SoupPackets.LOGIN_REQUEST_LENGTH) {
      long requested = SoupPackets.numeric(b, off + 26, 20);
      if (requested < 0) {
        send(SoupPackets.loginRejected('S'));
        socket.close().onFailure(e -> { });
        return;
      }
      from = Math.max(requested, 1);
      send(SoupPackets.loginAccepted(session, from));
      open();
    } else if (type == SoupPackets.LOGOUT_REQUEST) {
      socket.close().onFailure(e -> { });
    }
    // client heartbeats and debug packets need nothing
  }

  @Override
  public void broken(String reason) {
    socket.close().onFailure(e -> { });
  }

  private void open() {
    vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false)).onComplete(ar -> {
      if (ar.failed() || closed) {
        socket.close().onFailure(e -> { });
        return;
      }
      reading = ar.result();
      reading.setReadBufferSize(16 * 1024);
      reading.handler(this::chunk);
      reading.endHandler(v -> {
        messages.end(this);
        flushOut();
        send(SoupPackets.bare(SoupPackets.END_OF_SESSION));
      });
      reading.exceptionHandler(e -> socket.close().onFailure(x -> { }));
    });
  }

  private void chunk(Buffer chunk) {
    out = Buffer.buffer(chunk.length() + 1024);
    byte[] bytes = chunk.getBytes();
    long sentBefore = messages.lastSeq();
    messages.feed(bytes, 0, bytes.length, this);
    flushOut();
    if (socket.writeQueueFull()) {
      reading.pause();
      socket.drainHandler(v -> resume());
    }
    if (rate > 0) {
      credit -= (messages.lastSeq() - sentBefore) * 1_000_000_000L;
      if (credit < 0 && !pausedForRate) {
        pausedForRate = true;
        reading.pause();
      }
    }
  }

  @Override
  public void message(long seq, byte[] b, int off, int len) {
    if (seq >= from) {
      out.appendBytes(SoupPackets.sequenced(b, off, len));
    }
  }

  @Override
  public void broken(long seq, String reason, byte[] b, int off, int len) {
    message(seq, b, off, len); // sent as it is: the client judges it
  }

  private void flushOut() {
    if (out != null && out.length() > 0) {
      send(out);
    }
    out = null;
  }

  private void send(byte[] packet) {
    send(Buffer.buffer(packet));
  }

  private void send(Buffer data) {
    lastSentNanos = System.nanoTime();
    socket.write(data).onFailure(e -> close());
  }

  private void tick() {
    long now = System.nanoTime();
    if (rate > 0) {
      long elapsed = Math.min(now - lastTickNanos, 1_000_000_000L);
      credit = Math.min(credit + rate * elapsed, rate * 100_000_000L);
      if (pausedForRate && credit >= 0) {
        pausedForRate = false;
        resume();
      }
    }
    lastTickNanos = now;
    if (now - lastSentNanos >= 1_000_000_000L) {
      send(SoupPackets.bare(SoupPackets.SERVER_HEARTBEAT));
    }
  }

  private void resume() {
    if (reading != null && !closed && !pausedForRate && !socket.writeQueueFull()) {
      reading.resume();
    }
  }

  private void close() {
    if (!closed) {
      closed = true;
      var cancelled = vertx.cancelTimer(timer);
      if (reading != null) {
        reading.close().onFailure(e -> { });
      }
    }
  }
}
