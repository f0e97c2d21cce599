package io.tickmesh.config;

import static io.tickmesh.config.ConfigKeys.*;

import io.tickmesh.model.BarInterval;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effective configuration of a node, immutable and checked: every field holds a valid value of its
 * key in {@link ConfigKeys}, where names, defaults and ranges are defined. Read it with
 * {@link ConfigLoader}; build it in code with {@link #defaults()} or {@link #of(Map)}.
 */
public record TickmeshConfig(
    Node node,
    Http http,
    Feed feed,
    Bridge bridge,
    Db db,
    Store store,
    Sim sim,
    Shards shards,
    Bars bars,
    Publish publish,
    Cluster cluster,
    Rejects rejects,
    Itch itch,
    Venues venues) {

  /** Every section is present. */
  public TickmeshConfig {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(bridge, "bridge");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(sim, "sim");
    Objects.requireNonNull(shards, "shards");
    Objects.requireNonNull(bars, "bars");
    Objects.requireNonNull(publish, "publish");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(rejects, "rejects");
    Objects.requireNonNull(itch, "itch");
    Objects.requireNonNull(venues, "venues");
  }

  /** The built-in defaults of {@link ConfigKeys}, the same as {@code config/default.yaml}. */
  public static TickmeshConfig defaults() {
    return ConfigValidator.validate(Map.of(), ConfigValidator.DEFAULT_ORIGIN);
  }

  /**
   * The defaults plus flat overrides such as {@code Map.of("http.port", 0, "sim.enabled", false)};
   * values may be typed or text ({@code "0"}, {@code "1s,1m"}). Throws {@link ConfigException}.
   */
  public static TickmeshConfig of(Map<String, ?> overrides) {
    return ConfigValidator.validate(overrides, "overrides");
  }

  /**
   * The effective configuration as flat {@code key -> value} JSON, for logging at start: unset keys are
   * null, intervals a list of labels, and the password in {@code db.url} is masked.
   */
  public JsonObject toFlatJson() {
    Map<String, Object> flat = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      flat.put(key.name(), key.jsonValueIn(this));
    }
    return new JsonObject(flat);
  }

  /**
   * This node: id ({@code null} = derive one at start), bind address, ports file, shutdown timeout,
   * whether its sockets use Netty's native epoll transport, and its event-loop threads (0: one per core).
   */
  public record Node(String id, String host, String portsFile, long shutdownTimeoutMs, boolean nativeTransport, int eventLoops) {
    /** Checks each field against its key; {@code portsFile} null means unset. */
    public Node {
      id = NODE_ID.check(id);
      host = NODE_HOST.check(host);
      portsFile = NODE_PORTS_FILE.check(portsFile);
      shutdownTimeoutMs = NODE_SHUTDOWN_TIMEOUT_MS.check(shutdownTimeoutMs);
      eventLoops = NODE_EVENT_LOOPS.check(eventLoops);
    }

    /** The event-loop threads the node runs: {@code node.eventLoops}, or one per core when it is 0. */
    public int eventLoopThreads() {
      return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }
  }

  /**
   * The HTTP server: API, dashboard and SockJS bridge; port 0 picks a free port. Its bounds: open
   * connections, the idle time after which a connection is closed, and the bytes of answers in flight.
   */
  public record Http(int port, int maxConnections, long idleTimeoutMs, int maxAnswerBytes) {
    /** Checks each field against its key. */
    public Http {
      port = HTTP_PORT.check(port);
      maxConnections = HTTP_MAX_CONNECTIONS.check(maxConnections);
      idleTimeoutMs = HTTP_IDLE_TIMEOUT_MS.check(idleTimeoutMs);
      maxAnswerBytes = HTTP_MAX_ANSWER_BYTES.check(maxAnswerBytes);
    }
  }

  /**
   * Feed intake: TCP server, line limit, batching towards shards, backpressure, clock skew, and the
   * bounds a publisher meets: connections per port, idle time, the largest step of a seq.
   */
  public record Feed(
      int tcpPort,
      int tcpInstances,
      int maxLineBytes,
      int batchSize,
      int maxPendingTicks,
      long batchTimeoutMs,
      long maxClockSkewMs,
      int maxConnections,
      long idleTimeoutMs,
      long maxSeqJump,
      boolean requireKnownInstrument) {
    /** Checks each field against its key, and that a full batch fits under the pending bound. */
    public Feed {
      tcpPort = FEED_TCP_PORT.check(tcpPort);
      tcpInstances = FEED_TCP_INSTANCES.check(tcpInstances);
      maxLineBytes = FEED_MAX_LINE_BYTES.check(maxLineBytes);
      batchSize = FEED_BATCH_SIZE.check(batchSize);
      maxPendingTicks = FEED_MAX_PENDING_TICKS.check(maxPendingTicks);
      batchTimeoutMs = FEED_BATCH_TIMEOUT_MS.check(batchTimeoutMs);
      maxClockSkewMs = FEED_MAX_CLOCK_SKEW_MS.check(maxClockSkewMs);
      maxConnections = FEED_MAX_CONNECTIONS.check(maxConnections);
      idleTimeoutMs = FEED_IDLE_TIMEOUT_MS.check(idleTimeoutMs);
      maxSeqJump = FEED_MAX_SEQ_JUMP.check(maxSeqJump);
      if (maxPendingTicks < batchSize) {
        throw new ConfigException("config key '" + FEED_MAX_PENDING_TICKS.name() + "': expected at least "
            + FEED_BATCH_SIZE.name() + " (" + batchSize + "), got " + maxPendingTicks);
      }
    }
  }

  /**
   * The event-bus bridges (TCP, and SockJS on the HTTP port): per-client bounds (unread bytes,
   * subscriptions, frame size, idle time) and per-bridge bounds (clients, unread bytes of all clients).
   */
  public record Bridge(
      int tcpPort,
      int maxQueueBytes,
      int conflateBytes,
      int maxSubscriptions,
      int maxConnections,
      long idleTimeoutMs,
      int maxFrameBytes,
      int maxTotalQueueBytes) {
    /** Checks each field against its key; quotes must be conflated before a client is cut off. */
    public Bridge {
      tcpPort = BRIDGE_TCP_PORT.check(tcpPort);
      maxQueueBytes = BRIDGE_MAX_QUEUE_BYTES.check(maxQueueBytes);
      conflateBytes = BRIDGE_CONFLATE_BYTES.check(conflateBytes);
      maxSubscriptions = BRIDGE_MAX_SUBSCRIPTIONS.check(maxSubscriptions);
      maxConnections = BRIDGE_MAX_CONNECTIONS.check(maxConnections);
      idleTimeoutMs = BRIDGE_IDLE_TIMEOUT_MS.check(idleTimeoutMs);
      maxFrameBytes = BRIDGE_MAX_FRAME_BYTES.check(maxFrameBytes);
      maxTotalQueueBytes = BRIDGE_MAX_TOTAL_QUEUE_BYTES.check(maxTotalQueueBytes);
      if (conflateBytes >= maxQueueBytes) {
        throw new ConfigException("config key '" + BRIDGE_CONFLATE_BYTES.name() + "': expected less than "
            + BRIDGE_MAX_QUEUE_BYTES.name() + " (" + maxQueueBytes + "), got " + conflateBytes);
      }
      if (maxTotalQueueBytes < maxQueueBytes) {
        throw new ConfigException("config key '" + BRIDGE_MAX_TOTAL_QUEUE_BYTES.name() + "': expected at least "
            + BRIDGE_MAX_QUEUE_BYTES.name() + " (" + maxQueueBytes + "), got " + maxTotalQueueBytes);
      }
    }
  }

  /**
   * PostgreSQL: a server URL, or {@code null} for an embedded server keeping its files in dataDir; the
   * writer's pool, and the separate, bounded pool of history queries.
   */
  public record Db(
      String url, String dataDir, int poolSize, int queryPoolSize, int queryQueueSize, long queryTimeoutMs) {
    /** Checks each field against its key. */
    public Db {
      url = DB_URL.check(url);
      dataDir = DB_DATA_DIR.check(dataDir);
      poolSize = DB_POOL_SIZE.check(poolSize);
      queryPoolSize = DB_QUERY_POOL_SIZE.check(queryPoolSize);
      queryQueueSize = DB_QUERY_QUEUE_SIZE.check(queryQueueSize);
      queryTimeoutMs = DB_QUERY_TIMEOUT_MS.check(queryTimeoutMs);
    }
  }

  /** The PostgreSQL store: history, checkpoints, rejects. */
  public record Store(
      boolean enabled, boolean trades, long checkpointMs, int batchRows, long flushMs, int maxQueuedRows) {
    /** Checks each field against its key. */
    public Store {
      checkpointMs = STORE_CHECKPOINT_MS.check(checkpointMs);
      batchRows = STORE_BATCH_ROWS.check(batchRows);
      flushMs = STORE_FLUSH_MS.check(flushMs);
      maxQueuedRows = STORE_MAX_QUEUED_ROWS.check(maxQueuedRows);
    }
  }

  /** The simulated feed. */
  public record Sim(boolean enabled, int symbols, int ratePerSec, long seed) {
    /** Checks each field against its key. */
    public Sim {
      symbols = SIM_SYMBOLS.check(symbols);
      ratePerSec = SIM_RATE_PER_SEC.check(ratePerSec);
    }
  }

  /**
   * The ITCH feed: a file, or a SoupBinTCP server ({@code soup}, HOST:PORT); none while both are null.
   * Session and date null are taken from the file name (a live session: {@code soup} and today).
   * {@code bookDepth}: the levels a side published on {@code book.<SYM>}.
   */
  public record Itch(String file, String soup, String soupUser, String soupPassword, String session, String date, String timeZone,
      int ratePerSec, int bookDepth) {
    /** Checks each field against its key. */
    public Itch {
      file = ITCH_FILE.check(file);
      soup = ITCH_SOUP.check(soup);
      soupUser = ITCH_SOUP_USER.check(soupUser);
      soupPassword = ITCH_SOUP_PASSWORD.check(soupPassword);
      session = ITCH_SESSION.check(session);
      date = ITCH_DATE.check(date);
      timeZone = ITCH_TIME_ZONE.check(timeZone);
      ratePerSec = ITCH_RATE_PER_SEC.check(ratePerSec);
      bookDepth = ITCH_BOOK_DEPTH.check(bookDepth);
    }

    /** Whether the node runs an ITCH feed. */
    public boolean enabled() {
      return file != null || soup != null;
    }
  }

  /**
   * The exchange WebSocket feeds and how they connect: the longest message taken, the reconnect backoff
   * (from {@code reconnectMinMs}, doubling, capped at {@code reconnectMaxMs}), the ping interval, how long
   * a silent venue is trusted, and the levels a side published on {@code book.<SYM>}.
   */
  public record Venues(List<VenueFeed> feeds, int maxMessageBytes, long reconnectMinMs, long reconnectMaxMs, long pingMs,
      long idleTimeoutMs, int bookDepth) {
    /** Checks each field against its key. */
    public Venues {
      feeds = VENUES_FEEDS.check(feeds);
      maxMessageBytes = VENUES_MAX_MESSAGE_BYTES.check(maxMessageBytes);
      reconnectMinMs = VENUES_RECONNECT_MIN_MS.check(reconnectMinMs);
      reconnectMaxMs = VENUES_RECONNECT_MAX_MS.check(reconnectMaxMs);
      pingMs = VENUES_PING_MS.check(pingMs);
      idleTimeoutMs = VENUES_IDLE_TIMEOUT_MS.check(idleTimeoutMs);
      bookDepth = VENUES_BOOK_DEPTH.check(bookDepth);
    }
  }

  /** Number of shards, fixed for the life of a cluster. */
  public record Shards(int count) {
    /** Checks the count against its key. */
    public Shards {
      count = SHARDS_COUNT.check(count);
    }
  }

  /** Bar settings; the intervals are distinct and sorted finest first. */
  public record Bars(List<BarInterval> intervals, long allowedLatenessMs, long graceMs, int retain) {
    /** Checks each field against its key; the intervals become an immutable sorted copy. */
    public Bars {
      intervals = BARS_INTERVALS.check(intervals);
      allowedLatenessMs = BARS_ALLOWED_LATENESS_MS.check(allowedLatenessMs);
      graceMs = BARS_GRACE_MS.check(graceMs);
      retain = BARS_RETAIN.check(retain);
    }
  }

  /** What goes out on the event bus: quote conflation per symbol, and whether trades are published. */
  public record Publish(long quoteIntervalMs, boolean trades) {
    /** Checks the interval against its key. */
    public Publish {
      quoteIntervalMs = PUBLISH_QUOTE_INTERVAL_MS.check(quoteIntervalMs);
    }
  }

  /**
   * Clustering: whether to join, the configured size (quorum is a majority of it), the Hazelcast config
   * file, and the cluster's name.
   */
  public record Cluster(boolean enabled, int expectedSize, String config, String name) {
    /** Checks each field against its key. */
    public Cluster {
      expectedSize = CLUSTER_EXPECTED_SIZE.check(expectedSize);
      config = CLUSTER_CONFIG.check(config);
      name = CLUSTER_NAME.check(name);
    }

    /** The fewest members a node must see to own shards: a majority of {@code expectedSize}. */
    public int quorum() {
      return expectedSize / 2 + 1;
    }
  }

  /** Recent rejects kept in memory. */
  public record Rejects(int retain) {
    /** Checks the count against its key. */
    public Rejects {
      retain = REJECTS_RETAIN.check(retain);
    }
  }
}
