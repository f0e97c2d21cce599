package io.tickmesh.store;

import io.tickmesh.codec.Addresses;
import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.Instrument;
import io.tickmesh.model.Instruments;
import io.tickmesh.model.InvalidValueException;
import io.tickmesh.model.ListedInstruments;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's copy of the instrument master, kept from the {@code instruments} table (none without a
 * store: then the master lives in memory only). It reads the whole table at start, what changed every
 * {@value #REFRESH_MS} ms and as soon as another node says it changed something, and the whole table again
 * every minute. Each change makes a new {@link Instruments} snapshot, sent to each feed's gate (which
 * follows with {@code tm.instruments.follow}); the feeds check their ticks against it without asking
 * anyone: a lookup never waits. A PUT is answered once every gate has the change.
 *
 * <p>Consumes {@code tm.instruments.current}, {@code tm.instruments.put} (the compare-and-set on the
 * version: see {@link #put}), {@code tm.instruments.listed} (a feed's directory: answered once the feeds
 * have the new snapshot, written to PostgreSQL after), {@code tm.instruments.follow} and {@code tm.instruments.notice}. Sends
 * each new snapshot to {@code tm.instruments.changed.<gate>}. Owns the snapshot. Threading: its event loop.
 */
public final class InstrumentMasterVerticle extends VerticleBase {
  /** How often the table is read for changes. */
  static final long REFRESH_MS = 5_000;
  private static final int FULL_READ_EVERY = 12;
  private static final long REREAD = 1_000;
  private static final long FOLLOWER_TIMEOUT_MS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(InstrumentMasterVerticle.class);

  private final String nodeId;
  private final Pool pool;
  private Instruments current;
  private long lastRevision;
  private int refreshes;
  private boolean reading;
  private boolean readAgain;
  private boolean readFailing;
  /** The feeds' gates, by the address where each takes a new snapshot (one per feed verticle). */
  private final List<String> followers = new ArrayList<>();
  private Future<Void> listings = Future.succeededFuture();

  /** The master of node {@code nodeId}, stored through {@code pool} (null: in memory); checks ticks if {@code required}. */
  public InstrumentMasterVerticle(String nodeId, Pool pool, boolean required) {
    this.nodeId = nodeId;
    this.pool = pool;
    this.current = required ? Instruments.required(Map.of()) : Instruments.ANY;
  }

  @Override
  public Future<?> start() {
    var currents = vertx.eventBus().localConsumer(Addresses.INSTRUMENTS_CURRENT, m -> m.reply(current));
    var follows = vertx.eventBus().<String>localConsumer(Addresses.INSTRUMENTS_FOLLOW, m -> {
      followers.add(m.body());
      m.reply(current);
    });
    var puts = vertx.eventBus().<JsonObject>localConsumer(Addresses.INSTRUMENTS_PUT, this::put);
    var listings = vertx.eventBus().<ListedInstruments>localConsumer(Addresses.INSTRUMENTS_LISTED, this::listed);
    var notices = vertx.eventBus().consumer(Addresses.INSTRUMENTS_NOTICE, m -> {
      // from any node: only a trigger to read, so a body that is not {"node": text} is ignored
      if (m.body() instanceof JsonObject notice && notice.getValue("node") instanceof String from && !nodeId.equals(from)) {
        read(false);
      }
    });
    Future<Void> loaded = pool == null ? Future.succeededFuture() : readAll(0, new ArrayList<>()).map(all -> {
      replace(all);
      LOG.atInfo().addKeyValue("instruments", all.size()).log("instrument master: {} instruments read from PostgreSQL", all.size());
      var unused = vertx.setPeriodic(REFRESH_MS, id -> read(++refreshes % FULL_READ_EVERY == 0));
      return null;
    });
    return Future.all(List.of(currents.completion(), follows.completion(), puts.completion(), listings.completion(), notices.completion()))
        .compose(v -> loaded);
  }

  /**
   * Defines or changes one instrument: body {@code {"symbol","tickSize","attributes","version"}}. A new
   * symbol needs no version (or 0); a change needs the version it changes, else it fails 409 with the
   * stored version (someone changed it first, or the sender did not know it existed). The same
   * definition again is answered as it stands, whatever the version: a PUT may be repeated.
   */
  private void put(Message<JsonObject> m) {
    Instrument wanted;
    long version;
    try {
      wanted = InstrumentBodies.definition(m.body());
      version = InstrumentBodies.version(m.body());
    } catch (InvalidValueException e) {
      m.fail(400, e.getMessage());
      return;
    }
    Instrument held = current.get(wanted.symbol());
    if (held != null && held.sameDefinition(wanted)) {
      m.reply(JsonViews.instrument(held));
      return;
    }
    if (held != null && version != held.version()) {
      m.fail(409, conflict(held));
      return;
    }
    if (held == null && version != 0) {
      m.fail(409, wanted.symbol() + " is not in the instrument master: send no version (or 0) to define it");
      return;
    }
    Future<Instrument> stored = pool == null
        ? Future.succeededFuture(new Instrument(wanted.symbol(), wanted.tickSize(), wanted.source(), wanted.attributes(), version + 1))
        : InstrumentRows.put(pool, wanted, version);
    stored.onComplete(r -> {
      if (r.failed()) {
        LOG.atWarn().addKeyValue("symbol", wanted.symbol()).log("storing instrument {} failed: {}", wanted.symbol(), r.cause().getMessage());
        m.fail(503, "the instrument master's store did not answer; nothing was changed; try again");
      } else if (r.result() == null) {
        read(false); // someone else changed it: learn what
        m.fail(409, wanted.symbol() + " changed meanwhile, or exists already: read it again (GET) and send its version");
      } else {
        notifyOthers();
        LOG.atInfo().addKeyValue("symbol", wanted.symbol()).addKeyValue("version", r.result().version())
            .log("instrument {} defined (version {})", wanted.symbol(), r.result().version());
        changed(List.of(r.result())).onComplete(v -> m.reply(JsonViews.instrument(r.result())));
      }
    });
  }

  private static String conflict(Instrument held) {
    return held.symbol() + " is at version " + held.version() + " (source " + held.source() + "): send \"version\": "
        + held.version() + " to change it";
  }

  /** A feed's directory entries: merged into the snapshot at once (answered then), stored after. */
  private void listed(Message<ListedInstruments> m) {
    List<Instrument> merged = new ArrayList<>();
    for (Instrument entry : m.body().instruments()) {
      Instrument held = current.get(entry.symbol());
      Instrument next = merge(held, entry);
      if (held == null || !held.sameDefinition(next) || !held.source().equals(next.source())) {
        merged.add(next);
      }
    }
    // answered once the node's feeds have the entries (the ITCH feed itself needs no answer to go on)
    changed(merged).onComplete(v -> m.reply(merged.size()));
    if (pool != null && !merged.isEmpty()) {
      // one write at a time, in the order the feed listed them: two batches of the same rows never race
      listings = listings.transform(previous -> InstrumentRows.listed(pool, merged));
      listings.onComplete(r -> {
        if (r.failed()) {
          LOG.atWarn().addKeyValue("source", m.body().source()).addKeyValue("instruments", merged.size())
              .log("storing {} directory entries of {} failed: the node's copy has them until its next whole read (within a minute),"
                  + " PostgreSQL when the feed lists them again: {}",
                  merged.size(), m.body().source(), r.cause().getMessage());
        } else {
          read(false);
          notifyOthers();
        }
      });
    }
  }

  /**
   * A feed's entry over what is held: the tick size held, the feed's attributes over those held (the
   * feed's alone if both would pass {@link Instrument#MAX_ATTRIBUTES}), one version more.
   */
  private static Instrument merge(Instrument held, Instrument entry) {
    if (held == null) {
      return new Instrument(entry.symbol(), 0, entry.source(), entry.attributes(), 1);
    }
    Map<String, String> attributes = new HashMap<>(held.attributes());
    attributes.putAll(entry.attributes());
    if (attributes.size() > Instrument.MAX_ATTRIBUTES) {
      LOG.atWarn().addKeyValue("symbol", entry.symbol()).addKeyValue("source", entry.source())
          .log("instrument {}: {}'s attributes and those held are more than {}; the feed's replace them", entry.symbol(), entry.source(),
              Instrument.MAX_ATTRIBUTES);
      attributes = entry.attributes();
    }
    return new Instrument(entry.symbol(), held.tickSize(), entry.source(), attributes, held.version() + 1);
  }

  /** Takes {@code instruments} into the copy; completes once every feed's gate has the new copy (or 2 s passed). */
  private Future<Void> changed(List<Instrument> instruments) {
    Instruments next = current.with(instruments);
    if (next == current) {
      return Future.succeededFuture();
    }
    current = next;
    return tellFollowers();
  }

  private void replace(List<Instrument> all) {
    current = current.replacedBy(all);
    var unused = tellFollowers();
  }

  /** Sends the copy to every gate; a gate gone (its feed undeployed) is forgotten. Never fails. */
  private Future<Void> tellFollowers() {
    List<Future<?>> told = new ArrayList<>(followers.size());
    for (String follower : List.copyOf(followers)) {
      told.add(vertx.eventBus().request(follower, current, new DeliveryOptions().setSendTimeout(FOLLOWER_TIMEOUT_MS)).onFailure(e -> {
        if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
          followers.remove(follower);
        }
      }));
    }
    return Future.join(told).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  private void notifyOthers() {
    vertx.eventBus().publish(Addresses.INSTRUMENTS_NOTICE, new JsonObject().put("node", nodeId));
  }

  /** Reads what changed since the last read (everything if {@code full}); one read at a time. */
  private void read(boolean full) {
    if (pool == null) {
      return;
    }
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    // revisions are taken before their transactions commit, so one may appear after a higher one was read:
    // each read goes back REREAD revisions (the rows unchanged since are no change to the copy)
    Future<List<Instrument>> rows = readAll(full ? 0 : Math.max(0, lastRevision - REREAD), new ArrayList<>());
    rows.onComplete(r -> {
      reading = false;
      readOutcome(r.cause());
      if (r.succeeded() && full) {
        replace(r.result());
      } else if (r.succeeded() && !r.result().isEmpty()) {
        var unused = changed(r.result());
      }
      if (readAgain) {
        readAgain = false;
        read(false);
      }
    });
  }

  /** Logs a failed read once per outage (the store's own checks say the rest), and the recovery. */
  private void readOutcome(Throwable failure) {
    if (failure != null && !readFailing) {
      readFailing = true;
      LOG.atWarn().log("reading the instrument master failed (the node keeps its copy and tries again every {} ms): {}",
          REFRESH_MS, failure.getMessage());
    } else if (failure == null && readFailing) {
      readFailing = false;
      LOG.atInfo().log("reading the instrument master works again");
    }
  }

  private Future<List<Instrument>> readAll(long after, List<Instrument> into) {
    return InstrumentRows.since(pool, after).compose(page -> {
      into.addAll(page.instruments());
      lastRevision = Math.max(lastRevision, page.lastRevision());
      return page.rows() < InstrumentRows.PAGE ? Future.succeededFuture(into) : readAll(page.lastRevision(), into);
    });
  }
}
