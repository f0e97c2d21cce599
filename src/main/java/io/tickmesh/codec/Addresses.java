package io.tickmesh.codec;

import io.tickmesh.model.BarInterval;
import java.util.ArrayList;
import java.util.List;

/**
 * Every event-bus address the node uses. Outputs ({@code quotes.}, {@code trades.}, {@code bars.},
 * {@code book.}, {@code rejects}) are the public contract; {@code tm.} addresses are internal.
 */
public final class Addresses {
  /** Published rejects, JSON. */
  public static final String REJECTS = "rejects";
  /** Queries to the reject log: newest rejects first. */
  public static final String REJECTS_QUERY = "tm.rejects.query";
  /** Counters of the simulated feed. */
  public static final String SIM_STATS = "tm.feed.sim.stats";
  /** Asks the simulated feed to stop producing and drain; replies once its ticks are handled. */
  public static final String SIM_DRAIN = "tm.feed.sim.drain";
  /** Request/reply: the ITCH file feed's counters (as {@link #SIM_STATS}). */
  public static final String ITCH_STATS = "tm.feed.itch.stats";
  /** Request/reply: the ITCH file feed stops reading and answers once its ticks are handled. */
  public static final String ITCH_DRAIN = "tm.feed.itch.drain";
  /** Local publish: the node's state, {@code "ready"} once every part is started, {@code "draining"} when it stops. */
  public static final String NODE_STATE = "tm.node.state";
  /** The name of the WebSocket feed's listener in its addresses ({@link #feedStats(String)} and the rest). */
  public static final String WS_FEED_LISTENER = "ws";
  /** Request/reply, local: the instrument master's current {@link io.tickmesh.model.Instruments} snapshot. */
  public static final String INSTRUMENTS_CURRENT = "tm.instruments.current";
  /**
   * Request/reply, local: a feed's gate names the address ({@code tm.instruments.changed.<id>}) where it
   * takes each new {@link io.tickmesh.model.Instruments} snapshot (and answers once it has it); the reply is
   * the current snapshot.
   */
  public static final String INSTRUMENTS_FOLLOW = "tm.instruments.follow";
  /** The prefix of the gates' addresses of {@link #INSTRUMENTS_FOLLOW}. */
  public static final String INSTRUMENTS_CHANGED = "tm.instruments.changed.";
  /** Request/reply, local: a PUT of one instrument (JSON); fails 400, 409 (with the stored one) or 503. */
  public static final String INSTRUMENTS_PUT = "tm.instruments.put";
  /** Request/reply, local: a feed's directory entries ({@link io.tickmesh.model.ListedInstruments}), answered once every feed of the node has them. */
  public static final String INSTRUMENTS_LISTED = "tm.instruments.listed";
  /** Cluster publish: {@code {"node"}} changed the stored master; the others read what changed. */
  public static final String INSTRUMENTS_NOTICE = "tm.instruments.notice";
  /** Request/reply, any node: {@code {"symbol", "depth"}} answers that instrument's ITCH book levels, or fails 404. */
  public static final String ITCH_BOOK = "tm.itch.book";

