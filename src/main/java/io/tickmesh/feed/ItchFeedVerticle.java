package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.feed.itch.ItchBooks;
import io.tickmesh.feed.itch.ItchSession;
import io.tickmesh.feed.itch.ItchSoupSource;
import io.tickmesh.feed.itch.ItchSource;
import io.tickmesh.feed.itch.OrderBook;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.Instrument;
import io.tickmesh.model.ListedInstruments;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Reject;
import io.tickmesh.model.ShardClaimed;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.model.TradeTick;
import io.tickmesh.obs.WallClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node feed of one Nasdaq TotalView-ITCH 5.0 session, from its first message: a file ({@code itch.file},
 * the BinaryFILE form) or a SoupBinTCP server ({@code itch.soup}), see {@link ItchSource}. It applies
 * each message to the session's order books ({@link ItchBooks}) and routes what they make like any feed:
 * trades as feed {@code itch:<session>:trades} and tops of book as {@code itch:<session>:quotes}, each with
 * the message's sequence number as seq, so the shards' dedupe, acks and checkpoints hold unchanged (after
 * a restart it reads the session again from message 1, which rebuilds the books, and the shards skip what
 * they applied). A message that cannot be applied is a reject with its sequence number and the reason.
 * Reads as fast as the shards take the ticks (the source pauses while {@code feed.maxPendingTicks} wait),
 * or at {@code itch.ratePerSec} messages a second.
 *
 * <p>Consumes {@code tm.feed.itch.stats}, {@code tm.feed.itch.drain} and {@code tm.itch.book} (a book's
 * levels). Publishes {@code book.<SYM>}, conflated, and at the end of the session the last changes
 * ({@link ItchDepth}). Owns: the source, the books and their depth. Threading: its event loop.
 */
public final class ItchFeedVerticle extends VerticleBase implements ShardRouter.Listener, ItchSource.Intake, ItchBooks.Output {
  private static final Logger LOG = LoggerFactory.getLogger(ItchFeedVerticle.class);
  private static final long PACE_MS = 10;

  private final TickmeshConfig config;
  private final ItchSession session;
  private final String tradesFeed;
  private final String quotesFeed;
  private final ItchSource source;
  private final ItchBooks books;
  private final SourceDrain draining = new SourceDrain();
  private final Promise<Void> ended = Promise.promise();
  private final InstrumentGate instruments = new InstrumentGate();
  private ItchDepth depth;
  private ShardRouter router;
  private AckTracker tracker;
  private AckTracker.Segment segment;
  private long chunkNanos;
  private long chunkFirstMessage;
  private long messagesIn;
  private long trades;
  private long quotes;
  private long rejected;
  private long credit;
  private long lastPaceNanos;
  private boolean pausedForShards;
  private boolean pausedForRate;
  private long readingSince;
  private long doneNanos;

  /** A feed of the ITCH session {@code session}, read from {@code source}. */
  public ItchFeedVerticle(TickmeshConfig config, ItchSession session, ItchSource source) {
    this.config = config;
    this.session = session;
    this.tradesFeed = session.tradesFeed(); // one String each: every tick carries it, every map keyed by feed hashes it once
    this.quotesFeed = session.quotesFeed();
    this.source = source;
    this.books = new ItchBooks(session.midnightNanos());
  }

