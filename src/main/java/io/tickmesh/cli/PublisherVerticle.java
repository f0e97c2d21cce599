package io.tickmesh.cli;

import io.tickmesh.config.HostPort;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends lines to a node's TCP feed and follows its acknowledgements. Sent lines stay in a bounded window
 * until acknowledged or refused (a reject names the line's number on the connection); when the window is
 * full, or the socket's write queue is, reading stops. If the connection drops, it connects again, to
 * the next of its addresses if it has several ({@link Failover}), until {@code retryForMs} passes without
 * a connection, and resends the window: the node skips what it already applied.
 *
 * <p>Threading: deployed as a worker verticle; the source's blocking reads run here, one at a time.
 */
final class PublisherVerticle extends VerticleBase {
  /** What happened, once every line is acknowledged or refused. */
  record Summary(long sent, long acked, long rejected, long duplicates, long resent, long elapsedNanos, List<String> reasons,
      Failover.Route route) {}

  private static final int CHUNK_BYTES = 64 * 1024;

  private final Failover failover;
  private final LineSource source;
  private final long ratePerSec;
  private final int maxWindow;
  private final long retryForMs;
  private final Progress progress;
  private final Promise<Summary> done = Promise.promise();
  private final SentWindow window = new SentWindow();
  private final Map<String, Long> acked = new HashMap<>();
  private final List<String> reasons = new ArrayList<>();
  private NetClient client;
  private NetSocket socket;
  private OutLine held;
  /** The CSV header, once sent: repeated first on every new connection. */
  private OutLine header;
  private boolean sourceDone;
  private boolean pumpScheduled;
  private long sent;
  private long ackedLines;
  private long refusedLines;
  private long lineNo;
  private long rejected;
  private long duplicates;
  private long resent;
  private long startNanos;
  private long lostSince = -1;
  /** With several addresses: the loss that began the current outage, told once a node takes over. */
  private String outage;
  private boolean finishing;

  PublisherVerticle(FeedAddresses to, LineSource source, long ratePerSec, int maxWindow, long retryForMs, boolean showProgress) {
    this.failover = new Failover(to);
    this.source = source;
    this.ratePerSec = ratePerSec;
    this.maxWindow = maxWindow;
    this.retryForMs = retryForMs;
    this.progress = new Progress(showProgress);
  }

  Future<Summary> done() {
    return done.future();
  }

  @Override
  public Future<?> start() {
    client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(5_000));
    startNanos = System.nanoTime();
    var unused = vertx.setPeriodic(250, id -> progress.show(sent, ackedLines + refusedLines, ackedLines, rejected, source.expected(), false));
    connect();
    return Future.succeededFuture();
  }

  private void connect() {
    HostPort to = failover.current();
    client.connect(to.port(), to.host()).onComplete(ar -> {
      if (ar.failed()) {
        lost(null, ar.cause().getMessage());
        return;
      }
      NetSocket connected = ar.result();
      socket = connected;
      failover.connected();
      if (outage != null) {
        System.err.printf("%n%s; now on %s, resending %,d unacknowledged lines%n", outage, to, window.size());
        outage = null;
      }
      lostSince = -1;
      lineNo = 0;
      connected.handler(RecordParser.newDelimited("\n", line -> {
        if (connected == socket) {
          reply(line);
        }
      }));
      connected.closeHandler(v -> lost(connected, "connection closed by the node"));
      connected.drainHandler(v -> schedulePump());
      resendHeader();
      resendWindow();
      schedulePump();
    });
  }

  /**
   * Connection {@code which} (null: a connection attempt) failed. A dead socket reports its loss once
   * for the close and once for every write still queued: only the first report of the current socket
   * reconnects. Each report reconnecting would run several connections of one feed at once, and a
   * shard refuses a seq below one it applied from the other connection as a duplicate: lines lost.
   */
  private void lost(NetSocket which, String why) {
    if (which != socket) {
      return; // this loss is already being handled, or the socket was replaced
    }
    socket = null;
    if (isFinished() || finishing) {
      return;
    }
    long now = System.nanoTime();
    HostPort from = failover.current();
    if (lostSince < 0) {
      lostSince = now;
      outageBegins(which != null, from, why);
    }
    if ((now - lostSince) / 1_000_000 > retryForMs) {
      done.tryFail("could not reach " + failover.addresses().describe() + " for " + retryForMs + " ms: " + why);
      return;
    }
    long waitMs = failover.failed();
    if (waitMs == 0) {
      connect();
      return;
    }
    if (failover.several()) {
      System.err.printf("%nno node of %s took the connection (last: %s, %s); trying again in %,d ms%n",
          failover.addresses(), from, why, waitMs);
    }
    var unused = vertx.setTimer(waitMs, id -> connect());
  }

  /**
   * One address: says so at once. Several: keeps what happened for the line that names the node taking
   * over, so a move is one line however many addresses refused on the way.
   */
  private void outageBegins(boolean wasConnected, HostPort from, String why) {
    if (!failover.several()) {
      System.err.printf("%nconnection to %s lost (%s); reconnecting%n", from, why);
    } else if (wasConnected) {
      outage = "connection to " + from + " lost (" + why + ")";
    } else {
      outage = "could not connect to " + from + " (" + why + ")";
    }
  }

  /**
   * A new connection is read from its first line: a CSV header sent on the lost one must come again
   * before the resent rows, or the node reads them as JSON and refuses every one.
   */
  private void resendHeader() {
    if (header != null) {
      write(Buffer.buffer(header.bytes()).appendByte((byte) '\n'));
      lineNo++;
    }
  }

  private void resendWindow() {
    if (window.isEmpty()) {
      return;
    }
    Buffer out = Buffer.buffer();
    for (int i = 0; i < window.size(); i++) {
      out.appendBytes(window.line(i).bytes()).appendByte((byte) '\n');
      window.renumber(i, ++lineNo);
      resent++;
    }
    write(out);
  }

  private void schedulePump() {
    if (!pumpScheduled) {
      pumpScheduled = true;
      context.runOnContext(v -> pump());
    }
  }

  private void pump() {
    pumpScheduled = false;
    if (socket == null || isFinished()) {
      return;
    }
    long budget = ratePerSec > 0 ? ratePerSec * (System.nanoTime() - startNanos) / 1_000_000_000L - sent : Long.MAX_VALUE;
    Buffer out = Buffer.buffer(CHUNK_BYTES + 1024);
    try {
      while (out.length() < CHUNK_BYTES && budget > 0 && window.size() < maxWindow && !sourceDone) {
        OutLine line = held != null ? held : source.next();
        held = null;
        if (line == null) {
          sourceDone = true;
          break;
        }
        if (line.seq() > 0) {
          out.appendBytes(line.bytes()).appendByte((byte) '\n');
          window.add(line, ++lineNo);
        } else {
          if (line.header()) {
            header = line;
          }
          out.appendBytes(line.bytes()).appendByte((byte) '\n');
          lineNo++;
        }
        sent++;
        budget--;
      }
    } catch (IOException e) {
      done.tryFail("reading the input failed: " + e.getMessage());
      return;
    }
    if (out.length() > 0) {
      write(out);
    }
    next(budget);
  }

  private void next(long budget) {
    if (socket == null) {
      return; // lost: the reconnect resends the window and pumps again
    }
    if (sourceDone) {
      finishIfDone();
    } else if (socket.writeQueueFull() || window.size() >= maxWindow) {
      return; // the drain handler or the next ack pumps again
    } else if (budget <= 0) {
      var unused = vertx.setTimer(5, id -> schedulePump());
    } else {
      schedulePump();
    }
  }

  private void write(Buffer out) {
    NetSocket current = socket;
    current.write(out).onFailure(e -> lost(current, e.getMessage()));
  }

  private void reply(Buffer line) {
    JsonObject json;
    try {
      json = new JsonObject(line);
    } catch (RuntimeException e) {
      return;
    }
    JsonObject ack = json.getJsonObject("ack");
    if (ack != null) {
      failover.answered();
      acked.merge(ack.getString("feed"), ack.getLong("seq"), Math::max);
      popAcknowledged();
      return;
    }
    JsonObject reject = json.getJsonObject("reject");
    if (reject != null) {
      failover.answered();
      rejected++;
      // settled: it will never be acknowledged if its seq skips unhandled ones
      var unused = window.refuse(reject.getLong("line", 0L));
      String reason = reject.getString("reason", "");
      if (reason.startsWith("duplicate")) {
        duplicates++;
      } else if (reasons.size() < 10) {
        reasons.add("line " + reject.getValue("line", "?") + ", seq " + reject.getValue("seq", "?") + ": " + reason);
      }
      popAcknowledged();
    }
  }

  private void popAcknowledged() {
    while (!window.isEmpty()) {
      OutLine head = window.line(0);
      Long upTo = acked.get(head.feed());
      boolean isAcked = upTo != null && upTo >= head.seq();
      if (!isAcked && !window.firstRefused()) {
        break;
      }
      window.removeFirst();
      if (isAcked) {
        ackedLines++;
      } else {
        refusedLines++;
      }
    }
    if (sourceDone) {
      finishIfDone();
    } else {
      schedulePump();
    }
  }

  private boolean isFinished() {
    return done.future().isComplete();
  }

  private void finishIfDone() {
    if (!window.isEmpty() || finishing) {
      return;
    }
    finishing = true;
    // Refusals of the last lines may trail their acks by a moment: let them arrive, then finish.
    long elapsed = System.nanoTime() - startNanos;
    var unused = vertx.setTimer(300, id -> {
      progress.show(sent, ackedLines + refusedLines, ackedLines, rejected, source.expected(), true);
      done.tryComplete(new Summary(sent, ackedLines, rejected, duplicates, resent, elapsed, reasons, failover.route()));
    });
  }

  @Override
  public Future<?> stop() throws IOException {
    source.close();
    return client == null ? Future.succeededFuture() : client.close();
  }
}
