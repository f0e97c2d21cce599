package io.tickmesh.feed;

import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounds one feed listener instance puts on its connections, and their counts. Connections: at most
 * ceil({@code feed.maxConnections} / {@code feed.tcp.instances}) open on this instance. The instances
 * share the port round-robin and share no counter (each verticle owns its state), so the node as a whole
 * takes at most the sum of the shares. Idle time: a connection that sends no line for
 * {@code feed.idleTimeoutMs} is closed after its acks.
 *
 * <p>Threading: owned by its listener's context.
 */
final class ListenerBounds {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerBounds.class);
  private static final long REFUSAL_LOG_EVERY_NANOS = 10_000_000_000L;
  private static final long REFUSED_CLOSE_WITHIN_MS = 1_000;

  private final Vertx vertx;
  private final int instance;
  private final int maxConnections;
  private final String tooMany;
  private long refused;
  private long idleClosed;
  private long lastRefusalLog = Long.MIN_VALUE;

  ListenerBounds(Vertx vertx, TickmeshConfig.Feed feed, int instance) {
    this.vertx = vertx;
    this.instance = instance;
    this.maxConnections = (feed.maxConnections() + feed.tcpInstances() - 1) / feed.tcpInstances();
    this.tooMany = "too many connections: at most " + feed.maxConnections() + " (feed.maxConnections), "
        + maxConnections + " on each of the " + feed.tcpInstances() + " listeners";
  }

  /** True if one more connection fits beside {@code open}. */
  boolean admits(int open) {
    return open < maxConnections;
  }

  /**
   * Refuses a connection past the cap: the publisher gets one {@code {"error":...}} line, then the
   * connection closes; its input is read and dropped meanwhile, so the close is not a reset that could
   * lose the line. Logged at most every ten seconds.
   */
  void refuse(NetSocket socket) {
    refused++;
    long now = System.nanoTime();
    if (now - lastRefusalLog >= REFUSAL_LOG_EVERY_NANOS) {
      lastRefusalLog = now;
      LOG.atWarn().addKeyValue("instance", instance).addKeyValue("remote", String.valueOf(socket.remoteAddress()))
          .addKeyValue("refusedTotal", refused).log("feed connection refused: {}", tooMany);
    }
    socket.handler(b -> { });
    FeedOutput output = new FeedOutput(vertx, socket, "refused");
    var unused = output.error(tooMany);
    output.end(REFUSED_CLOSE_WITHIN_MS);
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