  @Override
  public Future<?> start() {
    tracker = new AckTracker((feed, seq) -> {});
    depth = new ItchDepth(vertx, config, books, tradesFeed, source::lastSeq);
    router = new ShardRouter(vertx, tradesFeed, config.shards().count(), ShardRouter.Settings.of(config), this);
    var stats = vertx.eventBus().<JsonObject>localConsumer(Addresses.ITCH_STATS, this::stats);
    var drains = vertx.eventBus().<JsonObject>localConsumer(Addresses.ITCH_DRAIN, m -> drain().onComplete(v -> m.reply(new JsonObject())));
    var bookQueries = vertx.eventBus().consumer(Addresses.ITCH_BOOK, depth::answer);
    var durable = vertx.eventBus().<DurableCheckpoints>consumer(Addresses.STORE_DURABLE, m -> router.durable(m.body()));
    var claims = vertx.eventBus().<ShardClaimed>consumer(Addresses.SHARD_CLAIMED, m -> router.claimed(m.body().shard(), m.body().epoch()));
    if (config.cluster().enabled()) {
      var unused = vertx.setPeriodic(1_000, id -> router.checkStale(System.nanoTime()));
    }
    if (session.ratePerSec() > 0) {
      lastPaceNanos = System.nanoTime();
      var unused = vertx.setPeriodic(PACE_MS, id -> pace());
    }
    return Future.all(List.of(stats.completion(), drains.completion(), bookQueries.completion(), durable.completion(), claims.completion()))
        .compose(v -> instruments.follow(vertx, config.feed().requireKnownInstrument()))
        .onSuccess(v -> {
          LOG.atInfo().addKeyValue("feed", tradesFeed).addKeyValue("source", source.describe()).addKeyValue("date", session.date())
              .addKeyValue("ratePerSec", session.ratePerSec())
              .log("ITCH feed {} reading {} (session date {}, {})", tradesFeed, source.describe(), session.date(), session.zone());
          readingSince = System.nanoTime();
          depth.start();
          source.start(this);
        });
  }

  @Override
  public void chunkStarts() {
    chunkNanos = WallClock.nanos();
    chunkFirstMessage = messagesIn;
    segment = tracker.open();
  }

  @Override
  public void chunkDone() {
    tracker.seal(segment);
    router.flush();
    list();
    if (router.pending() >= config.feed().maxPendingTicks() && !pausedForShards) {
      pausedForShards = true;
      source.pause();
    }
    if (session.ratePerSec() > 0) {
      credit -= (messagesIn - chunkFirstMessage) * 1_000_000_000L;
      if (credit < 0 && !pausedForRate) {
        pausedForRate = true;
        source.pause();
      }
    }
  }

  @Override
  public void ended() {
    depth.publishChanged(); // the session's last changes, now rather than at the next turn of the timer
    ended.tryComplete();
    settledAll(router.pending());
    LOG.atInfo().addKeyValue("feed", tradesFeed).addKeyValue("messages", messagesIn).addKeyValue("trades", trades)
        .addKeyValue("quotes", quotes).addKeyValue("rejected", rejected)
        .log("ITCH session {} ended ({}): {} messages, {} trades, {} quotes, {} rejected", tradesFeed, source.describe(),
            messagesIn, trades, quotes, rejected);
  }

  /** Lets the source go on while fewer messages were read than {@code itch.ratePerSec} allows. */
  private void pace() {
    long now = System.nanoTime();
    long elapsed = Math.min(now - lastPaceNanos, 1_000_000_000L);
    lastPaceNanos = now;
    // in messages x nanoseconds; at most a tenth of a second's worth saved up
    credit = Math.min(credit + session.ratePerSec() * elapsed, session.ratePerSec() * 100_000_000L);
    if (pausedForRate && credit >= 0) {
      pausedForRate = false;
      resume();
    }
  }

  private void resume() {
    if (!pausedForShards && !pausedForRate && !draining.stopping()) {
      source.resume();
    }
  }

  @Override
  public void message(long seq, byte[] b, int off, int len) {
    messagesIn++;
    books.apply(seq, b, off, len, this);
  }

  @Override
  public void broken(long seq, String reason, byte[] b, int off, int len) {
    messagesIn++;
    reject(seq, reason, HexFormat.of().formatHex(b, off, off + Math.min(len, 64)));
  }

  @Override
  public void trade(long seq, String symbol, long tsNanos, long price, long shares) {
    TradeTick trade = ItchSession.trade(tradesFeed, seq, symbol, tsNanos, price, shares);
    if (admitted(trade)) {
      trades++;
      route(trade);
    }
  }

  @Override
  public void bookChanged(OrderBook book) {
    depth.changed(book);
  }

