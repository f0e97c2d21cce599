package io.tickmesh.feed;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.config.VenueFeed;
import io.tickmesh.feed.venue.PriceLevelBook;
import io.tickmesh.feed.venue.VenueEvents;
import io.tickmesh.feed.venue.VenueMessageException;
import io.tickmesh.feed.venue.VenueProblem;
import io.tickmesh.feed.venue.VenueProtocol;
import io.tickmesh.feed.venue.VenueSequences;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Reject;
import io.tickmesh.model.ShardClaimed;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.model.TradeTick;
import io.tickmesh.obs.WallClock;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node feed of one exchange WebSocket feed of {@code venues.feeds}: its {@link VenueConnection} keeps
 * the WebSocket open and subscribed; its {@link VenueProtocol} (one class per venue) turns each message
 * into trades, quotes and book changes. Trades go out as feed {@code <name>:<product>} with the venue's
 * trade id as seq, quotes as {@code <name>:<product>:ticker} with the venue's sequence, routed like any
 * feed's ticks ({@link ShardRouter}: dedupe, checkpoints and exactly-once hold unchanged). Across
 * reconnects {@link VenueSequences} routes no venue number twice and counts the trade ids missed as gaps;
 * books wait for a fresh snapshot before they are published again ({@link VenueDepth}). A message that
 * cannot be taken is a reject with its reason; the feed goes on. Books that start from a REST snapshot
 * (Binance) get it from {@link VenueSnapshots}, for the connection that asked only; a failed request is
 * tried again, waiting twice as long each time from {@code venues.reconnectMinMs} up to
 * {@code venues.reconnectMaxMs}. While {@code feed.maxPendingTicks} ticks wait for their shards the
 * WebSocket is paused, and read again at half of that.
 *
 * <p>Consumes {@code tm.feed.venue.<name>.stats}, {@code .drain} and {@code tm.venue.book.<name>}.
 * Publishes {@code book.<SYM>} and {@code rejects}. Owns: the connection, the protocol and its books, the
 * sequences, the counters. Threading: its event loop.
 */
public final class VenueFeedVerticle extends VerticleBase implements ShardRouter.Listener, VenueConnection.Listener, VenueEvents {
  private static final Logger LOG = LoggerFactory.getLogger(VenueFeedVerticle.class);

  private final TickmeshConfig config;
  private final VenueFeed feed;
  private final VenueProtocol protocol;
  private final VenueSequences sequences = new VenueSequences();
  private final InstrumentGate instruments = new InstrumentGate();
  private final SourceDrain draining = new SourceDrain();
  private final Map<VenueProblem, Long> problems = new EnumMap<>(VenueProblem.class);
  /** Failed snapshot requests in a row, by product. */
  private final Map<String, Integer> snapshotTries = new HashMap<>();
  private final long maxSkewNanos;
  private VenueConnection connection;
  private VenueDepth depth;
  private VenueSnapshots snapshots;
  private ShardRouter router;
  private AckTracker tracker;
  private AckTracker.Segment segment;
  private long messageNanos;
  private long messagesIn;
  private long trades;
  private long quotes;
  private long rejected;
  private long duplicates;
  private long disconnects;
  private long snapshotRequests;
  private long snapshotFailures;
  private boolean pausedForShards;

  /** The feed {@code feed}, spoken by {@code protocol}. */
  public VenueFeedVerticle(TickmeshConfig config, VenueFeed feed, VenueProtocol protocol) {
    this.config = config;
    this.feed = feed;
    this.protocol = protocol;
    this.maxSkewNanos = config.feed().maxClockSkewMs() * 1_000_000L;
  }

