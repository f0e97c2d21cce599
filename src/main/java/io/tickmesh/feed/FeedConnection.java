package io.tickmesh.feed;

import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.Reject;
import io.tickmesh.model.ShardClaimed;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publisher's connection to the JSON-lines feed, over TCP or a WebSocket ({@link FeedTransport}).
 * Reads are paused while more than {@code feed.maxPendingTicks} ticks are unacknowledged by shards, or
 * while the publisher does not read our replies, so memory stays bounded and the publisher is slowed,
 * never dropped.
 *
 * <p>Its end: intake stops when the publisher ends its input (half-close or close), when it sent no line
 * for {@code feed.idleTimeoutMs}, or when the node stops. The connection then waits until every line it
 * read is acknowledged (durable), writes those acks (and, when idle, the reason), and only then closes,
 * so the publisher and the recorded feed positions both get the last acks. Input the transport refuses
 * (a binary WebSocket message) ends intake the same way, with its reason.
 *
 * <p>Threading: all handlers run on the context of the owning {@link FeedListener}.
 */
final class FeedConnection implements LineIntake.Replies, FeedTransport.Events {
  private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);

  private final FeedTransport transport;
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
  private boolean closed;
  private boolean closing;
  private long lastLineNanos;
  private Farewell farewell = Farewell.NORMAL;

  /** Whether lines are still taken, and if not, why: that decides the last line's fate and who closes. */
  private enum IntakeState {
    READING,
    /** The publisher ended its input: a last line without newline still counts; we close once acked. */
    ENDED_BY_PUBLISHER,
    /**
     * No line for {@code feed.idleTimeoutMs}, or input the transport refuses: a partial line is dropped; we
     * close once acked, with the reason.
     */
    ENDED_BY_NODE,
    /** The node stops: a partial line is dropped; the listener closes the connection after its drain. */
    STOPPED
  }

  FeedConnection(Vertx vertx, FeedTransport transport, String id, TickmeshConfig config, InstrumentGate instruments,
      BiConsumer<String, Long> acked) {
    this.transport = transport;
    this.acked = acked;
    this.id = id;
    this.maxPending = config.feed().maxPendingTicks();
    this.flushWaitMs = config.node().shutdownTimeoutMs();
    this.intake = new LineIntake(vertx, id, config, instruments, this);
  }

  /** Starts reading; the returned future completes once the connection is closed and every line read is acknowledged. */
  Future<Void> start() {
    transport.start(this);
    lastLineNanos = System.nanoTime();
    LOG.atInfo()
        .addKeyValue("source", id)
        .addKeyValue("remote", transport.remote())
        .log("feed connection opened");
    return Future.all(settled.future(), closedPromise.future()).mapEmpty();
  }

  /** Stops reading for shutdown; {@link #drained()} completes once shards answered every tick read. */
  void stopIntake() {
    state = IntakeState.STOPPED;
    if (farewell == Farewell.NORMAL) {
      farewell = Farewell.STOPPING;
    }
    transport.pause();
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
   * Closes after the acks written so far (see {@link FeedTransport#end}, waiting at most {@code withinMs}
   * for them to leave); input still arriving is dropped, never acknowledged, so the publisher resends it.
   * Completes when the connection is closed.
   */
  Future<Void> close(long withinMs) {
    if (!closing && !closed) {
      closing = true;
      transport.resume(); // data() drops input now: reading it keeps the publisher unblocked and the close clean
      transport.end(farewell, withinMs);
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

  /** True while reading is paused because the publisher does not read our replies. */
  boolean notReading() {
    return pausedForWrites;
  }

  @Override
  public void data(byte[] bytes, boolean endsMessage) {
    if (state != IntakeState.READING || closing) {
      return; // after the end nothing more is taken, nor acknowledged: the publisher resends it
    }
    long lines = intake.lineCount();
    intake.accept(bytes, 0, bytes.length, endsMessage);
    if (intake.lineCount() != lines) { // an empty line counts: it is the publisher's heartbeat
      lastLineNanos = System.nanoTime();
    }
    if (!pausedForShards && (intake.pending() >= maxPending || intake.parked() >= PARKED_FACTOR * maxPending)) {
      pausedForShards = true;
      transport.pause();
    }
    progress();
  }

  /** End of input (or of the connection): a last line without newline counts, unless the node stopped reading. */
  @Override
  public void endOfInput() {
    if (state == IntakeState.READING && !closing) {
      state = IntakeState.ENDED_BY_PUBLISHER;
      intake.finish();
    }
    progress();
  }

  /** The transport refuses the publisher's input: intake ends, and the connection closes after its acks, with the reason. */
  @Override
  public void refused(Farewell why) {
    if (state != IntakeState.READING || closing || closed) {
      return;
    }
    transport.pause();
    endByNode(why);
    LOG.atInfo().addKeyValue("source", id).log("feed connection input refused: closing it once its acks are out: {}", why.reason());
    progress();
  }

  private void endByNode(Farewell why) {
    state = IntakeState.ENDED_BY_NODE;
    farewell = why;
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

  @Override
  public void writable() {
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
    endByNode(Farewell.idle("idle: no line for " + idleNanos / 1_000_000 + " ms (feed.idleTimeoutMs)"));
    LOG.atInfo().addKeyValue("source", id).addKeyValue("idleMs", idleNanos / 1_000_000)
        .log("feed connection idle: closing it once its acks are out");
    progress();
    return true;
  }

  /** The store's queue is full (true) or has room again (false). */
  void storePressure(boolean on) {
    if (on && !pausedForStore) {
      pausedForStore = true;
      transport.pause();
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
      transport.resume();
    }
  }

  @Override
  public void ack(String feed, long seq) {
    acked.accept(feed, seq);
    if (!closed) {
      writeQueueFull(transport.send(FeedReplies.ack(feed, seq)));
    }
  }

  @Override
  public void reject(Reject r) {
    if (!closed) {
      writeQueueFull(transport.send(FeedReplies.reject(r)));
    }
  }

  /** Stops reading while the publisher does not read our lines. */
  private void writeQueueFull(boolean full) {
    if (full && !pausedForWrites) {
      pausedForWrites = true;
      transport.pause();
    }
  }

  @Override
  public void closed() {
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
    boolean ours = state == IntakeState.ENDED_BY_PUBLISHER || state == IntakeState.ENDED_BY_NODE;
    if (intake.unacknowledged() == 0 && settled.tryComplete() && ours) {
      var unused = close(flushWaitMs); // intake ended: its acks are written, now close
    }
  }
}