  @Override
  public void quote(long seq, String symbol, long tsNanos, OrderBook.Top top) {
    QuoteTick quote = ItchSession.quote(quotesFeed, seq, symbol, tsNanos, top);
    if (admitted(quote)) {
      quotes++;
      route(quote);
    }
  }

  /** Whether the instrument master lets {@code tick} through (the session's own directory makes a symbol known); else a reject. */
  private boolean admitted(Tick tick) {
    if (!instruments.required()) {
      return true;
    }
    String why = instruments.check(tick, books.directory().lists(tick.symbol()));
    if (why != null) {
      reject(tick.seq(), why);
    }
    return why == null;
  }

  /** Hands what the session's directory changed to the node's instrument master. */
  private void list() {
    Map<String, Map<String, String>> changed = books.directory().takeChanged();
    if (changed.isEmpty()) {
      return;
    }
    String source = "itch:" + session.name();
    List<Instrument> entries = new ArrayList<>(changed.size());
    changed.forEach((symbol, attributes) -> entries.add(new Instrument(symbol, 0, source, attributes, 1)));
    vertx.eventBus().request(Addresses.INSTRUMENTS_LISTED, new ListedInstruments(source, entries)).onFailure(e -> LOG.atWarn()
        .addKeyValue("feed", tradesFeed).addKeyValue("instruments", entries.size())
        .log("the instrument master did not take {} directory entries of {}: {}", entries.size(), source, e.getMessage()));
  }

  @Override
  public void reject(long seq, String reason) {
    reject(seq, reason, "");
  }

  private void reject(long seq, String reason, String raw) {
    rejected++;
    Reject reject = new Reject(tradesFeed, seq, seq, "ITCH message " + seq + ": " + reason, raw, chunkNanos);
    vertx.eventBus().publish(Addresses.REJECTS, JsonViews.reject(reject));
  }

  private void route(Tick tick) {
    // no segment.note: there is no publisher to acknowledge to; segments only count the shards' answers
    tracker.routed(segment);
    router.add(tick, segment, chunkNanos);
  }

  private void stats(Message<JsonObject> request) {
    request.reply(router.statsReply(tradesFeed, new JsonObject()
        .put("kind", "itch")
        .put("ticksIn", trades + quotes + rejected)
        .put("ticksRejected", rejected)
        .put("messagesIn", messagesIn)
        .put("trades", trades)
        .put("quotes", quotes)
        .put("restingOrders", books.restingOrders())
        .put("booksPublished", depth.published())
        .put("source", source.describe())
        .put("lastSeq", source.lastSeq())
        .put("ended", ended.future().isComplete())
        .put("doneMs", doneNanos == 0 ? null : (doneNanos - readingSince) / 1_000_000)
        .put("connects", source instanceof ItchSoupSource soup ? soup.connects() : 0)
        .put("gaps", source instanceof ItchSoupSource soup ? soup.gaps() : 0)));
  }

  @Override
  public void answered(TickBatch batch, BatchAck ack) {
    // no publisher to tell: rejects of the shards are published by them and counted there
  }

  @Override
  public void settled(SegmentRuns runs) {
    runs.answerAll(tracker);
  }

  @Override
  public void pendingChanged(int pending) {
    if (pausedForShards && pending <= config.feed().maxPendingTicks() / 2) {
      pausedForShards = false;
      resume();
    }
    draining.pendingChanged(pending);
    settledAll(pending);
  }

  /** Notes when the session was read to its end and every tick answered by its shard: {@code doneMs} in the stats. */
  private void settledAll(int pending) {
    if (pending == 0 && doneNanos == 0 && ended.future().isComplete()) {
      doneNanos = System.nanoTime();
    }
  }

  /** Stops reading and completes once every tick routed is handled by its shard. */
  private Future<Void> drain() {
    return draining.drain(source::pause, router.pending());
  }

  @Override
  public Future<?> stop() {
    return drain().compose(v -> source.close()).andThen(v -> depth.stop());
  }
}
