package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.ShardClaimed;
import io.tickmesh.model.ForgetSource;
import io.tickmesh.model.Reject;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.obs.WallClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The transport-free part of a line feed: splits chunks into lines, parses (JSON, or CSV after a CSV
 * header), checks sequences and the instrument master ({@link InstrumentGate}), routes ticks to shards and reports acks and rejects to its {@link Replies}.
 * Each line counts once in {@code ticksIn} and ends as applied or refused.
 *
 * <p>Threading: owned by the context of the connection that feeds it.
 */
final class LineIntake implements LineSink, FeedDefaults, ShardRouter.Listener {
  /** What the transport does with the outcome. */
  interface Replies {
    /** Everything of {@code feed} up to {@code seq} is handled. */
    void ack(String feed, long seq);

    /** A line was refused. */
    void reject(Reject reject);

    /** Ticks still queued or in flight. */
    void pendingChanged(int pending);
  }

  private static final byte[] NEWLINE = {'\n'};

  private final io.vertx.core.Vertx vertx;
  private final String source;
  private final String assignedFeed;
  private final Replies replies;
  private final LineSplitter splitter;
  private final TickParser jsonParser;
  private final TickmeshConfig.Feed settings;
  private final AckTracker tracker;
  private final ShardRouter router;
  private final FeedSequences sequences;
  private final InstrumentGate instruments;
  private CsvTickParser csvParser;
  private boolean firstLine = true;
  /** Set by {@link #finish}: the line being read is the unterminated rest of the stream. */
  private boolean endOfStream;
  private long assignedSeq;
  private AckTracker.Segment segment;
  private long chunkNanos;

  LineIntake(io.vertx.core.Vertx vertx, String source, TickmeshConfig config, InstrumentGate instruments, Replies replies) {
    this.vertx = vertx;
    this.instruments = instruments;
    this.source = source;
    this.assignedFeed = FeedIds.assigned(source);
    this.replies = replies;
    this.settings = config.feed();
    this.splitter = new LineSplitter(settings.maxLineBytes(), this);
    this.jsonParser = new TickParser(WallClock::nanos, settings.maxClockSkewMs() * 1_000_000L);
    this.tracker = new AckTracker(replies::ack);
    this.router = new ShardRouter(vertx, source, config.shards().count(), ShardRouter.Settings.of(config), this);
    this.sequences = new FeedSequences(source, settings.maxSeqJump());
  }

  /**
   * Takes one chunk as read from the transport and sends what it completes. {@code endsMessage}: the
   * transport's message ends with this chunk (a WebSocket message), and so does its last line, newline
   * or not.
   */
  void accept(byte[] chunk, int off, int len, boolean endsMessage) {
    segment = tracker.open();
    chunkNanos = WallClock.nanos();
    splitter.accept(chunk, off, len);
    if (endsMessage && (len == 0 || chunk[off + len - 1] != '\n')) {
      splitter.accept(NEWLINE, 0, 1);
    }
    tracker.seal(segment);
    router.flush();
  }

  /**
   * End of the stream: a last line without a newline is still read. If it is refused, it was most
   * likely cut off by the publisher's crash: its seq is not counted as handled, so the position a
   * publisher resumes after never skips it.
   */
  void finish() {
    endOfStream = true;
    segment = tracker.open();
    chunkNanos = WallClock.nanos();
    splitter.finish();
    tracker.seal(segment);
    router.flush();
  }

  /** Ticks queued or in flight to shards. */
  int pending() {
    return router.pending();
  }

  /** Ticks answered and kept until durable, to send again if their shard moves (a cluster only). */
  int parked() {
    return router.parked();
  }

  /** Lines read so far, blank ones included. */
  long lineCount() {
    return splitter.lineCount();
  }

  /** Read chunks whose lines are not all acknowledged yet (waiting for shards or for durability). */
  int unacknowledged() {
    return tracker.openSegments();
  }

  /** Adds the ticks queued or in flight to each shard into {@code byShard}. */
  void addPendingByShard(long[] byShard) {
    router.addPendingByShard(byShard);
  }

  /** Visits the counters of each feed seen on this source. */
  void counters(BiConsumer<String, FeedSequences.Counters> visitor) {
    sequences.forEach(visitor);
  }

  /**
   * Once the source is closed and every line it read is acknowledged: tells each shard it sent to that
   * the source and its assigned feed may be forgotten (no one can send that feed again).
   */
  void forgetAtShards() {
    ForgetSource closed = new ForgetSource(source, List.of(assignedFeed));
    router.forEachShardSentTo(shard -> vertx.eventBus().send(Addresses.shardForget(shard), closed));
  }

  /** The feed of lines that name none: {@code auto:<source>}, forgotten once the source is closed and durable. */
  @Override
  public String feed() {
    return assignedFeed;
  }

  @Override
  public long nextSeq() {
    return ++assignedSeq;
  }

