package io.tickmesh.feed;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Reject;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publisher's TCP connection to the JSON-lines feed. Reads are paused while more than
 * {@code feed.maxPendingTicks} ticks are unacknowledged by shards, or while the publisher does not read
 * our ack lines, so memory stays bounded and the publisher is slowed, never dropped.
 *
 * <p>Threading: all handlers run on the owning {@link TcpFeedVerticle}'s context.
 */
final class FeedConnection implements LineIntake.Replies {
  private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);

  private final NetSocket socket;
  private final String id;
  private final LineIntake intake;
  private final int maxPending;
  private final BiConsumer<String, Long> acked;
  private final Promise<Void> drained = Promise.promise();
  private boolean pausedForShards;
  private boolean pausedForWrites;
  private boolean pausedForStore;
  private boolean closed;
  private boolean stopping;

  FeedConnection(Vertx vertx, NetSocket socket, String id, TickmeshConfig config, BiConsumer<String, Long> acked) {
    this.socket = socket;
    this.acked = acked;
    this.id = id;
    this.maxPending = config.feed().maxPendingTicks();
    this.intake = new LineIntake(vertx, id, config, this);
  }

  /** Starts reading; the returned future completes when the connection closed and all its ticks are handled. */
  Future<Void> start() {
    socket.setWriteQueueMaxSize(256 * 1024);
    socket.handler(this::read);
    socket.endHandler(v -> intake.finish());
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(e -> LOG.atInfo().addKeyValue("source", id).log("feed connection error: {}", e.getMessage()));
    socket.drainHandler(v -> writable());
    LOG.atInfo()
        .addKeyValue("source", id)
        .addKeyValue("remote", String.valueOf(socket.remoteAddress()))
        .log("feed connection opened");
    return drained.future();
  }

  /** Stops reading for shutdown; {@link #drained()} completes once pending ticks are handled. */
  void stopIntake() {
    stopping = true;
    socket.pause();
    checkDrained();
  }

  /** Completes once the connection is closed or stopping and every tick it read is handled. */
  Future<Void> drained() {
    return drained.future();
  }

  /** Closes the socket (after draining, at shutdown). */
  Future<Void> close() {
    return closed ? Future.succeededFuture() : socket.close();
  }

  String id() {
    return id;
  }

  void counters(BiConsumer<String, FeedSequences.Counters> visitor) {
    intake.counters(visitor);
  }

  int pending() {
    return intake.pending();
  }

  void addPendingByShard(long[] byShard) {
    intake.addPendingByShard(byShard);
  }

  private void read(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    intake.accept(bytes, 0, bytes.length);
    if (!pausedForShards && intake.pending() >= maxPending) {
      pausedForShards = true;
      socket.pause();
    }
    if (!pausedForWrites && socket.writeQueueFull()) {
      pausedForWrites = true;
      socket.pause();
    }
  }

  @Override
  public void pendingChanged(int pending) {
    if (pausedForShards && pending <= maxPending / 2) {
      pausedForShards = false;
      resumeIfFree();
    }
    checkDrained();
  }

  private void writable() {
    if (pausedForWrites) {
      pausedForWrites = false;
      resumeIfFree();
    }
  }

  /** The store's queue is full (true) or has room again (false). */
  void storePressure(boolean on) {
    if (on && !pausedForStore) {
      pausedForStore = true;
      socket.pause();
    } else if (!on && pausedForStore) {
      pausedForStore = false;
      resumeIfFree();
    }
  }

  /** Checkpoints became durable: acknowledge what they cover. */
  void durable(JsonObject checkpoints) {
    intake.durable(checkpoints);
  }

  private void resumeIfFree() {
    if (!pausedForShards && !pausedForWrites && !pausedForStore && !stopping && !closed) {
      socket.resume();
    }
  }

  @Override
  public void ack(String feed, long seq) {
    acked.accept(feed, seq);
    write("{\"ack\":{\"feed\":\"" + feed + "\",\"seq\":" + seq + "}}\n");
  }

  @Override
  public void reject(Reject r) {
    JsonObject body = new JsonObject().put("feed", r.feed());
    if (r.seq() > 0) {
      body.put("seq", r.seq());
    }
    if (r.line() > 0) {
      body.put("line", r.line());
    }
    body.put("reason", r.reason());
    write(new JsonObject().put("reject", body).encode() + "\n");
  }

  private void write(String line) {
    if (!closed) {
      socket.write(Buffer.buffer(line)).onFailure(e -> LOG.atDebug().addKeyValue("source", id).log("write failed: {}", e.getMessage()));
      if (!pausedForWrites && socket.writeQueueFull()) {
        pausedForWrites = true;
        socket.pause();
      }
    }
  }

  private void onClose() {
    closed = true;
    LOG.atInfo()
        .addKeyValue("source", id)
        .addKeyValue("pendingTicks", intake.pending())
        .log("feed connection closed; its pending ticks are still delivered");
    checkDrained();
  }

  private void checkDrained() {
    if ((closed || stopping) && intake.pending() == 0) {
      drained.tryComplete();
    }
  }
}