  @Override
  public Future<?> start() {
    tracker = new AckTracker((f, seq) -> {});
    depth = new VenueDepth(vertx, config, protocol.books());
    router = new ShardRouter(vertx, feed.name(), config.shards().count(), ShardRouter.Settings.of(config), this);
    connection = new VenueConnection(vertx, feed, config.venues(), protocol::subscriptions, this);
    if (feed.snapshotUrl() != null) {
      snapshots = new VenueSnapshots(vertx, feed.snapshotUrl(), config.venues().maxMessageBytes());
    }
    var stats = vertx.eventBus().<JsonObject>localConsumer(Addresses.venueStats(feed.name()), this::stats);
    var drains = vertx.eventBus().<JsonObject>localConsumer(Addresses.venueDrain(feed.name()),
        m -> drain().onComplete(v -> m.reply(new JsonObject())));
    var bookQueries = vertx.eventBus().consumer(Addresses.venueBook(feed.name()), depth::answer);
    var durable = vertx.eventBus().<DurableCheckpoints>consumer(Addresses.STORE_DURABLE, m -> router.durable(m.body()));
    var claims = vertx.eventBus().<ShardClaimed>consumer(Addresses.SHARD_CLAIMED, m -> router.claimed(m.body().shard(), m.body().epoch()));
    if (config.cluster().enabled()) {
      var unused = vertx.setPeriodic(1_000, id -> router.checkStale(System.nanoTime()));
    }
    return Future.all(List.of(stats.completion(), drains.completion(), bookQueries.completion(), durable.completion(), claims.completion()))
        .compose(v -> instruments.follow(vertx, config.feed().requireKnownInstrument()))
        .onSuccess(v -> {
          LOG.atInfo().addKeyValue("feed", feed.name()).addKeyValue("venue", feed.venue()).addKeyValue("url", feed.url())
              .log("venue feed {} ({}) connecting to {} for {} products, channels {}", feed.name(), feed.venue(), feed.url(),
                  feed.products().size(), feed.channels());
          depth.start();
          connection.start();
        });
  }

  @Override
  public void message(String text) {
    messagesIn++;
    var unused = read(text, json -> protocol.message(json, this)); // a refused message is a reject, nothing more
  }

  /** Reads one text from the venue (a message, a snapshot) with {@code reading}; false if refused (a reject). */
  private boolean read(String text, Consumer<Object> reading) {
    messageNanos = WallClock.nanos();
    segment = tracker.open();
    try {
      reading.accept(parse(text));
      return true;
    } catch (VenueMessageException e) {
      reject(feed.name(), 0, e.problem(), e.detail(), text);
      return false;
    } finally {
      tracker.seal(segment);
      router.flush();
      if (router.pending() >= config.feed().maxPendingTicks() && !pausedForShards) {
        pausedForShards = true;
        connection.pause();
      }
    }
  }

  private static Object parse(String text) {
    try {
      return Json.decodeValue(text);
    } catch (DecodeException e) {
      String detail = e.getMessage() == null ? "" : e.getMessage();
      int cut = detail.indexOf('\n');
      throw new VenueMessageException(VenueProblem.NOT_JSON, cut < 0 ? detail : detail.substring(0, cut));
    }
  }

  @Override
  public void binary(int bytes) {
    messagesIn++;
    messageNanos = WallClock.nanos();
    reject(feed.name(), 0, VenueProblem.BAD_MESSAGE, "a binary message of " + bytes + " bytes: the feed reads text messages", "");
  }

  @Override
  public void failed(Throwable why) {
    String detail = String.valueOf(why.getMessage());
    // Netty says so in its words: "max frame length ... exceeded", "... overflow max message size of N"
    boolean tooLong = detail.contains("exceeded") || detail.contains("max message size") || detail.contains("too big");
    messageNanos = WallClock.nanos();
    reject(feed.name(), 0, tooLong ? VenueProblem.TOO_LONG : VenueProblem.BAD_MESSAGE,
        (tooLong ? "longer than venues.maxMessageBytes=" + config.venues().maxMessageBytes() + " (" + detail + ")" : detail), "");
  }

  @Override
  public void connected() {
    LOG.atInfo().addKeyValue("feed", feed.name()).addKeyValue("connects", connection.connects())
        .log("venue feed {} connected to {} and subscribed", feed.name(), feed.url());
  }

