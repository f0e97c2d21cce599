package io.tickmesh.feed;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.Reject;
import io.tickmesh.model.ShardClaimed;
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
 * <p>Its end: intake stops when the publisher ends its input (half-close or close), when it sent no line
 * for {@code feed.idleTimeoutMs}, or when the node stops. The connection then waits until every line it
 * read is acknowledged (durable), writes those acks (and, when idle, the reason), and only then closes,
 * so the publisher and the recorded feed positions both get the last acks.
 *
 * <p>Threading: all handlers run on the owning {@link TcpFeedVerticle}'s context.
 */
final class FeedConnection implements LineIntake.Replies {
  private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);

  private final NetSocket socket;
  private final FeedOutput output;
  private final String id;
  private final LineIntake intake;
  /**
   * In a cluster answered ticks are kept until durable, to send again if their shard moves: at most this
   * many times {@code feed.maxPendingTicks} of them before the connection stops reading.
   */
  private static final int PARKED_FACTOR = 4;
  private final int maxPending;
  private final long flushWaitMs;
  private final BiConsumer<String, Long> acked;
  private final Promise<Void> answered = Promise.promise();
  private final Promise<Void> settled = Promise.promise();
  private final Promise<Void> closedPromise = Promise.promise();
  private IntakeState state = IntakeState.READING;
  private boolean pausedForShards;
  private boolean pausedForWrites;
  private boolean pausedForStore;
  private boolean publisherEnded;
  private boolean closed;
  private boolean closing;
  private long lastLineNanos;
  private String farewell;

  /** Whether lines are still taken, and if not, why: that decides the last line's fate and who closes. */
  private enum IntakeState {
    READING,
    /** The publisher ended its input: a last line without newline still counts; we close once acked. */
    ENDED_BY_PUBLISHER,
    /** No line for {@code feed.idleTimeoutMs}: a partial line is dropped; we close once acked, with the reason. */
    IDLE,
    /** The node stops: a partial line is dropped; the listener closes the connection after its drain. */
    STOPPED
  }

  FeedConnection(Vertx vertx, NetSocket socket, String id, TickmeshConfig config, InstrumentGate instruments,
      BiConsumer<String, Long> acked) {
    this.socket = socket;
    this.output = new FeedOutput(vertx, socket, id);
    this.acked = acked;
    this.id = id;
    this.maxPending = config.feed().maxPendingTicks();
    this.flushWaitMs = config.node().shutdownTimeoutMs();
    this.intake = new LineIntake(vertx, id, config, instruments, this);
  }

  /** Starts reading; the returned future completes once the socket is closed and every line read is acknowledged. */
  Future<Void> start() {
    HalfClose.allow(socket);
    socket.setWriteQueueMaxSize(256 * 1024);
    socket.handler(this::read);
    socket.endHandler(v -> endOfInput());
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(e -> LOG.atInfo().addKeyValue("source", id).log("feed connection error: {}", e.getMessage()));
    socket.drainHandler(v -> writable());
    lastLineNanos = System.nanoTime();
    LOG.atInfo()
        .addKeyValue("source", id)
        .addKeyValue("remote", String.valueOf(socket.remoteAddress()))
        .log("feed connection opened");
    return Future.all(settled.future(), closedPromise.future()).mapEmpty();
  }

  /** Stops reading for shutdown; {@link #drained()} completes once shards answered every tick read. */
  void stopIntake() {
    state = IntakeState.STOPPED;
    socket.pause();
    progress();
  }

  /** Completes once intake is over (end of input, close or stop) and shards answered every tick read. */
  Future<Void> drained() {
    return answered.future();
  }

  /** Completes once intake is over and every line read is acknowledged: its ack written, its position known. */
  Future<Void> settled() {
    return settled.future();
  }

  /**
   * Closes after the acks written so far (see {@link FeedOutput#end}, waiting at most {@code withinMs}
   * for them to leave); input still arriving is dropped, never acknowledged, so the publisher resends it.
   * Completes when the socket is closed.
   */
  Future<Void> close(long withinMs) {
    if (!closing && !closed) {
      closing = true;
      socket.resume(); // read() drops input now: reading it keeps the publisher unblocked and the close clean
      if (farewell != null) {
        var unused = output.error(farewell);
      }
      output.end(withinMs);
    }
    return closedPromise.future();
  }

  String id() {
    return id;
  }

  /** Once {@link #start()} completed: tells the shards they may forget this source and its assigned feed. */
  void forgetAtShards() {
    intake.forgetAtShards();
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
    if (chunk.length() == 0) { // HalfClose's mark: the publisher ended its input
      endOfInput();
      return;
    }
    if (state != IntakeState.READING || closing) {
      return; // after the end nothing more is taken, nor acknowledged: the publisher resends it
    }
    byte[] bytes = chunk.getBytes();
    long lines = intake.lineCount();
    intake.accept(bytes, 0, bytes.length);
    if (intake.lineCount() != lines) { // an empty line counts: it is the publisher's heartbeat
      lastLineNanos = System.nanoTime();
    }
    if (!pausedForShards && (intake.pending() >= maxPending || intake.parked() >= PARKED_FACTOR * maxPending)) {
      pausedForShards = true;
      socket.pause();
    }
    if (!pausedForWrites && socket.writeQueueFull()) {
      pausedForWrites = true;
      socket.pause();
    }
    progress();
  }

  /** End of input (or of the connection): a last line without newline counts, unless the node stopped reading. */
  private void endOfInput() {
    if (publisherEnded) {
      return;
    }
    publisherEnded = true;
    if (state == IntakeState.READING && !closing) {
      state = IntakeState.ENDED_BY_PUBLISHER;
      intake.finish();
    }
    output.inputEnded();
    progress();
  }

  @Override
  public void pendingChanged(int pending) {
    shardsCaughtUp();
    progress();
  }

  /** Reading resumes once the ticks waiting for shards, and those kept until durable, are down to half. */
  private void shardsCaughtUp() {
    if (pausedForShards && intake.pending() <= maxPending / 2 && intake.parked() <= PARKED_FACTOR * maxPending / 2) {
      pausedForShards = false;
      resumeIfFree();
    }
  }

  private void writable() {
    if (pausedForWrites) {
      pausedForWrites = false;
      resumeIfFree();
    }
  }

  /**
   * Ends intake if the publisher sent no line for {@code idleNanos} up to {@code nowNanos}, and returns
   * true; the connection closes once its acks and the reason are out, as after a half-close. Time spent
   * paused for the shards or the store is ours, not the publisher's: it never counts as idle.
   */
  boolean closeIfIdle(long nowNanos, long idleNanos) {
    if (state != IntakeState.READING || closing || closed) {
      return false;
    }
    if (pausedForShards || pausedForStore) {
      lastLineNanos = nowNanos;
      return false;
    }
    if (nowNanos - lastLineNanos < idleNanos) {
      return false;
    }
    state = IntakeState.IDLE;
    farewell = "idle: no line for " + idleNanos / 1_000_000 + " ms (feed.idleTimeoutMs)";
    LOG.atInfo().addKeyValue("source", id).addKeyValue("idleMs", idleNanos / 1_000_000)
        .log("feed connection idle: closing it once its acks are out");
    progress();
    return true;
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

  /** A shard was claimed under a new epoch: what waited on an older one is sent again. */
  void claimed(ShardClaimed claim) {
    intake.claimed(claim);
    progress();
  }

  /** Asks who owns the shards whose answers waited too long for their checkpoint. */
  void checkStale(long nowNanos) {
    intake.checkStale(nowNanos);
  }

  /** Checkpoints became durable: acknowledge what they cover. */
  void durable(DurableCheckpoints checkpoints) {
    intake.durable(checkpoints);
    shardsCaughtUp();
    progress();
  }

  private void resumeIfFree() {
    if (!pausedForShards && !pausedForWrites && !pausedForStore && state == IntakeState.READING && !closing && !closed) {
      socket.resume();
    }
  }

  @Override
  public void ack(String feed, long seq) {
    acked.accept(feed, seq);
    if (!closed) {
      writeQueueFull(output.ack(feed, seq));
    }
  }

  @Override
  public void reject(Reject r) {
    if (!closed) {
      writeQueueFull(output.reject(r));
    }
  }

  /** Stops reading while the publisher does not read our lines. */
  private void writeQueueFull(boolean full) {
    if (full && !pausedForWrites) {
      pausedForWrites = true;
      socket.pause();
    }
  }

  private void onClose() {
    closed = true;
    LOG.atInfo()
        .addKeyValue("source", id)
        .addKeyValue("pendingTicks", intake.pending())
        .addKeyValue("unacknowledgedChunks", intake.unacknowledged())
        .log("feed connection closed; its pending ticks are still delivered and acknowledged");
    closedPromise.tryComplete();
    // No endOfInput() here: data still queued behind a pause would come after it. The end handler comes
    // in order, after the data; if the data stays queued, it is never read, so never acknowledged.
    progress();
  }

  /** Once intake is over: notes when shards answered everything, and when every ack is out. */
  private void progress() {
    if (state == IntakeState.READING && !closed) {
      return;
    }
    if (intake.pending() > 0) {
      return;
    }
    answered.tryComplete();
    boolean ours = state == IntakeState.ENDED_BY_PUBLISHER || state == IntakeState.IDLE;
    if (intake.unacknowledged() == 0 && settled.tryComplete() && ours) {
      var unused = close(flushWaitMs); // intake ended: its acks are written, now close
    }
  }
}