  /** Trades, bars and checkpoints for the store writer, in order. */
  public static final String STORE_WRITE = "tm.store.write";
  /** Asks the store writer to write everything queued; replies when done. */
  public static final String STORE_FLUSH = "tm.store.flush";
  /** Local: holds, writes or discards the rows of a shard served provisionally ({@code WriteGate}); replies once done. */
  public static final String STORE_GATE = "tm.store.gate";
  /**
   * Node-local: this node's {@code ClusterView}, published when the membership verticle starts and whenever
   * it changes; whoever follows it is deployed before that verticle.
   */
  public static final String CLUSTER_VIEW = "tm.cluster.view";
  /** Node-local: asks the ownership verticle to hand every shard over (the stop); replies when done. */
  public static final String CLUSTER_RELEASE_ALL = "tm.cluster.releaseAll";
  /** Node-local: asks the ownership verticle for its state, as {@code tm.cluster.state} carries it. */
  public static final String CLUSTER_OWNERSHIP_STATS = "tm.cluster.ownership";
  /** The header a node puts on outputs it republishes from another node's shards (so they are not stored twice). */
  public static final String RELAYED_HEADER = "tm-relayed";
  /** Local: a shard whose event loop was frozen stopped serving (ShardFenced: shard and epoch); the node drops it. */
  public static final String SHARD_STALLED = "tm.shard.stalled";
  /** Published to every node by a node that stops: its name; the others take its shards without waiting for it to leave. */
  public static final String NODE_LEAVING = "tm.cluster.leaving";
  /** A node runs its ownership and may be given shards (body: its name), published when it starts. */
  public static final String NODE_READY = "tm.cluster.ready";
  /** Local: this node woke from a freeze and Hazelcast left it alone; it exits to be restarted (see MembershipVerticle). */
  public static final String NODE_ISOLATED = "tm.cluster.isolated";
  /** Node-local: the node's ownership, {@code {"quorum","owned":[...]}}, published whenever it changes. */
  public static final String CLUSTER_STATE = "tm.cluster.state";
  /** Published to every node by a node that handed a shard over after its last checkpoint: {@code ShardReleased}. */
  public static final String SHARD_RELEASED = "tm.cluster.released";
  /** Node-local: shards hand what they published to their node's relay ({@code ShardOutputs}). */
  public static final String RELAY_OUTPUTS = "tm.relay.outputs";
  /** Node-local: a bridge's first subscriber of an address joined (+1) or its last left (-1): {@code JsonObject}. */
  public static final String RELAY_INTEREST = "tm.relay.interest";
  /** Published to every node: a node's {@code NodeInterest}. */
  public static final String NODE_INTEREST = "tm.cluster.interest";
  /** Published by a node that claimed a shard: {@code ShardClaimed}. */
  public static final String SHARD_CLAIMED = "tm.cluster.claimed";
  /** Published by a writer to every node: {@code DurableCheckpoints}, the checkpoints now durable. */
  public static final String STORE_DURABLE = "tm.store.durable";
  /** Published by the writer: true while feeds must pause (the queue is full), false when they may go on. */
  public static final String STORE_PRESSURE = "tm.store.pressure";
  /** Counters of the store writer. */
  public static final String STORE_STATS = "tm.store.stats";
  /** Published by the writer: "up" or "down" (PostgreSQL unreachable or failing). */
  public static final String STORE_STATE = "tm.store.state";
  /**
   * Published by the writer, node-local: a {@code ShardFenced}, once per shard and epoch, when the store
   * refused a write of the shard because its ownership epoch moved on. The shard must stop at once.
   */
  public static final String STORE_FENCED = "tm.store.fenced";
  /**
   * Counters of the HTTP server (API verticle, node-local): open and refused connections, idle closes,
   * answer bytes in flight and busy refusals, history queries refused or timed out.
   */
  public static final String HTTP_STATS = "tm.http.stats";

  /**
   * The one address bridge clients may send to: a request {@code {"symbol":"AAPL"}} answered with the
   * symbol's current quote and its {@code pubSeq} (the snapshot a client resynchronises from).
   */
  public static final String SNAPSHOT_QUOTE = "snapshot.quote";

  private Addresses() {}

  /** Node {@code name} answers here for the others: {@code {"node","http","ready"}}. */
  public static String nodeInfo(String name) {
    return "tm.node." + name + ".info";
  }

  /**
   * Node {@code name} answers here for the others with the figures of its own feeds (each node reads its
   * own publishers): {@code {"node","ticksIn","ticksRejected"}}, the cluster totals of {@code /api/v1/stats}.
   */
  public static String nodeFeedTotals(String name) {
    return "tm.node." + name + ".feeds";
  }

  /** Node {@code name} answers here with the members of its own view (a JSON array of names). */
  public static String nodeView(String name) {
    return "tm.node." + name + ".view";
  }

  /**
   * Node {@code name} takes here the state of a shard another node hands it in a planned move
   * ({@code ShardHandOff}), to serve it before the hand-over's last flush commits.
   */
  public static String nodeHandOff(String name) {
    return "tm.node." + name + ".handoff";
  }

  /** The relay of node {@code name}: outputs of other nodes' shards for its subscribers ({@code RelayedOutputs}). */
  public static String nodeRelay(String name) {
    return "tm.node." + name + ".relay";
  }

  /** Tick batches for shard {@code n}; the reply is a {@code BatchAck}. */
  public static String shard(int n) {
    return "tm.shard." + n;
  }