  @Override
  public void lost(String why, long retryMs) {
    disconnects++;
    protocol.disconnected();
    LOG.atWarn().addKeyValue("feed", feed.name()).addKeyValue("retryMs", retryMs)
        .log("venue feed {}: {}; connecting again in {} ms (books wait for fresh snapshots)", feed.name(), why, retryMs);
  }

  @Override
  public void trade(String symbol, long tradeId, boolean resent, long tsNanos, long px, long qty) {
    var verdict = protocol.numbersTradesConsecutively() ? sequences.trade(symbol, tradeId, messageNanos) : sequences.increasing(symbol, tradeId);
    switch (verdict) {
      case SEEN -> {
        if (resent) {
          duplicates++; // sent again on every subscribe: already routed
        } else {
          reject(symbol, tradeId, VenueProblem.OUT_OF_ORDER, "trade id " + tradeId + " of " + symbol
              + " is not above the last one taken, " + sequences.last(symbol), "");
        }
      }
      case AFTER_GAP -> {
        VenueSequences.Gap gap = sequences.lastGap();
        LOG.atWarn().addKeyValue("feed", symbol).addKeyValue("after", gap.after()).addKeyValue("next", gap.next())
            .log("trades of {} missed (the venue does not replay them): ids {} to {}", symbol, gap.after() + 1, gap.next() - 1);
        route(new TradeTick(symbol, tradeId, symbol, tsNanos, px, qty));
      }
      case NEXT -> route(new TradeTick(symbol, tradeId, symbol, tsNanos, px, qty));
    }
  }

  @Override
  public void quote(String symbol, long seq, long tsNanos, long bid, long bidQty, long ask, long askQty) {
    String quoteFeed = symbol + ":ticker";
    if (sequences.increasing(quoteFeed, seq) == VenueSequences.Verdict.SEEN) {
      duplicates++;
      return;
    }
    route(new QuoteTick(quoteFeed, seq, symbol, tsNanos, bid, bidQty, ask, askQty));
  }

  @Override
  public void bookChanged(PriceLevelBook book) {
    depth.changed(book);
  }

  @Override
  public void bookResync(PriceLevelBook book, String reason) {
    problems.merge(VenueProblem.BOOK_RESYNC, 1L, Long::sum);
    LOG.atWarn().addKeyValue("feed", feed.name()).addKeyValue("symbol", book.symbol())
        .log("book of {} resyncs: {}", book.symbol(), reason);
  }

  @Override
  public long receivedNanos() {
    return messageNanos;
  }

  @Override
  public void send(String text) {
    connection.send(text);
  }

  @Override
  public void checkFailed(String symbol, String detail) {
    LOG.atWarn().addKeyValue("feed", feed.name()).addKeyValue("symbol", symbol).log("check of {} failed: {}", symbol, detail);
  }

  @Override
  public void snapshotWanted(String product, String path) {
    if (snapshots == null) {
      throw new IllegalStateException("feed " + feed.name() + " has no snapshotUrl");
    }
    snapshotRequests++;
    long connect = connection.connects();
    snapshots.get(path).onComplete(ar -> snapshotAnswered(product, path, connect, ar));
  }

  private void snapshotAnswered(String product, String path, long connect, AsyncResult<String> answer) {
    if (connection.connects() != connect || connection.state() != VenueConnection.State.OPEN) {
      return; // for a connection that is gone: the books ask again on the new one
    }
    if (answer.succeeded() && read(answer.result(), json -> protocol.snapshot(product, json, this))) {
      var unused = snapshotTries.remove(product);
      return;
    }
    snapshotFailures++;
    int tries = snapshotTries.merge(product, 1, Integer::sum);
    long delay = Math.min(config.venues().reconnectMaxMs(), config.venues().reconnectMinMs() << Math.min(tries - 1, 20));
    LOG.atWarn().addKeyValue("feed", feed.name()).addKeyValue("product", product).addKeyValue("retryMs", delay)
        .log("book snapshot {}{} failed: {}; asking again in {} ms", feed.snapshotUrl(), path,
            answer.succeeded() ? "refused (see the reject)" : answer.cause().getMessage(), delay);
    var unused = vertx.setTimer(delay, id -> {
      if (connection.connects() == connect && connection.state() == VenueConnection.State.OPEN) {
        snapshotWanted(product, path);
      }
    });
  }

