package io.tickmesh.config;

import io.tickmesh.model.BarInterval;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every configuration key Tickmesh knows, with its type, default, valid values and meaning: the single
 * source of truth for {@link TickmeshConfig}, {@link ConfigLoader}, help texts and
 * {@code config/default.yaml}. A key not listed here is refused wherever it is given.
 */
public final class ConfigKeys {
  private static final Pattern NODE_ID_FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern ITCH_SESSION_FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,48}");

  public static final ConfigKey<String> NODE_ID = ConfigKey.optional("node.id",
      new ConfigType.Text("1 to 64 characters of A-Za-z0-9._-", s -> NODE_ID_FORMAT.matcher(s).matches()),
      "this node's id in the cluster; unset derives one at start", c -> c.node().id());
  public static final ConfigKey<String> NODE_HOST = ConfigKey.required("node.host", text(), "0.0.0.0",
      "address the node's servers bind to", c -> c.node().host());
  public static final ConfigKey<String> NODE_PORTS_FILE = ConfigKey.optional("node.portsFile", text(),
      "JSON file written once listening: {\"http\":P,\"feed\":P,\"bridge\":P}; unset writes none",
      c -> c.node().portsFile());
  public static final ConfigKey<Long> NODE_SHUTDOWN_TIMEOUT_MS = longKey("node.shutdownTimeoutMs", 8000,
      100, 600_000, "how long a graceful shutdown may take, in ms", c -> c.node().shutdownTimeoutMs());
  public static final ConfigKey<Boolean> NODE_NATIVE_TRANSPORT = flag("node.nativeTransport", true,
      "sockets on Linux's epoll through Netty's native transport (false: Java NIO); NIO where it cannot load",
      c -> c.node().nativeTransport());
  public static final ConfigKey<Integer> NODE_EVENT_LOOPS = intKey("node.eventLoops", 0, 0, 256,
      "event-loop threads; 0: one per core", c -> c.node().eventLoops());
  public static final ConfigKey<Integer> HTTP_PORT = intKey("http.port", 8080, 0, 65535,
      "HTTP API, dashboard and SockJS bridge; 0 picks a free port", c -> c.http().port());
  public static final ConfigKey<Integer> HTTP_MAX_CONNECTIONS = intKey("http.maxConnections", 1000, 1, 1_000_000,
      "open HTTP connections; past it a new connection is answered 503 and closed", c -> c.http().maxConnections());
  public static final ConfigKey<Long> HTTP_IDLE_TIMEOUT_MS = longKey("http.idleTimeoutMs", 60_000, 0, 86_400_000,
      "an HTTP connection that neither sends nor takes a byte for this long is closed, in ms; 0 never",
      c -> c.http().idleTimeoutMs());
  public static final ConfigKey<Integer> HTTP_MAX_ANSWER_BYTES = intKey("http.maxAnswerBytes", 67_108_864, 1_048_576,
      1_073_741_824, "bytes of HTTP answers being written at once, node-wide; past it a request is answered 503 busy",
      c -> c.http().maxAnswerBytes());
  public static final ConfigKey<Integer> FEED_TCP_PORT = intKey("feed.tcp.port", 7070, 0, 65535,
      "TCP JSON-lines feed; 0 picks a free port", c -> c.feed().tcpPort());
  public static final ConfigKey<Integer> FEED_TCP_INSTANCES = intKey("feed.tcp.instances", 2, 1, 64,
      "TCP feed server instances (event loops accepting feed connections)", c -> c.feed().tcpInstances());
  public static final ConfigKey<Integer> FEED_MAX_LINE_BYTES = intKey("feed.maxLineBytes", 8192, 256,
      1_048_576, "longest feed line accepted, in bytes", c -> c.feed().maxLineBytes());
  public static final ConfigKey<Integer> FEED_BATCH_SIZE = intKey("feed.batchSize", 512, 1, 65536,
      "most ticks in one batch sent to a shard", c -> c.feed().batchSize());
  public static final ConfigKey<Integer> FEED_MAX_PENDING_TICKS = intKey("feed.maxPendingTicks", 65536, 1,
      10_000_000, "unacknowledged ticks a feed may have in flight before it pauses its source;"
          + " at least feed.batchSize", c -> c.feed().maxPendingTicks());
  public static final ConfigKey<Long> FEED_BATCH_TIMEOUT_MS = longKey("feed.batchTimeoutMs", 5000, 100,
      600_000, "how long a feed waits for a shard to acknowledge a batch, in ms",
      c -> c.feed().batchTimeoutMs());
  public static final ConfigKey<Long> FEED_MAX_CLOCK_SKEW_MS = longKey("feed.maxClockSkewMs", 60_000, 0,
      31_536_000_000L, "ticks stamped further ahead of the wall clock are rejected, in ms",
      c -> c.feed().maxClockSkewMs());
  public static final ConfigKey<Integer> FEED_MAX_CONNECTIONS = intKey("feed.maxConnections", 1000, 1, 1_000_000,
      "open publisher connections on the TCP feed port; past it a new connection is told why and closed",
      c -> c.feed().maxConnections());
  public static final ConfigKey<Long> FEED_IDLE_TIMEOUT_MS = longKey("feed.idleTimeoutMs", 300_000, 0, 86_400_000,
      "a feed connection that sends no line (an empty line counts) for this long is closed, in ms; 0 never",
      c -> c.feed().idleTimeoutMs());
  public static final ConfigKey<Long> FEED_MAX_SEQ_JUMP = longKey("feed.maxSeqJump", 1_000_000_000L, 1,
      9_007_199_254_740_991L, "largest step up a feed's seq may take on one connection; a larger one is refused",
      c -> c.feed().maxSeqJump());
  public static final ConfigKey<Boolean> FEED_REQUIRE_KNOWN_INSTRUMENT = flag("feed.requireKnownInstrument", false,
      "refuse a tick of a symbol not in the instrument master, or at a price off its tick size",
      c -> c.feed().requireKnownInstrument());
  public static final ConfigKey<Integer> BRIDGE_TCP_PORT = intKey("bridge.tcp.port", 7071, 0, 65535,
      "TCP event-bus bridge; 0 picks a free port", c -> c.bridge().tcpPort());
  public static final ConfigKey<Integer> BRIDGE_MAX_QUEUE_BYTES = intKey("bridge.maxQueueBytes", 1_048_576,
      4096, 1_073_741_824, "bytes a bridge client may leave unread before it is disconnected",
      c -> c.bridge().maxQueueBytes());
  public static final ConfigKey<Integer> BRIDGE_CONFLATE_BYTES = intKey("bridge.conflateBytes", 65_536, 1024,
      1_073_741_824, "unread bytes from which a client gets only the latest quote per symbol;"
          + " below bridge.maxQueueBytes", c -> c.bridge().conflateBytes());
  public static final ConfigKey<Integer> BRIDGE_MAX_SUBSCRIPTIONS = intKey("bridge.maxSubscriptions", 2000, 1,
      100_000, "addresses one bridge client may subscribe to", c -> c.bridge().maxSubscriptions());
  public static final ConfigKey<Integer> BRIDGE_MAX_CONNECTIONS = intKey("bridge.maxConnections", 1000, 1, 1_000_000,
      "clients of each bridge (TCP, SockJS); past it a new client is told why and closed",
      c -> c.bridge().maxConnections());
  public static final ConfigKey<Long> BRIDGE_IDLE_TIMEOUT_MS = longKey("bridge.idleTimeoutMs", 120_000, 0, 86_400_000,
      "a bridge client that sends no frame (a ping counts) for this long is closed, in ms; 0 never",
      c -> c.bridge().idleTimeoutMs());
  public static final ConfigKey<Integer> BRIDGE_MAX_FRAME_BYTES = intKey("bridge.maxFrameBytes", 65_536, 1024, 16_777_216,
      "longest frame a bridge client may send; a longer one closes the connection with the reason",
      c -> c.bridge().maxFrameBytes());
  public static final ConfigKey<Integer> BRIDGE_MAX_TOTAL_QUEUE_BYTES = intKey("bridge.maxTotalQueueBytes", 67_108_864,
      4096, 2_147_483_647, "unread bytes of all clients of one bridge; past it the client furthest behind is"
          + " disconnected; at least bridge.maxQueueBytes", c -> c.bridge().maxTotalQueueBytes());
  public static final ConfigKey<String> DB_URL = ConfigKey.optional("db.url", new ConfigType.PostgresUrl(),
      "postgresql://user:pass@host:port/db; unset runs an embedded PostgreSQL", c -> c.db().url());
  public static final ConfigKey<String> DB_DATA_DIR = ConfigKey.required("db.dataDir", text(), "data/pg",
      "where the embedded PostgreSQL keeps its files", c -> c.db().dataDir());
  public static final ConfigKey<Integer> DB_POOL_SIZE = intKey("db.poolSize", 6, 1, 64,
      "connections of the store writer to PostgreSQL", c -> c.db().poolSize());
  public static final ConfigKey<Integer> DB_QUERY_POOL_SIZE = intKey("db.queryPoolSize", 4, 1, 64,
      "connections for history queries, apart from the writer's", c -> c.db().queryPoolSize());
  public static final ConfigKey<Integer> DB_QUERY_QUEUE_SIZE = intKey("db.queryQueueSize", 64, 0, 100_000,
      "history queries waiting for a connection; past it a query is answered 503 busy at once",
      c -> c.db().queryQueueSize());
  public static final ConfigKey<Long> DB_QUERY_TIMEOUT_MS = longKey("db.queryTimeoutMs", 5000, 100, 600_000,
      "longest a history query may run (PostgreSQL's statement_timeout), in ms; then 503",
      c -> c.db().queryTimeoutMs());
  public static final ConfigKey<Boolean> STORE_ENABLED = flag("store.enabled", true,
      "keep history, checkpoints and rejects in PostgreSQL; false keeps everything in memory only",
      c -> c.store().enabled());
  public static final ConfigKey<Boolean> STORE_TRADES = flag("store.trades", true,
      "store every accepted trade (for /api/v1/trades)", c -> c.store().trades());
  public static final ConfigKey<Long> STORE_CHECKPOINT_MS = longKey("store.checkpointMs", 200, 10, 60_000,
      "how often each shard checkpoints its state; acks to publishers wait for it, in ms",
      c -> c.store().checkpointMs());
  public static final ConfigKey<Integer> STORE_BATCH_ROWS = intKey("store.batchRows", 20_000, 1, 1_000_000,
      "most rows the writer puts in one transaction", c -> c.store().batchRows());
  public static final ConfigKey<Long> STORE_FLUSH_MS = longKey("store.flushMs", 20, 1, 10_000,
      "longest a written row waits for its batch to fill, in ms", c -> c.store().flushMs());
  public static final ConfigKey<Integer> STORE_MAX_QUEUED_ROWS = intKey("store.maxQueuedRows", 500_000, 1_000,
      100_000_000, "rows waiting for PostgreSQL before the feeds pause", c -> c.store().maxQueuedRows());
  public static final ConfigKey<Boolean> SIM_ENABLED = flag("sim.enabled", true,
      "run the simulated feed", c -> c.sim().enabled());
  public static final ConfigKey<Integer> SIM_SYMBOLS = intKey("sim.symbols", 50, 1, 100_000,
      "symbols the simulator trades", c -> c.sim().symbols());
  public static final ConfigKey<Integer> SIM_RATE_PER_SEC = intKey("sim.ratePerSec", 2000, 1, 10_000_000,
      "ticks per second the simulator sends", c -> c.sim().ratePerSec());
  public static final ConfigKey<Long> SIM_SEED = longKey("sim.seed", 42, Long.MIN_VALUE, Long.MAX_VALUE,
      "random seed of the simulator: the same seed gives the same ticks", c -> c.sim().seed());
  public static final ConfigKey<String> ITCH_FILE = ConfigKey.optional("itch.file", text(),
      "Nasdaq TotalView-ITCH 5.0 file (BinaryFILE) the node feeds, from its first message; unset runs no ITCH feed",
      c -> c.itch().file());
  public static final ConfigKey<String> ITCH_SOUP = ConfigKey.optional("itch.soup",
      new ConfigType.Text("HOST:PORT", ConfigKeys::isHostPort),
      "SoupBinTCP 4.0 server (HOST:PORT) of a live ITCH session the node feeds from message 1; unset: none (one of itch.file, itch.soup)",
      c -> c.itch().soup());
  public static final ConfigKey<String> ITCH_SOUP_USER = ConfigKey.required("itch.soupUser", new ConfigType.Text("up to 6 characters",
      s -> s.length() <= 6), "", "SoupBinTCP login username (blank: none)", c -> c.itch().soupUser());
  public static final ConfigKey<String> ITCH_SOUP_PASSWORD = ConfigKey.required("itch.soupPassword", new ConfigType.Text("up to 10 characters",
      s -> s.length() <= 10), "", "SoupBinTCP login password (blank: none)", c -> c.itch().soupPassword());
  public static final ConfigKey<String> ITCH_SESSION = ConfigKey.optional("itch.session",
      new ConfigType.Text("1 to 48 characters of A-Za-z0-9._-", s -> ITCH_SESSION_FORMAT.matcher(s).matches()),
      "the session's name (feeds itch:<session>:trades and :quotes); unset takes the file name up to its first dot",
      c -> c.itch().session());
  public static final ConfigKey<String> ITCH_DATE = ConfigKey.optional("itch.date",
      new ConfigType.Text("a date such as 2010-12-24", ConfigKeys::isDate),
      "the session's trading date; unset takes the first yyyyMMdd in the file name (a live session: today)", c -> c.itch().date());
  public static final ConfigKey<String> ITCH_TIME_ZONE = ConfigKey.required("itch.timeZone",
      new ConfigType.Text("a time zone such as America/New_York", ConfigKeys::isZone), "America/New_York",
      "the time zone of the session's midnight, from which ITCH timestamps count", c -> c.itch().timeZone());
  public static final ConfigKey<Integer> ITCH_RATE_PER_SEC = intKey("itch.ratePerSec", 0, 0, 100_000_000,
      "ITCH messages read per second; 0 reads as fast as the shards take the ticks", c -> c.itch().ratePerSec());
  public static final ConfigKey<Integer> ITCH_BOOK_DEPTH = intKey("itch.bookDepth", 10, 1, 1000,
      "price levels a side published on book.<SYM> for each ITCH instrument whose book changed", c -> c.itch().bookDepth());
  public static final ConfigKey<List<VenueFeed>> VENUES_FEEDS = ConfigKey.required("venues.feeds", new ConfigType.VenueFeeds(),
      List.of(), "exchange WebSocket feeds, each {venue, url, products, channels, name, snapshotUrl, apiKeyEnv, apiSecretEnv, apiPassphraseEnv};"
      + " empty runs none", c -> c.venues().feeds());
  public static final ConfigKey<Integer> VENUES_MAX_MESSAGE_BYTES = intKey("venues.maxMessageBytes", 8_388_608, 65_536,
      268_435_456, "longest WebSocket message a venue may send; a longer one is a reject and the connection is made again",
      c -> c.venues().maxMessageBytes());
  public static final ConfigKey<Long> VENUES_RECONNECT_MIN_MS = longKey("venues.reconnectMinMs", 200, 10, 60_000,
      "wait before the first reconnect to a venue, in ms; doubled at each failed try up to venues.reconnectMaxMs",
      c -> c.venues().reconnectMinMs());
  public static final ConfigKey<Long> VENUES_RECONNECT_MAX_MS = longKey("venues.reconnectMaxMs", 10_000, 10, 600_000,
      "longest wait between two tries to reconnect to a venue, in ms", c -> c.venues().reconnectMaxMs());
  public static final ConfigKey<Long> VENUES_PING_MS = longKey("venues.pingMs", 10_000, 100, 600_000,
      "how often the node pings a venue's WebSocket, in ms", c -> c.venues().pingMs());
  public static final ConfigKey<Long> VENUES_IDLE_TIMEOUT_MS = longKey("venues.idleTimeoutMs", 30_000, 200, 3_600_000,
      "a venue that sends nothing (a pong counts) this long is taken as lost and connected again, in ms",
      c -> c.venues().idleTimeoutMs());
  public static final ConfigKey<Integer> VENUES_BOOK_DEPTH = intKey("venues.bookDepth", 10, 1, 1000,
      "price levels a side published on book.<SYM> for each venue book that changed", c -> c.venues().bookDepth());
  public static final ConfigKey<Integer> SHARDS_COUNT = intKey("shards.count", 64, 1, 4096,
      "number of shards, fixed for the life of a cluster", c -> c.shards().count());
  public static final ConfigKey<List<BarInterval>> BARS_INTERVALS = ConfigKey.required("bars.intervals",
      new ConfigType.Intervals(), List.of(BarInterval.parse("1s"), BarInterval.parse("1m")),
      "bar intervals, kept finest first", c -> c.bars().intervals());
  public static final ConfigKey<Long> BARS_ALLOWED_LATENESS_MS = longKey("bars.allowedLatenessMs", 0, 0,
      604_800_000, "how far the watermark trails the newest tick, in ms", c -> c.bars().allowedLatenessMs());
  public static final ConfigKey<Long> BARS_GRACE_MS = longKey("bars.graceMs", 1000, 0, 3_600_000,
      "wall time a quiet symbol's bar waits after its end before it closes, in ms", c -> c.bars().graceMs());
  public static final ConfigKey<Integer> BARS_RETAIN = intKey("bars.retain", 1000, 1, 100_000,
      "closed bars kept in memory per symbol and interval", c -> c.bars().retain());
  public static final ConfigKey<Long> PUBLISH_QUOTE_INTERVAL_MS = longKey("publish.quoteIntervalMs", 100, 0,
      60_000, "at most one quote per symbol per interval, in ms; 0 publishes every change",
      c -> c.publish().quoteIntervalMs());
  public static final ConfigKey<Boolean> PUBLISH_TRADES = flag("publish.trades", true,
      "publish every accepted trade on trades.<SYM>", c -> c.publish().trades());
  public static final ConfigKey<Boolean> CLUSTER_ENABLED = flag("cluster.enabled", false,
      "join a Hazelcast cluster", c -> c.cluster().enabled());
  public static final ConfigKey<Integer> CLUSTER_EXPECTED_SIZE = intKey("cluster.expectedSize", 1, 1, 1000,
      "configured cluster size: a node owns shards only while it sees a majority of it",
      c -> c.cluster().expectedSize());
  public static final ConfigKey<String> CLUSTER_CONFIG = ConfigKey.required("cluster.config", text(),
      "cluster/cluster-local.xml", "Hazelcast configuration file", c -> c.cluster().config());
  public static final ConfigKey<String> CLUSTER_NAME = ConfigKey.required("cluster.name",
      new ConfigType.Text("1 to 64 characters of A-Za-z0-9._-", s -> NODE_ID_FORMAT.matcher(s).matches()), "tickmesh",
      "the cluster's name: nodes join only a cluster of the same name (give each test run its own)",
      c -> c.cluster().name());
  public static final ConfigKey<Integer> REJECTS_RETAIN = intKey("rejects.retain", 10_000, 1, 1_000_000,
      "recent rejects kept in memory", c -> c.rejects().retain());

  /** Every key, in the order of the contract table and of {@code config/default.yaml}. */
  public static final List<ConfigKey<?>> ALL = List.of(
      NODE_ID, NODE_HOST, NODE_PORTS_FILE, NODE_SHUTDOWN_TIMEOUT_MS, NODE_NATIVE_TRANSPORT, NODE_EVENT_LOOPS,
      HTTP_PORT, HTTP_MAX_CONNECTIONS, HTTP_IDLE_TIMEOUT_MS, HTTP_MAX_ANSWER_BYTES,
      FEED_TCP_PORT, FEED_TCP_INSTANCES, FEED_MAX_LINE_BYTES, FEED_BATCH_SIZE, FEED_MAX_PENDING_TICKS,
      FEED_BATCH_TIMEOUT_MS, FEED_MAX_CLOCK_SKEW_MS, FEED_MAX_CONNECTIONS, FEED_IDLE_TIMEOUT_MS, FEED_MAX_SEQ_JUMP,
      FEED_REQUIRE_KNOWN_INSTRUMENT,
      BRIDGE_TCP_PORT, BRIDGE_MAX_QUEUE_BYTES, BRIDGE_CONFLATE_BYTES, BRIDGE_MAX_SUBSCRIPTIONS,
      BRIDGE_MAX_CONNECTIONS, BRIDGE_IDLE_TIMEOUT_MS, BRIDGE_MAX_FRAME_BYTES, BRIDGE_MAX_TOTAL_QUEUE_BYTES,
      DB_URL, DB_DATA_DIR, DB_POOL_SIZE, DB_QUERY_POOL_SIZE, DB_QUERY_QUEUE_SIZE, DB_QUERY_TIMEOUT_MS,
      STORE_ENABLED, STORE_TRADES, STORE_CHECKPOINT_MS, STORE_BATCH_ROWS, STORE_FLUSH_MS, STORE_MAX_QUEUED_ROWS,
      SIM_ENABLED, SIM_SYMBOLS, SIM_RATE_PER_SEC, SIM_SEED,
      ITCH_FILE, ITCH_SOUP, ITCH_SOUP_USER, ITCH_SOUP_PASSWORD, ITCH_SESSION, ITCH_DATE, ITCH_TIME_ZONE, ITCH_RATE_PER_SEC,
      ITCH_BOOK_DEPTH,
      VENUES_FEEDS, VENUES_MAX_MESSAGE_BYTES, VENUES_RECONNECT_MIN_MS, VENUES_RECONNECT_MAX_MS, VENUES_PING_MS,
      VENUES_IDLE_TIMEOUT_MS, VENUES_BOOK_DEPTH,
      SHARDS_COUNT,
      BARS_INTERVALS, BARS_ALLOWED_LATENESS_MS, BARS_GRACE_MS, BARS_RETAIN, PUBLISH_QUOTE_INTERVAL_MS,
      PUBLISH_TRADES, CLUSTER_ENABLED, CLUSTER_EXPECTED_SIZE, CLUSTER_CONFIG, CLUSTER_NAME, REJECTS_RETAIN);

  private static final Map<String, ConfigKey<?>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

  private ConfigKeys() {}

  /** The key called {@code name} (exact spelling), if there is one. */
  public static Optional<ConfigKey<?>> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** True if {@code name} is a section such as {@code feed} or {@code feed.tcp}, not a key. */
  static boolean isSection(String name) {
    return ALL.stream().anyMatch(k -> k.name().startsWith(name + "."));
  }

  /**
   * The key meant by an unknown {@code name}: the first key of a section given where a key was
   * expected, or a key spelled nearly the same, ignoring case, dots, dashes and underscores.
   */
  static Optional<ConfigKey<?>> closest(String name) {
    Optional<ConfigKey<?>> inSection = ALL.stream().filter(k -> k.name().startsWith(name + ".")).findFirst();
    if (inSection.isPresent()) {
      return inSection;
    }
    String wanted = squash(name);
    int limit = Math.max(1, Math.min(3, wanted.length() / 4));
    ConfigKey<?> best = null;
    int bestDistance = limit + 1;
    for (ConfigKey<?> key : ALL) {
      int d = distance(wanted, squash(key.name()));
      if (d < bestDistance) {
        best = key;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String squash(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
  }

  /** Levenshtein distance: the fewest single-character edits turning {@code a} into {@code b}. */
  private static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        int substitution = diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        row[j] = Math.min(substitution, Math.min(above, row[j - 1]) + 1);
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  private static ConfigType.Text text() {
    return new ConfigType.Text("non-empty text", s -> !s.isBlank());
  }

  private static boolean isDate(String text) {
    try {
      var unused = java.time.LocalDate.parse(text);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isHostPort(String text) {
    try {
      var unused = HostPort.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isZone(String text) {
    try {
      var unused = java.time.ZoneId.of(text);
      return true;
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  private static ConfigKey<Integer> intKey(String name, int dflt, int min, int max, String meaning,
      Function<TickmeshConfig, Integer> getter) {
    return ConfigKey.required(name, new ConfigType.IntRange(min, max), dflt, meaning, getter);
  }

  private static ConfigKey<Long> longKey(String name, long dflt, long min, long max, String meaning,
      Function<TickmeshConfig, Long> getter) {
    return ConfigKey.required(name, new ConfigType.LongRange(min, max), dflt, meaning, getter);
  }

  private static ConfigKey<Boolean> flag(String name, boolean dflt, String meaning,
      Function<TickmeshConfig, Boolean> getter) {
    return ConfigKey.required(name, new ConfigType.Flag(), dflt, meaning, getter);
  }
}