  /** Queries for shard {@code n}; the reply is JSON. */
  public static String shardQuery(int n) {
    return "tm.shard." + n + ".query";
  }

  /**
   * Node-local: tells shard {@code n} to stop taking batches (it is being handed over; body true: and
   * queries, its next owner serving from its state at once); replies with its last {@code Checkpoint}.
   */
  public static String shardStop(int n) {
    return "tm.shard." + n + ".stop";
  }

  /** Asks shard {@code n} for a checkpoint of what it has done so far (at shutdown). */
  public static String shardCheckpoint(int n) {
    return "tm.shard." + n + ".checkpoint";
  }

  /**
   * Tells shard {@code n} that a closed source and the feeds the node assigned it are durable and may be
   * forgotten ({@code ForgetSource}, no reply).
   */
  public static String shardForget(int n) {
    return "tm.shard." + n + ".forget";
  }

  /**
   * Node-local, in a cluster: tells shard {@code n} whether another node's subscribers want its outputs
   * ({@code Boolean}), so that it hands its node's relay only what the relay would send on.
   */
  public static String shardRelay(int n) {
    return "tm.shard." + n + ".relay";
  }

  /** The name of TCP feed listener instance {@code i} in its addresses: {@code tcp.<i>}. */
  public static String tcpFeedListener(int i) {
    return "tcp." + i;
  }

  /** The names of a node's feed listeners: its {@code tcpInstances} TCP listeners, then the WebSocket feed's. */
  public static List<String> feedListeners(int tcpInstances) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < tcpInstances; i++) {
      names.add(tcpFeedListener(i));
    }
    names.add(WS_FEED_LISTENER);
    return List.copyOf(names);
  }

  /** Counters of feed listener {@code listener} ({@code tcp.<i>} or {@code ws}). */
  public static String feedStats(String listener) {
    return "tm.feed." + listener + ".stats";
  }

  /** Asks feed listener {@code listener} to stop reading and drain; replies once its ticks are handled. */
  public static String feedDrain(String listener) {
    return "tm.feed." + listener + ".drain";
  }

  /**
   * Asks feed listener {@code listener}, after its drain, to write its last acks, close its connections
   * and hand its feed positions to the store: {@code {"withinMs":N}}; replies when done.
   */
  public static String feedClose(String listener) {
    return "tm.feed." + listener + ".close";
  }

  /** Counters of the event-bus bridge {@code name}: {@code tcp}, or {@code sockjs} (the browsers' bridge). */
  public static String bridgeStats(String name) {
    return "tm.bridge." + name + ".stats";
  }

  /** Conflated live quotes of a symbol. */
  public static String quotes(String symbol) {
    return "quotes." + symbol;
  }

  /** A probe of {@link #quotes} addresses (asks whether one is listened to without making it). */
  public static AddressProbe quotesProbe() {
    return new AddressProbe("quotes.");
  }

  /** Every accepted trade of a symbol. */
  public static String trades(String symbol) {
    return "trades." + symbol;
  }

  /** A probe of {@link #trades} addresses. */
  public static AddressProbe tradesProbe() {
    return new AddressProbe("trades.");
  }

  /** Counters of the venue feed {@code name} (as {@link #SIM_STATS}). */
  public static String venueStats(String name) {
    return "tm.feed.venue." + name + ".stats";
  }

  /** Asks the venue feed {@code name} to stop reading and drain; replies once its ticks are handled. */
  public static String venueDrain(String name) {
    return "tm.feed.venue." + name + ".drain";
  }

  /**
   * Request/reply, any node: {@code {"symbol", "depth"}} answers the book of a symbol {@code <name>:<product>}
   * of the venue feed {@code name}, or fails 404 (no such book) or 503 (resyncing).
   */
  public static String venueBook(String name) {
    return "tm.venue.book." + name;
  }

  /** Conflated depth of a book (an ITCH instrument's, or a venue product's). */
  public static String book(String symbol) {
    return "book." + symbol;
  }

  /** Closed bars (and their revisions) of a symbol at one interval. */
  public static String bars(BarInterval interval, String symbol) {
    return "bars." + interval.label() + "." + symbol;
  }

  /** A probe of {@link #bars} addresses at {@code interval}. */
  public static AddressProbe barsProbe(BarInterval interval) {
    return new AddressProbe("bars." + interval.label() + ".");
  }
}