  /** Routes {@code tick} after the checks a line's tick gets: not too far in the future, a known instrument if required. */
  private void route(Tick tick) {
    if (tick.ts() - messageNanos > maxSkewNanos) {
      reject(tick.feed(), tick.seq(), VenueProblem.BAD_MESSAGE, "ts " + tick.ts() + " is more than feed.maxClockSkewMs ahead of the node's clock", "");
      return;
    }
    String why = instruments.required() ? instruments.check(tick, false) : null;
    if (why != null) {
      reject(tick.feed(), tick.seq(), VenueProblem.BAD_MESSAGE, why, "");
      return;
    }
    if (tick instanceof TradeTick) {
      trades++;
    } else {
      quotes++;
    }
    tracker.routed(segment);
    router.add(tick, segment, messageNanos);
  }

  private void reject(String feedId, long seq, VenueProblem problem, String reason, String raw) {
    rejected++;
    problems.merge(problem, 1L, Long::sum);
    String why = feed.name() + " message " + messagesIn + ": " + problem.label() + ": " + reason;
    Reject reject = new Reject(feedId, seq, 0, why, raw, messageNanos);
    vertx.eventBus().publish(Addresses.REJECTS, JsonViews.reject(reject));
  }

  private void stats(Message<JsonObject> request) {
    JsonObject venueCounters = new JsonObject();
    protocol.counters().forEach(venueCounters::put);
    JsonObject byProblem = new JsonObject();
    problems.forEach((p, n) -> byProblem.put(p.name().toLowerCase(java.util.Locale.ROOT), n));
    long synced = protocol.books().stream().filter(b -> b.state() == PriceLevelBook.State.SYNCED).count();
    request.reply(router.statsReply(feed.name(), new JsonObject()
        .put("kind", "venue")
        .put("venue", feed.venue())
        .put("url", feed.url())
        .put("state", connection.state().name().toLowerCase(java.util.Locale.ROOT))
        .put("connects", connection.connects())
        .put("disconnects", disconnects)
        .put("ticksIn", trades + quotes + rejected)
        .put("ticksRejected", rejected)
        .put("messagesIn", messagesIn)
        .put("trades", trades)
        .put("quotes", quotes)
        .put("duplicates", duplicates)
        .put("gaps", sequences.gaps())
        .put("missing", sequences.missing())
        .put("recentGaps", sequences.recentJson())
        .put("problems", byProblem)
        .put("books", protocol.books().size())
        .put("booksSynced", synced)
        .put("bookResyncs", protocol.books().stream().mapToLong(PriceLevelBook::resyncs).sum())
        .put("snapshotRequests", snapshotRequests)
        .put("snapshotFailures", snapshotFailures)
        .put("booksPublished", depth.published())
        .put("idleMs", messageNanos == 0 ? 0 : Math.max(0, WallClock.nanos() - messageNanos) / 1_000_000)
        .mergeIn(venueCounters)));
  }

  @Override
  public void answered(TickBatch batch, BatchAck ack) {
    // no publisher to tell: the shards publish and count their own rejects
  }

  @Override
  public void settled(SegmentRuns runs) {
    runs.answerAll(tracker);
  }

  @Override
  public void pendingChanged(int pending) {
    if (pausedForShards && pending <= config.feed().maxPendingTicks() / 2) {
      pausedForShards = false;
      if (!draining.stopping()) {
        connection.resume();
      }
    }
    draining.pendingChanged(pending);
  }

  /** Stops reading and completes once every tick routed is handled by its shard. */
  private Future<Void> drain() {
    return draining.drain(connection::pause, router.pending());
  }

  @Override
  public Future<?> stop() {
    return drain().compose(v -> connection.close())
        .compose(v -> snapshots == null ? Future.succeededFuture() : snapshots.close())
        .andThen(v -> depth.stop());
  }
}
