package io.tickmesh.api.bridge;

import io.tickmesh.codec.Addresses;
import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients of one bridge (the TCP bridge, or SockJS): admits them up to {@code bridge.maxConnections},
 * closes those that send nothing for {@code bridge.idleTimeoutMs}, and keeps the bytes all of them leave
 * unread under {@code bridge.maxTotalQueueBytes} by cutting off the client furthest behind. Answers
 * {@code tm.bridge.<name>.stats} with its counters.
 *
 * <p>Threading: owned by the bridge's context; its sessions, outboxes and {@link Fanout} live there too.
 */
final class BridgeHub implements ClientOutbox.Hub {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeHub.class);
  /** Why a client was disconnected by the node, with the WebSocket close code that says so. */
  enum Ending {
    /** Past its own bound, {@code bridge.maxQueueBytes}. */
    SLOW(1008),
    /** Furthest behind when the bridge's clients together passed {@code bridge.maxTotalQueueBytes}. */
    BRIDGE_FULL(1013),
    /** A frame longer than {@code bridge.maxFrameBytes}. */
    TOO_BIG(1009),
    /** A frame that cannot be read past, or too many refused frames. */
    PROTOCOL(1008),
    /** Nothing sent for {@code bridge.idleTimeoutMs}. */
    IDLE(1001),
    /** The bridge is full: {@code bridge.maxConnections}. */
    FULL(1013),
    /** The node stops. */
    STOPPING(1001);

    final int closeCode;

    Ending(int closeCode) {
      this.closeCode = closeCode;
    }
  }

  private final Vertx vertx;
  private final TickmeshConfig.Bridge limits;
  private final Dialect dialect;
  private final String name;
  private final Fanout fanout;
  private final ClientErrors errors;
  /** Clients being served; a client the node ended is gone from here at once. */
  private final Set<BridgeSession> sessions = new LinkedHashSet<>();
  /** Connections open, counting those ended whose reason is still on its way: they hold buffers too. */
  private int connections;
  private final Map<Ending, Long> endings = new EnumMap<>(Ending.class);
  private long totalUnread;
  private long accepted;
  private long refusedConnections;
  private final List<ClientOutbox> toFlush = new ArrayList<>();
  private Context context;
  private long idleTimer = -1;

  BridgeHub(Vertx vertx, TickmeshConfig.Bridge limits, Dialect dialect, String name, boolean relayInterest) {
    this.vertx = vertx;
    this.limits = limits;
    this.dialect = dialect;
    this.name = name;
    this.fanout = new Fanout(vertx.eventBus(), dialect, relayInterest);
    this.errors = new ClientErrors(name);
  }

  /** Starts the idle sweep and the stats consumer; call on the bridge's context. */
  Future<Void> start() {
    context = vertx.getOrCreateContext();
    long idle = limits.idleTimeoutMs();
    if (idle > 0) {
      idleTimer = vertx.setPeriodic(Math.max(50, Math.min(5_000, idle / 4)), id -> closeIdle(idle));
    }
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.bridgeStats(name), m -> m.reply(stats())).completion();
  }

  /**
   * A new client on {@code link}: its session, or null if the bridge has {@code bridge.maxConnections}
   * clients already, in which case the client is told why and the link closed.
   */
  BridgeSession admit(ClientLink link) {
    if (connections >= limits.maxConnections()) {
      refusedConnections++;
      String reason = "too_many_connections: this bridge has " + connections + " connections, at most "
          + limits.maxConnections() + " (bridge.maxConnections); try again later";
      new ClientOutbox(vertx, link, this, limits.maxQueueBytes(), limits.conflateBytes())
          .finish(Delivery.control(dialect.error(reason)), Ending.FULL.closeCode, reason);
      return null;
    }
    accepted++;
    connections++;
    BridgeSession session = new BridgeSession(this, link);
    sessions.add(session);
    return session;
  }

  ClientOutbox outboxFor(ClientLink link) {
    return new ClientOutbox(vertx, link, this, limits.maxQueueBytes(), limits.conflateBytes());
  }

  /**
   * Counts {@code bytes} more unread; past {@code bridge.maxTotalQueueBytes} the client furthest behind
   * is cut off, if it is behind by at least {@code bridge.conflateBytes}. The rest of an excess is in the
   * buffers of connections already ended, which close within seconds: cutting off a client that keeps up
   * would not make them close sooner.
   */
  @Override
  public void reserve(ClientOutbox asking, int bytes) {
    totalUnread += bytes;
    if (totalUnread > limits.maxTotalQueueBytes()) {
      BridgeSession heaviest = null;
      for (BridgeSession s : sessions) {
        if (heaviest == null || s.outbox().unread() > heaviest.outbox().unread()) {
          heaviest = s;
        }
      }
      if (heaviest != null && heaviest.outbox().unread() >= limits.conflateBytes()) {
        heaviest.end("slow consumer: the clients of this bridge leave " + totalUnread + " bytes unread, more than"
            + " bridge.maxTotalQueueBytes=" + limits.maxTotalQueueBytes() + ", and this client is furthest behind ("
            + heaviest.outbox().unread() + " bytes)", Ending.BRIDGE_FULL);
      }
    }
  }

  @Override
  public void release(int bytes) {
    totalUnread -= bytes;
  }

  /**
   * The end of a batch: flushes every outbox that got frames once the bridge has taken the messages
   * already waiting for it (this runs behind them on the event loop).
   */
  @Override
  public void flushSoon(ClientOutbox outbox) {
    toFlush.add(outbox);
    if (toFlush.size() == 1) {
      context.runOnContext(v -> flushAll());
    }
  }

  private void flushAll() {
    List<ClientOutbox> now = List.copyOf(toFlush);
    toFlush.clear();
    for (ClientOutbox outbox : now) {
      outbox.flush();
    }
  }

  private void closeIdle(long idleMs) {
    long now = System.nanoTime();
    for (BridgeSession s : List.copyOf(sessions)) {
      if (now - s.lastFrameNanos() > idleMs * 1_000_000L) {
        s.end("idle: no frame for " + idleMs + " ms (bridge.idleTimeoutMs); send a ping to stay connected", Ending.IDLE);
      }
    }
  }

  /** The node stops: every client is told so and disconnected. */
  void stop() {
    if (idleTimer >= 0) {
      var unused = vertx.cancelTimer(idleTimer);
    }
    if (!sessions.isEmpty()) {
      LOG.atInfo().addKeyValue("bridge", name).addKeyValue("clients", sessions.size())
          .log("the node is stopping: closing the bridge's {} clients", sessions.size());
    }
    for (BridgeSession s : List.copyOf(sessions)) {
      s.end("stopping: the node is shutting down", Ending.STOPPING);
    }
  }

  void ended(BridgeSession session, Ending why, String reason) {
    endings.merge(why, 1L, Long::sum);
    errors.disconnected(session, why, reason);
  }

  void gone(BridgeSession session) {
    sessions.remove(session);
  }

  void disconnected(BridgeSession session) {
    connections--;
  }

  JsonObject stats() {
    JsonObject disconnects = new JsonObject();
    for (Ending e : Ending.values()) {
      disconnects.put(e.name().toLowerCase(java.util.Locale.ROOT), endings.getOrDefault(e, 0L));
    }
    return new JsonObject()
        .put("clients", sessions.size())
        .put("connections", connections)
        .put("maxConnections", limits.maxConnections())
        .put("accepted", accepted)
        .put("refused", refusedConnections)
        .put("unreadBytes", totalUnread)
        .put("maxTotalQueueBytes", limits.maxTotalQueueBytes())
        .put("addresses", fanout.addresses())
        .put("subscriptions", fanout.subscriptions())
        .put("messages", fanout.messages())
        .put("disconnects", disconnects);
  }

  TickmeshConfig.Bridge limits() {
    return limits;
  }

  Dialect dialect() {
    return dialect;
  }

  Fanout fanout() {
    return fanout;
  }

  ClientErrors errors() {
    return errors;
  }

  EventBus bus() {
    return vertx.eventBus();
  }
}
