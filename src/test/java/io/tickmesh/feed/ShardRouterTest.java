package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.Codecs;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.BatchRefusal;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.Symbols;
import io.tickmesh.model.TickBatch;
import io.tickmesh.model.TradeTick;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The router's promise under an ownership epoch, against shard consumers on a real event bus: an answer
 * settles its ticks only once its checkpoint is durable under its epoch; when the shard moves, what the
 * old owner never made durable goes to the new one again, ahead of anything newer, flagged as resent;
 * and a shard no node serves yet is retried until one does.
 */
@ExtendWith(VertxExtension.class)
class ShardRouterTest {
  private static final String SYM = "R1";
  private static final int SHARDS = 4;
  private final int shard = Symbols.shardOf(SYM, SHARDS);
  private final List<TickBatch> received = new CopyOnWriteArrayList<>();
  private final List<Long> settledSeqs = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private ShardRouter router;
  private AckTracker tracker;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    Codecs.registerAll(vertx.eventBus());
  }

  /** A router on the event loop, in a cluster (shards move); acks it settles are recorded as seqs. */
  private void startRouter(VertxTestContext ctx) throws Exception {
    vertx.runOnContext(v -> {
      tracker = new AckTracker((feed, seq) -> settledSeqs.add(seq));
      router = new ShardRouter(vertx, "src", SHARDS, new ShardRouter.Settings(16, 2_000, 100, true), new ShardRouter.Listener() {
        @Override
        public void answered(TickBatch batch, BatchAck ack) {
        }

        @Override
        public void settled(SegmentRuns runs) {
          runs.answerAll(tracker);
        }

        @Override
        public void pendingChanged(int pending) {
        }
      });
      ctx.completeNow();
    });
    assertThat(ctx.awaitCompletion(5, TimeUnit.SECONDS)).isTrue();
  }

  /** A shard owner of {@code epoch} on the bus: records what it is sent and answers with {@code answer}. */
  private MessageConsumer<TickBatch> owner(long epoch, Function<TickBatch, Object> answer) throws Exception {
    MessageConsumer<TickBatch> c = vertx.eventBus().consumer(Addresses.shard(shard), (Message<TickBatch> m) -> {
      received.add(m.body());
      Object a = answer.apply(m.body());
      if (a instanceof BatchRefusal r) {
        m.fail(r.code, String.valueOf(epoch));
      } else {
        m.reply(a);
      }
    });
    c.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return c;
  }

  private static BatchAck ack(TickBatch b, long epoch, long checkpoint) {
    return new BatchAck(b.batchNo(), b.ticks().size(), List.of(), epoch, checkpoint);
  }

  /** Sends ticks of seqs {@code from..to} in one read chunk, on the router's context. */
  private void send(long from, long to) {
    vertx.runOnContext(v -> {
      AckTracker.Segment segment = tracker.open();
      for (long seq = from; seq <= to; seq++) {
        segment.note("f", seq);
        tracker.routed(segment);
        router.add(new TradeTick("f", seq, SYM, 1_700_000_000_000_000_000L + seq, 100_000_000L, 100_000_000L), segment, 0);
      }
      tracker.seal(segment);
      router.flush();
    });
  }

  private void onContext(Runnable r) {
    vertx.runOnContext(v -> r.run());
  }

  private void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(10); // the router runs on its event loop: poll what it did
    }
  }

  @Test
  void anAnswerSettlesOnlyOnceItsCheckpointIsDurableUnderItsEpoch(VertxTestContext ctx) throws Exception {
    startRouter(ctx);
    var unused = owner(3, b -> ack(b, 3, 7));
    send(1, 5);
    await("the batch answered", () -> received.size() == 1);
    onContext(() -> router.durable(new DurableCheckpoints(List.of(new DurableCheckpoints.Durable(shard, 3, 6)))));
    onContext(() -> router.durable(new DurableCheckpoints(List.of(new DurableCheckpoints.Durable((shard + 1) % SHARDS, 3, 9)))));
    Thread.sleep(100); // nothing may settle: neither notice covers checkpoint 7 of this shard
    assertThat(settledSeqs).isEmpty();
    onContext(() -> router.durable(new DurableCheckpoints(List.of(new DurableCheckpoints.Durable(shard, 3, 7)))));
    await("settled", () -> !settledSeqs.isEmpty());
    assertThat(settledSeqs).containsExactly(5L);
    assertThat(router.parked()).isZero();
  }

  @Test
  void aMovedShardGetsTheUndurableTicksAgainBeforeAnythingNewer(VertxTestContext ctx) throws Exception {
    startRouter(ctx);
    MessageConsumer<TickBatch> old = owner(3, b -> ack(b, 3, 1));
    send(1, 5);
    await("answered by the old owner", () -> received.size() == 1);
    old.unregister().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    received.clear();
    // The new owner (epoch 4) refuses what names epoch 3, then takes everything.
    var unused = owner(4, b -> b.knownEpoch() == 3 ? BatchRefusal.EPOCH_MOVED : ack(b, 4, 2));
    send(6, 8);
    await("the resend and the new batch", () -> received.size() >= 3);
    TickBatch refused = received.get(0);
    TickBatch resent = received.get(1);
    TickBatch newer = received.get(2);
    assertThat(refused.knownEpoch()).isEqualTo(3);
    assertThat(resent.resent()).isTrue();
    assertThat(resent.knownEpoch()).isEqualTo(4);
    assertThat(resent.ticks()).extracting(t -> t.seq()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(newer.resent()).isFalse();
    assertThat(newer.ticks()).extracting(t -> t.seq()).containsExactly(6L, 7L, 8L);
    assertThat(router.resentTicks()).isEqualTo(8); // the five resent, and the three the refusal sent back
    onContext(() -> router.durable(new DurableCheckpoints(List.of(new DurableCheckpoints.Durable(shard, 3, 1)))));
    Thread.sleep(100); // a late notice of the old epoch settles nothing: those ticks are the new owner's now
    assertThat(settledSeqs).isEmpty();
    onContext(() -> router.durable(new DurableCheckpoints(List.of(new DurableCheckpoints.Durable(shard, 4, 2)))));
    await("settled under the new epoch", () -> settledSeqs.contains(8L));
  }

  @Test
  void aClaimNoticeSendsTheParkedTicksToTheNewOwner(VertxTestContext ctx) throws Exception {
    startRouter(ctx);
    MessageConsumer<TickBatch> old = owner(3, b -> ack(b, 3, 1));
    send(1, 2);
    await("answered", () -> received.size() == 1);
    old.unregister().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    var unused = owner(5, b -> ack(b, 5, 1));
    onContext(() -> router.claimed(shard, 5));
    await("resent after the claim", () -> received.size() == 2);
    assertThat(received.get(1).resent()).isTrue();
    assertThat(received.get(1).knownEpoch()).isEqualTo(5);
  }

  /**
   * The crash test's loss, in small: the claim notice requeues the parked ticks while a newer batch is
   * still in flight (retrying: no node served the shard); the new owner then refuses that batch. It must
   * go after the parked ticks, not before them: the new owner drops any seq at or below the highest it
   * applied, so older ticks sent after a newer batch would be "duplicates" and lost.
   */
  @Test
  void aBatchRefusedAfterAClaimNoticeGoesAfterTheParkedTicks(VertxTestContext ctx) throws Exception {
    startRouter(ctx);
    MessageConsumer<TickBatch> old = owner(3, b -> ack(b, 3, 1));
    send(1, 5);
    await("answered by the old owner", () -> received.size() == 1);
    old.unregister().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    send(6, 8); // no owner now: in flight, retried every 100 ms at most
    Thread.sleep(150);
    onContext(() -> router.claimed(shard, 4)); // the parked 1..5 go again, while 6..8 are still in flight
    received.clear();
    var unused = owner(4, b -> b.knownEpoch() == 3 ? BatchRefusal.EPOCH_MOVED : ack(b, 4, 2));
    await("everything at the new owner", () -> received.stream().filter(b -> b.knownEpoch() == 4).count() >= 2);
    List<Long> order = received.stream().filter(b -> b.knownEpoch() == 4)
        .flatMap(b -> b.ticks().stream().map(t -> t.seq())).toList();
    assertThat(order).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
  }

  /** An answer from an owner the lane knows was replaced is not parked under it: its ticks go to the new owner. */
  @Test
  void anAnswerFromAReplacedOwnerIsSentAgain(VertxTestContext ctx) throws Exception {
    startRouter(ctx);
    var unused = owner(3, b -> b.ticks().get(0).seq() == 1 ? ack(b, 3, 1) : b.resent() ? ack(b, 3, 2) : ack(b, 2, 9)); // 3..4 first by epoch 2
    send(1, 2);
    await("first answer", () -> received.size() == 1);
    send(3, 4);
    await("resent to epoch 3", () -> received.size() >= 3);
    assertThat(received.get(2).resent()).isTrue();
    assertThat(received.get(2).ticks()).extracting(t -> t.seq()).containsExactly(3L, 4L);
    onContext(() -> router.durable(new DurableCheckpoints(List.of(new DurableCheckpoints.Durable(shard, 3, 1)))));
    await("settled under epoch 3", () -> settledSeqs.contains(2L));
    assertThat(settledSeqs).doesNotContain(4L);
  }

  @Test
  void aShardNoNodeServesIsRetriedUntilOneDoes(VertxTestContext ctx) throws Exception {
    startRouter(ctx);
    send(1, 3);
    Thread.sleep(300); // no consumer yet: the router keeps retrying within its backoff
    var unused = owner(1, b -> ack(b, 1, 0));
    await("answered once an owner registers", () -> !settledSeqs.isEmpty());
    assertThat(settledSeqs).containsExactly(3L);
    assertThat(new ArrayList<>(received)).hasSize(1);
  }
}