  @Override
  public void line(byte[] buf, int off, int len, long lineNo) {
    if (firstLine) {
      firstLine = false;
      if (CsvTickParser.looksLikeCsvHeader(buf, off, len)) {
        startCsv(buf, off, len, lineNo);
        return;
      }
    }
    Tick tick;
    try {
      tick =
          csvParser != null
              ? csvParser.parse(buf, off, len, this)
              : jsonParser.parse(buf, off, len, this);
    } catch (TickFormatException e) {
      refuse(e.feed(), e.seq(), lineNo, e.getMessage(), buf, off, len);
      return;
    }
    if (endOfStream && csvParser != null) {
      // A JSON line that parses is whole (its closing brace arrived); a CSV row cut after a digit of its
      // last cell parses too, with a wrong value. Without its newline it cannot be trusted.
      refuse(tick.feed(), tick.seq(), lineNo, "a CSV row must end with a newline; its last cell may be cut", buf, off, len);
      return;
    }
    FeedSequences.Counters counters = sequences.of(tick.feed());
    counters.ticksIn++;
    counters.lastInNanos = chunkNanos;
    FeedSequences.Verdict verdict = sequences.check(tick.feed(), counters, tick.seq(), chunkNanos);
    if (verdict != FeedSequences.Verdict.ACCEPTED) {
      counters.rejected++;
      String reason = sequences.reason(verdict, tick.feed(), counters, tick.seq());
      if (sequences.countsRefused(counters, tick.seq())) { // a duplicate always counts; a far jump never skips seqs
        segment.note(tick.feed(), tick.seq());
      }
      publish(new Reject(tick.feed(), tick.seq(), lineNo, reason, raw(buf, off, len), chunkNanos));
      return;
    }
    String unknown = instruments.check(tick, false);
    if (unknown != null) { // a valid line the master refuses: handled (acknowledged) as refused
      counters.rejected++;
      segment.note(tick.feed(), tick.seq());
      publish(new Reject(tick.feed(), tick.seq(), lineNo, unknown, raw(buf, off, len), chunkNanos));
      return;
    }
    segment.note(tick.feed(), tick.seq());
    tracker.routed(segment);
    counters.pending++;
    router.add(tick, segment, chunkNanos);
  }

  @Override
  public void tooLong(byte[] prefix, int prefixLen, long lineNo, long totalBytes) {
    String reason =
        "line of " + totalBytes + " bytes is longer than the limit of " + settings.maxLineBytes();
    refuse(null, 0, lineNo, reason, prefix, 0, prefixLen);
  }

  private void startCsv(byte[] buf, int off, int len, long lineNo) {
    try {
      csvParser =
          CsvTickParser.forHeader(
              buf, off, len, WallClock::nanos, settings.maxClockSkewMs() * 1_000_000L);
    } catch (TickFormatException e) {
      refuse(null, 0, lineNo, e.getMessage(), buf, off, len);
    }
  }

  private void refuse(
      String feed, long seq, long lineNo, String reason, byte[] buf, int off, int len) {
    String owner = feed != null ? feed : assignedFeed;
    FeedSequences.Counters counters = sequences.of(owner);
    counters.ticksIn++;
    counters.rejected++;
    counters.lastInNanos = chunkNanos;
    if (!endOfStream && sequences.countsRefused(counters, seq)) {
      segment.note(owner, seq);
    }
    String why = endOfStream ? "cut off: the connection closed before the line ended (" + reason + ")" : reason;
    publish(new Reject(owner, seq, lineNo, why, raw(buf, off, len), chunkNanos));
  }

  private void publish(Reject reject) {
    vertx.eventBus().publish(Addresses.REJECTS, JsonViews.reject(reject));
    replies.reject(reject);
  }

  private static String raw(byte[] buf, int off, int len) {
    return new String(buf, off, Math.min(len, Reject.MAX_RAW), StandardCharsets.UTF_8);
  }

  @Override
  public void answered(TickBatch batch, BatchAck ack) {
    if (!batch.resent()) { // a batch sent again was counted when it was first answered
      countAnswered(batch);
    }
    for (Reject r : ack.rejects()) {
      replies.reject(r);
    }
  }

  @Override
  public void settled(SegmentRuns runs) {
    runs.answerAll(tracker);
  }

  /** The batch's ticks are no longer pending; a batch nearly always holds one feed, so look-ups are rare. */
  private void countAnswered(TickBatch batch) {
    String feed = null;
    FeedSequences.Counters counters = null;
    for (Tick tick : batch.ticks()) {
      if (!tick.feed().equals(feed)) {
        feed = tick.feed();
        counters = sequences.of(feed);
      }
      counters.pending--;
    }
  }

  /** Checkpoints became durable: what they cover may now be acknowledged. */
  void durable(DurableCheckpoints checkpoints) {
    router.durable(checkpoints);
  }

  /** A shard was claimed under a new epoch: what waited on an older one is sent again. */
  void claimed(ShardClaimed claim) {
    router.claimed(claim.shard(), claim.epoch());
  }

  /** Asks who owns the shards whose answers waited too long for their checkpoint (a cluster only). */
  void checkStale(long nowNanos) {
    router.checkStale(nowNanos);
  }

  @Override
  public void pendingChanged(int pending) {
    replies.pendingChanged(pending);
  }
}
