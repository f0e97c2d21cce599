package io.tickmesh.feed;

import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounds one feed listener puts on its connections, and their counts. Connections: a TCP listener
 * instance takes at most ceil({@code feed.maxConnections} / {@code feed.tcp.instances}). The instances
 * share the port round-robin and share no counter (each verticle owns its state), so the TCP port as a
 * whole takes at most the sum of the shares. The WebSocket feed takes {@code feed.maxConnections} of its
 * own. Idle time: a connection that sends no line for {@code feed.idleTimeoutMs} is closed after its acks.
 *
 * <p>Threading: owned by its listener's context.
 */
final class ListenerBounds {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerBounds.class);
  private static final long REFUSAL_LOG_EVERY_NANOS = 10_000_000_000L;
  private static final long REFUSED_CLOSE_WITHIN_MS = 1_000;

  /** Input of a refused connection: read and dropped. */
  private static final FeedTransport.Events DROPPED = new FeedTransport.Events() {
    @Override
    public void data(byte[] bytes, boolean endsMessage) {}

    @Override
    public void endOfInput() {}

    @Override
    public void refused(Farewell why) {}

    @Override
    public void writable() {}

    @Override
    public void closed() {}
  };

  private final String listener;
  private final int maxConnections;
  private final String tooMany;
  private long refused;
  private long idleClosed;
  private long lastRefusalLog = Long.MIN_VALUE;

  private ListenerBounds(String listener, int maxConnections, String tooMany) {
    this.listener = listener;
    this.maxConnections = maxConnections;
    this.tooMany = tooMany;
  }

  /** The bounds of TCP listener instance {@code instance}: its share of the connections. */
  static ListenerBounds tcp(TickmeshConfig.Feed feed, int instance) {
    int share = (feed.maxConnections() + feed.tcpInstances() - 1) / feed.tcpInstances();
    return new ListenerBounds("tcp." + instance, share, "too many connections: at most " + feed.maxConnections()
        + " (feed.maxConnections), " + share + " on each of the " + feed.tcpInstances() + " listeners");
  }

  /** The bounds of the WebSocket feed: {@code feed.maxConnections} of its own. */
  static ListenerBounds webSocket(TickmeshConfig.Feed feed) {
    return new ListenerBounds("ws", feed.maxConnections(), "too many WebSocket feed connections: at most "
        + feed.maxConnections() + " (feed.maxConnections)");
  }

  /** True if one more connection fits beside {@code open}. */
  boolean admits(int open) {
    return open < maxConnections;
  }

  /**
   * Refuses a connection past the cap: the publisher gets one {@code {"error":...}} reply, then the
   * connection closes (a WebSocket with code 1013, try again later); its input is read and dropped
   * meanwhile, so the close is not a reset that could lose the reply. Logged at most every ten seconds.
   */
  void refuse(FeedTransport transport) {
    refused++;
    long now = System.nanoTime();
    if (now - lastRefusalLog >= REFUSAL_LOG_EVERY_NANOS) {
      lastRefusalLog = now;
      LOG.atWarn().addKeyValue("listener", listener).addKeyValue("remote", transport.remote())
          .addKeyValue("refusedTotal", refused).log("feed connection refused: {}", tooMany);
    }
    transport.start(DROPPED);
    transport.end(Farewell.full(tooMany), REFUSED_CLOSE_WITHIN_MS);
  }

  /** Ends the intake of each connection that sent no line for {@code idleNanos}; it closes after its acks. */
  void closeIdle(Collection<FeedConnection> connections, long idleNanos) {
    long now = System.nanoTime();
    for (FeedConnection connection : List.copyOf(connections)) {
      if (connection.closeIfIdle(now, idleNanos)) {
        idleClosed++;
      }
    }
  }

  /** Adds {@code maxConnections}, {@code refused} and {@code idleClosed} to the listener's stats reply. */
  JsonObject addTo(JsonObject reply) {
    return reply.put("maxConnections", maxConnections).put("refused", refused).put("idleClosed", idleClosed);
  }
}
