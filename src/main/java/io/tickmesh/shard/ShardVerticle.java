package io.tickmesh.shard;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.BatchRefusal;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.ForgetSource;
import io.tickmesh.model.ShardFenced;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.ShardOutputs;
import io.tickmesh.model.Reject;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.model.TradeTick;
import io.tickmesh.obs.PathLog;
import io.tickmesh.obs.WallClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shard {@code n}: the only owner of every symbol with {@code shardOf(symbol) == n}. Applies tick batches
 * to each symbol's {@link SymbolState}, exactly once per (feed, seq): a resent batch gets its first answer
 * again, and a seq not above the highest applied one of its feed is refused as a duplicate.
 *
 * <p>Consumes {@code tm.shard.<n>} (TickBatch, reply BatchAck), {@code tm.shard.<n>.query} (see
 * {@link ShardQueries}), {@code tm.shard.<n>.forget} (ForgetSource: a closed source and its assigned
 * feeds, durable), {@code tm.shard.<n>.checkpoint} and, in a cluster, {@code tm.shard.<n>.relay} (Boolean:
 * whether another node wants its outputs, from the node's relay). Publishes {@code trades.<SYM>}, {@code quotes.<SYM>}, {@code bars.<i>.<SYM>}
 * and {@code rejects}. Threading: everything runs on this verticle's event loop; timers close bars by
 * wall clock and release conflated quotes.
 */
public final class ShardVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ShardVerticle.class);
  private static final int MAX_SOURCES = 4096;
  private static final int MAX_FEEDS = 65_536;
  /**
   * In a cluster, an event loop that ran nothing for this long was frozen (SIGSTOP, a long GC pause, a
   * suspended VM): the other nodes may have taken this shard meanwhile, and Hazelcast has not said so
   * yet. The shard stops serving before it applies anything more, and the node claims it again if it is
   * still its own. Hazelcast gives a node up only after 5 s without heartbeats, so a shorter gap cannot
   * have let another node claim the shard: 4 s leaves a margin, and keeps an event loop merely starved
   * for CPU (2 s gaps were seen with three nodes, PostgreSQL and a publisher on two cores) serving.
   */
  private static final long STALL_NS = 4_000_000_000L;

  private final int shard;
  private final TickmeshConfig config;
  private final BarSettings barSettings;
  private final SymbolTable symbols = new SymbolTable();
  private final Map<String, BatchAck> lastAnswers = new BoundedLru<>(MAX_SOURCES);
  private final AppliedSeqs appliedSeqs = new AppliedSeqs(MAX_FEEDS);
  private final ArrayList<SymbolSlot> touched = new ArrayList<>();
  private final ShardCounters counters = new ShardCounters();
  private final ShardStart startState;
  /** The slot whose bars {@link #emitted} takes: one sink for every emit, not a lambda per slot and batch. */
  private SymbolSlot emitting;
  /** With the store off, a bar nobody on this node (or, in a cluster, the relay) takes is counted, not built. */
  private final BarSink emitted = new BarSink() {
    @Override
    public boolean wants(BarInterval interval, String symbol) {
      return config.store().enabled() || publisher.wantsBar(interval, symbol);
    }

    @Override
    public void skipped(int revision) {
      publisher.countBar(revision);
    }

    @Override
    public void accept(Bar bar) {
      closed(emitting, bar);
    }
  };
  private ShardPublisher publisher;
  private ShardCheckpoints checkpoints;
  private long batchEpoch;
  /** The one-shot timer publishing quotes that wait for their interval; -1 while none waits. */
  private long quoteTimer = -1;
  private long quotePeriod;
  private boolean timersOff;
  private long closeTimer;
  private long checkpointTimer = -1;
  private boolean serving = true;
  private long lastBeat = System.nanoTime();

  /** Shard {@code shard} of a node configured by {@code config}, started as {@code start} says. */
  public ShardVerticle(int shard, TickmeshConfig config, ShardStart start) {
    this.shard = shard;
    this.config = config;
    this.startState = start;
    TickmeshConfig.Bars bars = config.bars();
    this.barSettings =
        new BarSettings(
            bars.intervals(),
            bars.allowedLatenessMs() * 1_000_000L,
            bars.graceMs() * 1_000_000L,
            bars.retain());
  }

  @Override
  public Future<?> start() {
    publisher = new ShardPublisher(vertx.eventBus(), config.publish().quoteIntervalMs(), config.publish().trades(),
        config.cluster().enabled());
    boolean store = config.store().enabled();
    checkpoints = new ShardCheckpoints(vertx.eventBus(), shard, store, startState.epoch(), startState.lastCheckpointId());
    restore();
    ShardQueries queries = new ShardQueries(shard, symbols, counters, publisher, startState);
    quotePeriod = Math.max(10, Math.min(250, config.publish().quoteIntervalMs() / 2));
    long closePeriod = Math.max(20, Math.min(250, config.bars().graceMs() / 4));
    // The close timer is the shard's heartbeat too (see stalled). The quote timer runs only while quotes
    // wait: 64 shards each woken every 50 ms for nothing kept an idle node at 15 % of a core.
    closeTimer = vertx.setPeriodic(closePeriod, id -> {
      long now = System.nanoTime();
      if (!stalled(now)) {
        lastBeat = now;
      }
      closeDueBars();
    });
    armCheckpointTimer(); // restore may have changed the state already
    var batches = vertx.eventBus().<TickBatch>consumer(Addresses.shard(shard), this::onBatch);
    var queryConsumer = vertx.eventBus().consumer(Addresses.shardQuery(shard), queries::answer);
    var forgets = vertx.eventBus().<ForgetSource>localConsumer(Addresses.shardForget(shard), m -> forget(m.body()));
    var relayWanted = vertx.eventBus().<Boolean>localConsumer(Addresses.shardRelay(shard),
        m -> publisher.relayWanted(Boolean.TRUE.equals(m.body())));
    // The hand-off of a planned move: no more batches, a last checkpoint, taken even if nothing changed since
    // the one before: the reply is that Checkpoint (null without a store), whose state the next owner serves.
    // After it nothing more is written either: bars due by the wall clock are the next owner's to close, and
    // a row written after the last checkpoint would hold up the release (its fence lock) and be fenced.
    // The body says whether the next owner serves from that state at once: then queries go to it from now
    // on too (this stopped state falls behind as soon as it does).
    var stops = vertx.eventBus().<Boolean>localConsumer(Addresses.shardStop(shard), m -> {
      serving = false;
      // Batches find no handler here from now on: sent again, they reach the next owner as soon as it
      // serves, not this stopped shard (which the node undeploys only after telling the others).
      batches.unregister().onFailure(e -> LOG.atDebug().addKeyValue("shard", shard).log("unregistering the stopped shard's batches: {}",
          e.getMessage()));
      if (Boolean.TRUE.equals(m.body())) {
        queryConsumer.unregister().onFailure(e -> LOG.atDebug().addKeyValue("shard", shard)
            .log("unregistering the stopped shard's queries: {}", e.getMessage()));
      }
      cancelTimers();
      m.reply(checkpoints.checkpoint(symbols, appliedSeqs, true));
    });
    var checkpointRequests = vertx.eventBus().localConsumer(Addresses.shardCheckpoint(shard), m -> {
      var unused = checkpoints.checkpoint(symbols, appliedSeqs, false);
      m.reply(checkpoints.taken);
    });
    // With the store on, closed bars stay in memory only until PostgreSQL has them (see ShardCheckpoints).
    // This node's writer is the only one writing this shard's checkpoints: a local consumer hears it.
    var durable = store
        ? vertx.eventBus().<DurableCheckpoints>localConsumer(Addresses.STORE_DURABLE, m -> {
          for (DurableCheckpoints.Durable d : m.body().checkpoints()) {
            if (d.shard() == shard && d.epoch() == startState.epoch()) {
              checkpoints.durable(d.checkpointId(), symbols);
            }
          }
        }).completion()
        : Future.succeededFuture();
    return Future.all(List.of(batches.completion(), queryConsumer.completion(), forgets.completion(), stops.completion(),
        checkpointRequests.completion(), durable, relayWanted.completion()));
  }

  /** Restores the last durable checkpoint, if the node found one. */
  private void restore() {
    if (startState.state() == null) {
      return;
    }
    ShardSnapshot.Restored restored = ShardSnapshot.decode(startState.state(), barSettings, System.nanoTime());
    for (SymbolState state : restored.symbols()) {
      symbols.add(new SymbolSlot(state));
    }
    int dropped = restoreFeedSeqs(restored.feedSeqs());
    restored.warnings().forEach(w -> LOG.atWarn().addKeyValue("shard", shard).log("restoring the checkpoint: {}", w));
    LOG.atDebug()
        .addKeyValue("shard", shard)
        .addKeyValue("checkpoint", startState.lastCheckpointId())
        .addKeyValue("symbols", symbols.size())
        .addKeyValue("feeds", restored.feedSeqs().size() - dropped)
        .addKeyValue("assignedFeedsDropped", dropped)
        .log("shard restored from its last checkpoint (durable, or handed over by its last owner)");
  }

  /**
   * Restores the highest applied seq per feed, but on a single node not those of the feeds it assigned:
   * they belong to connections of an earlier run, gone with it, and no one can send them again (their
   * connections were open at the stop, or the node died). The next checkpoint leaves them out. In a
   * cluster another node's live connection may still resend to a shard that moved: keep them there.
   */
  private int restoreFeedSeqs(Map<String, Long> feedSeqs) {
    boolean single = !config.cluster().enabled();
    int dropped = 0;
    for (Map.Entry<String, Long> e : feedSeqs.entrySet()) {
      if (single && e.getKey().startsWith(Tick.ASSIGNED_FEED_PREFIX)) {
        dropped++;
      } else {
        appliedSeqs.restore(e.getKey(), e.getValue());
      }
    }
    if (dropped > 0) {
      stateChanged();
    }
    return dropped;
  }

  /**
   * A closed source is durable: its last answer is no longer needed (it sends nothing more), nor are the
   * applied seqs of the feeds the node assigned it (no one can send those feeds again). The next
   * checkpoint leaves them out.
   */
  private void forget(ForgetSource closed) {
    boolean changed = lastAnswers.remove(closed.source()) != null;
    for (String feed : closed.feeds()) {
      changed |= appliedSeqs.forget(feed);
    }
    if (changed) {
      stateChanged();
    }
  }

  private void onBatch(Message<TickBatch> message) {
    TickBatch batch = message.body();
    var unused = stalled(System.nanoTime());
    BatchRefusal refusal = refusal(batch);
    if (refusal != null) {
      message.fail(refusal.code, String.valueOf(startState.epoch()));
      return;
    }
    BatchAck previous = lastAnswers.get(batch.source());
    if (previous != null && previous.batchNo() == batch.batchNo()) {
      LOG.atInfo().addKeyValue("cid", batch.correlationId()).log("resent batch answered again");
      message.reply(previous);
      return;
    }
    String cid = message.headers().get("cid");
    long trades = publisher.tradesPublished;
    long quotes = publisher.quotesPublished;
    long bars = publisher.barsClosed + publisher.barRevisions;
    BatchAck ack = apply(batch);
    lastAnswers.put(batch.source(), ack);
    message.reply(ack);
    if (PathLog.LOG.isDebugEnabled()) {
      cid = cid != null ? cid : batch.correlationId();
      PathLog.LOG.atDebug().addKeyValue("cid", cid).addKeyValue("stage", "shard").addKeyValue("shard", shard)
          .addKeyValue("applied", ack.applied()).addKeyValue("rejected", ack.rejects().size()).log("batch applied");
      PathLog.LOG.atDebug().addKeyValue("cid", cid).addKeyValue("stage", "publish").addKeyValue("shard", shard)
          .addKeyValue("trades", publisher.tradesPublished - trades).addKeyValue("quotes", publisher.quotesPublished - quotes)
          .addKeyValue("bars", publisher.barsClosed + publisher.barRevisions - bars).log("batch outputs published");
    }
  }

  /**
   * True if, in a cluster, this shard's event loop was frozen since its last beat (see {@link #STALL_NS}):
   * the shard stops serving at once and tells the node, which drops it and claims it again if it still
   * should own it. Also true once the shard stopped serving that way.
   */
  private boolean stalled(long now) {
    if (!config.cluster().enabled()) {
      return false;
    }
    if (serving && now - lastBeat > STALL_NS) {
      serving = false;
      LOG.atWarn().addKeyValue("shard", shard).addKeyValue("epoch", startState.epoch())
          .addKeyValue("frozenMs", (now - lastBeat) / 1_000_000)
          .log("shard {} ran nothing for {} ms (the process was frozen?): it stops serving, since other nodes may own it"
              + " by now, and the node claims it again if it is still its own", shard, (now - lastBeat) / 1_000_000);
      vertx.eventBus().send(Addresses.SHARD_STALLED, new ShardFenced(shard, startState.epoch()));
    }
    return !serving;
  }

  /**
   * Null if this shard takes the batch, else why not: it stopped serving (it is being handed over or
   * dropped), or the batch's source knows another ownership epoch. A source that knows an older one must
   * first resend what it sent under it ({@code EPOCH_MOVED}, the answer names this epoch); one that knows
   * a newer one is talking to a stale owner ({@code NOT_OWNER}).
   */
  private BatchRefusal refusal(TickBatch batch) {
    if (!serving) {
      return BatchRefusal.NOT_OWNER;
    }
    long known = batch.knownEpoch();
    if (known == 0 || known == startState.epoch()) {
      return null;
    }
    return known < startState.epoch() ? BatchRefusal.EPOCH_MOVED : BatchRefusal.NOT_OWNER;
  }

  private BatchAck apply(TickBatch batch) {
    long now = System.nanoTime();
    long epoch = ++batchEpoch;
    int applied = 0;
    List<Reject> rejects = List.of();
    for (Tick tick : batch.ticks()) {
      String reason = duplicateReason(tick);
      if (reason != null && batch.resent()) {
        counters.duplicates--;
        counters.resentSkipped++; // sent again after a move, and in the restored checkpoint already: not a refusal
        continue;
      }
      SymbolSlot slot = null;
      if (reason == null) {
        slot = slotOf(tick.symbol());
        reason = applySafely(tick, slot, now, batch.correlationId());
      }
      if (reason == null) {
        applied++;
        if (slot.touchedInBatch != epoch) {
          slot.touchedInBatch = epoch;
          touched.add(slot);
        }
      } else {
        if (rejects.isEmpty()) {
          rejects = new ArrayList<>();
        }
        Reject r = new Reject(tick.feed(), tick.seq(), 0, reason, JsonViews.tickLine(tick), WallClock.nanos());
        rejects.add(r);
        publisher.reject(r);
      }
    }
    for (SymbolSlot slot : touched) {
      publishDue(slot, now, batch.correlationId());
    }
    touched.clear();
    if (applied > 0) {
      counters.published(WallClock.nanos() - batch.ingestNanos(), applied);
    }
    counters.batches++;
    counters.applied += applied;
    counters.rejected += rejects.size();
    stateChanged();
    handOff(batch.correlationId());
    relay();
    armQuoteTimer();
    return new BatchAck(batch.batchNo(), applied, rejects, startState.epoch(), checkpoints.pendingCheckpointId());
  }

  /** Null if the tick's (feed, seq) is new here, and records it; else why it is a duplicate. */
  private String duplicateReason(Tick tick) {
    long highest = appliedSeqs.record(tick.feed(), tick.seq());
    if (highest < 0) {
      return null;
    }
    counters.duplicates++;
    return "duplicate: seq " + tick.seq() + " of feed " + tick.feed() + " was already handled (highest " + highest + ")";
  }

  /**
   * A tick that makes the analytics throw is a bug, not bad input: it is logged with its batch and
   * refused, so the batch is still answered and the feed does not resend it forever.
   */
  private String applySafely(Tick tick, SymbolSlot slot, long now, String cid) {
    try {
      return applyOne(tick, slot, now);
    } catch (RuntimeException e) {
      counters.failed++;
      LOG.atError()
          .addKeyValue("cid", cid)
          .addKeyValue("shard", shard)
          .addKeyValue("feed", tick.feed())
          .addKeyValue("seq", tick.seq())
          .addKeyValue("symbol", tick.symbol())
          .setCause(e)
          .log("applying a tick failed; it is refused and the shard goes on");
      return "internal error while applying this tick: " + e;
    }
  }

  private String applyOne(Tick tick, SymbolSlot slot, long now) {
    if (tick instanceof TradeTick t) {
      String late = slot.state.applyTrade(t, now);
      if (late != null) {
        counters.late++;
        return late;
      }
      publisher.trade(slot, t);
      checkpoints.trade(t);
      return null;
    }
    var unused = slot.state.applyQuote((QuoteTick) tick);
    return null;
  }

  private SymbolSlot slotOf(String symbol) {
    SymbolSlot slot = symbols.get(symbol);
    if (slot == null) {
      slot = new SymbolSlot(new SymbolState(symbol, barSettings));
      symbols.add(slot);
    }
    return slot;
  }

  private void publishDue(SymbolSlot slot, long now, String cid) {
    try {
      emitDue(slot, now);
      publisher.quoteChanged(slot, now);
    } catch (RuntimeException e) {
      LOG.atError()
          .addKeyValue("cid", cid)
          .addKeyValue("shard", shard)
          .addKeyValue("symbol", slot.state.symbol())
          .setCause(e)
          .log("publishing bars or the quote failed; the shard goes on");
    }
  }

  private void closeDueBars() {
    long now = System.nanoTime();
    long before = publisher.barsClosed + publisher.barRevisions;
    for (SymbolSlot slot : symbols) {
      try {
        emitDue(slot, now);
      } catch (RuntimeException e) {
        LOG.atError().addKeyValue("shard", shard).addKeyValue("symbol", slot.state.symbol()).setCause(e)
            .log("closing bars by the wall clock failed; the shard goes on");
      }
    }
    if (publisher.barsClosed + publisher.barRevisions != before) {
      stateChanged();
      handOff("timer");
      relay();
    }
  }

  /**
   * Hands the batch's outputs to the store. Its failure is a bug; it is logged and must not keep the
   * batch from being answered (an unanswered batch is resent, and its ticks would be refused as
   * duplicates of themselves).
   */
  private void handOff(String cid) {
    try {
      checkpoints.handOff();
    } catch (RuntimeException e) {
      LOG.atError().addKeyValue("cid", cid).addKeyValue("shard", shard).setCause(e).log("handing outputs to the store failed");
    }
  }

  /** In a cluster: what this step published goes to the node's relay, for subscribers on other nodes. */
  private void relay() {
    List<ShardOutputs.Output> outputs = publisher.takeRelayed();
    if (!outputs.isEmpty()) {
      vertx.eventBus().send(Addresses.RELAY_OUTPUTS, new ShardOutputs(shard, outputs));
    }
  }

  private void emitDue(SymbolSlot slot, long now) {
    emitting = slot;
    slot.state.emitDue(now, emitted);
  }

  /** A bar closed or was revised: published, and handed to the store. */
  private void closed(SymbolSlot slot, Bar bar) {
    publisher.bar(slot, intervalIndex(bar.interval()), bar);
    checkpoints.bar(bar);
  }

  /**
   * The position of {@code interval} in the configured intervals. A bar carries the very instance of
   * its settings, so identity finds it; {@code List.indexOf} (record equals on every bar) took 8 % of a
   * shard's time in a profile of the bench.
   */
  private int intervalIndex(BarInterval interval) {
    List<BarInterval> all = barSettings.intervals();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) == interval) {
        return i;
      }
    }
    return all.indexOf(interval);
  }

  /** The state changed: the next checkpoint takes it, at most {@code store.checkpointMs} from now. */
  private void stateChanged() {
    checkpoints.changed();
    armCheckpointTimer();
  }

  /**
   * While the state changed since the last checkpoint, a timer takes the next one; none runs while
   * nothing changes (64 shards each woken five times a second for nothing kept an idle node busy).
   */
  private void armCheckpointTimer() {
    if (checkpointTimer >= 0 || timersOff || !checkpoints.hasChanged()) {
      return;
    }
    checkpointTimer = vertx.setTimer(config.store().checkpointMs(), id -> {
      checkpointTimer = -1;
      var unused = checkpoints.checkpoint(symbols, appliedSeqs, false);
    });
  }

  /** While quotes wait for their interval, a timer publishes them; none runs while none waits. */
  private void armQuoteTimer() {
    if (quoteTimer >= 0 || timersOff || !publisher.hasWaitingQuotes()) {
      return;
    }
    quoteTimer = vertx.setTimer(quotePeriod, id -> {
      quoteTimer = -1;
      long now = System.nanoTime();
      if (stalled(now)) {
        return;
      }
      publisher.flushQuotes(now);
      relay();
      armQuoteTimer();
    });
  }

  private void cancelTimers() {
    timersOff = true;
    var unusedQuote = quoteTimer >= 0 && vertx.cancelTimer(quoteTimer);
    var unusedClose = vertx.cancelTimer(closeTimer);
    var unusedCheckpoint = checkpointTimer >= 0 && vertx.cancelTimer(checkpointTimer);
  }

  /** Stops the timers; batches still arriving are answered until the consumers are gone. */
  @Override
  public Future<?> stop() {
    cancelTimers();
    LOG.atDebug()
        .addKeyValue("shard", shard)
        .addKeyValue("symbols", symbols.size())
        .addKeyValue("applied", counters.applied)
        .addKeyValue("rejected", counters.rejected)
        .log("shard stopped");
    return Future.succeededFuture();
  }
}
