package io.tickmesh.store;

import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.Bar;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.TradeTick;
import io.tickmesh.store.FlushStatements.Stored;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write of the store: trades, bars, rejects and checkpoints taken from the writer's queue, written
 * as {@link FlushStatements}: the data in one transaction, then the checkpoints and feed positions in
 * another. Each transaction first locks and checks the ownership epochs of the shards whose rows it
 * carries ({@link WriteFence}) and writes only the rows of shards whose epoch is still current; the
 * others are refused, typed as {@link FencedWrite}s, and the rest of the flush is written. A flush
 * is idempotent (its data written again skipping rows stored before, see {@link #writeData}), so one
 * that failed after the commit can be written again. Not thread-safe: built and run by the writer's
 * context.
 */
final class Flush {
  private static final Logger LOG = LoggerFactory.getLogger(Flush.class);
  private static final String UNIQUE_VIOLATION = "23505";
  private static final Comparator<Bar> BAR_KEY_ORDER = Comparator.comparing(Bar::symbol)
      .thenComparing(b -> b.interval().label()).thenComparingLong(Bar::start);
  /**
   * The order of the trades' primary key. A flush's trades go in it: each insert then descends the key's
   * b-tree next to the one before it, down pages still in the cache, instead of to a leaf of another
   * symbol and back (single-user PostgreSQL, once, by {@code bench/pg-floor.sh}'s method: a trade row 6.4
   * µs of CPU in arrival order, 4.9 sorted; through the node the gain was within the noise), and two
   * flushes that meet the same resent trades wait on them in the same order.
   */
  private static final Comparator<TradeTick> TRADE_KEY_ORDER = Comparator.comparing(TradeTick::symbol)
      .thenComparingLong(TradeTick::ts).thenComparing(TradeTick::feed).thenComparingLong(TradeTick::seq);
  /** Trades and bars of one shard under one epoch, written or refused together. */
  private static final class ShardRows {
    final List<TradeTick> trades = new ArrayList<>();
    final Map<Bar, Bar> bars = barsByKey();

    /** Keeps the newest revision of each bar: one statement must not touch a row twice. */
    void bar(Bar b) {
      bars.merge(b, b, (old, neu) -> neu.revision() >= old.revision() ? neu : old);
    }

    int size() {
      return trades.size() + bars.size();
    }
  }

  private final Map<ShardEpoch, ShardRows> data = new TreeMap<>();
  private final List<JsonObject> rejects = new ArrayList<>();
  private final Map<Integer, Checkpoint> checkpoints = new TreeMap<>();
  private final Map<String, Long> positions = new TreeMap<>();
  private long positionsAt;
  private final boolean storeTrades;

  Flush(boolean storeTrades) {
    this.storeTrades = storeTrades;
  }

  void batch(StoreBatch b) {
    List<TradeTick> trades = storeTrades ? b.trades() : List.of();
    if (trades.isEmpty() && b.bars().isEmpty()) {
      return;
    }
    ShardRows rows = rows(new ShardEpoch(b.shard(), b.epoch()));
    rows.trades.addAll(trades);
    b.bars().forEach(rows::bar);
  }

  private ShardRows rows(ShardEpoch key) {
    return data.computeIfAbsent(key, k -> new ShardRows());
  }

  void reject(JsonObject reject) {
    rejects.add(reject);
  }

  /** A later checkpoint of the same shard supersedes an earlier one: a newer epoch, or the same with a later id. */
  void checkpoint(Checkpoint c) {
    checkpoints.merge(c.shard(), c, (old, neu) -> neu.epoch() > old.epoch()
        || (neu.epoch() == old.epoch() && neu.checkpointId() > old.checkpointId()) ? neu : old);
  }

  void positions(FeedPositions p) {
    p.seqs().forEach((feed, seq) -> positions.merge(feed, seq, Math::max));
    positionsAt = Math.max(positionsAt, p.atNanos());
  }

  int trades() {
    return data.values().stream().mapToInt(r -> r.trades.size()).sum();
  }

  int rows() {
    return dataRows() + controlRows();
  }

  /** Checkpoints and feed positions: written after the data, in a transaction of their own. */
  int controlRows() {
    return checkpoints.size() + positions.size();
  }

  /** Whether this flush's data holds trades or bars of {@code shard}. */
  boolean holdsDataOf(int shard) {
    return data.keySet().stream().anyMatch(k -> k.shard() == shard);
  }

  /** The trades and bars of {@code shard} in this flush's data. */
  int dataRowsOf(int shard) {
    int n = 0;
    for (var e : data.entrySet()) {
      n += e.getKey().shard() == shard ? e.getValue().size() : 0;
    }
    return n;
  }

  /** Whether the data of {@code other} holds trades or bars of a shard this flush has a checkpoint of. */
  boolean checkpointsCover(Flush other) {
    return checkpoints.keySet().stream().anyMatch(other::holdsDataOf);
  }

  /** Whether this flush holds a checkpoint of {@code shard}. */
  boolean holdsCheckpointOf(int shard) {
    return checkpoints.containsKey(shard);
  }

  /** Whether this flush records feed positions. */
  boolean hasPositions() {
    return !positions.isEmpty();
  }

  /** Trades, bars and rejects: the rows a refusal can be caused by (checkpoints and positions are ours). */
  int dataRows() {
    return data.values().stream().mapToInt(ShardRows::size).sum() + rejects.size();
  }

  /** The trades and bars of shards whose epoch {@code owners} no longer accept, each shard epoch once. */
  List<FencedWrite> fencedData(Map<Integer, ShardOwner> owners) {
    List<FencedWrite> out = new ArrayList<>();
    data.forEach((key, rows) -> {
      ShardOwner owner = owners.get(key.shard());
      if (!owner.accepts(key.epoch())) {
        out.add(new FencedWrite(key.shard(), key.epoch(), owner, rows.trades.size(), rows.size()));
      }
    });
    return out;
  }

  /** The checkpoints of shards whose epoch {@code owners} no longer accept. */
  List<FencedWrite> fencedCheckpoints(Map<Integer, ShardOwner> owners) {
    List<FencedWrite> out = new ArrayList<>();
    for (Checkpoint c : checkpoints.values()) {
      ShardOwner owner = owners.get(c.shard());
      if (!owner.accepts(c.epoch())) {
        out.add(new FencedWrite(c.shard(), c.epoch(), owner, 0, 1));
      }
    }
    return out;
  }

  /** The checkpoints written, given the ones refused: durable once their transaction committed. */
  List<Checkpoint> checkpointsWritten(List<FencedWrite> fenced) {
    List<Checkpoint> out = new ArrayList<>();
    for (Checkpoint c : checkpoints.values()) {
      if (fenced.stream().noneMatch(f -> f.shard() == c.shard() && f.epoch() == c.epoch())) {
        out.add(c);
      }
    }
    return out;
  }

  /** This flush's data rows in two halves, for finding a row PostgreSQL refuses (no checkpoints, no positions). */
  List<Flush> split() {
    List<Consumer<Flush>> rows = new ArrayList<>(dataRows());
    data.forEach((key, shardRows) -> {
      shardRows.trades.forEach(t -> rows.add(f -> f.rows(key).trades.add(t)));
      shardRows.bars.values().forEach(b -> rows.add(f -> f.rows(key).bar(b)));
    });
    rejects.forEach(r -> rows.add(f -> f.reject(r)));
    int half = rows.size() / 2;
    Flush first = new Flush(storeTrades);
    Flush second = new Flush(storeTrades);
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).accept(i < half ? first : second);
    }
    return List.of(first, second);
  }

  /** The kind of this flush's one data row (trade, bar or reject); only for a flush of one data row. */
  String onlyRowKind() {
    ShardRows only = data.values().stream().findFirst().orElse(null);
    return only == null ? "reject" : only.trades.isEmpty() ? "bar" : "trade";
  }

  /** This flush's one data row as JSON, to set aside and to log. */
  JsonObject onlyRow() {
    ShardRows only = data.values().stream().findFirst().orElse(null);
    if (only == null) {
      return rejects.get(0);
    }
    return only.trades.isEmpty() ? JsonViews.bar(only.bars.values().iterator().next()) : JsonViews.trade(only.trades.get(0));
  }

  /** Writes the data, then the checkpoints and positions (two transactions, as the writer does); all refused rows. */
  Future<List<FencedWrite>> write(Pool pool) {
    return writeData(pool).compose(data -> writeControl(pool).map(control -> {
      List<FencedWrite> all = new ArrayList<>(data);
      all.addAll(control);
      return all;
    }));
  }

  /**
   * Writes the trades, bars and rejects of shards whose epoch is current in one transaction, and
   * answers the refused rows; the future fails if any statement does. First as plain inserts (a key is
   * checked once, not looked up and then inserted: about a fifth of PostgreSQL's CPU under {@code bench});
   * if a trade or a bar's first revision is stored already (replayed ticks after a restart or a takeover
   * make them again; so does writing again a flush whose commit went unanswered), that transaction is
   * rolled back and the flush written again skipping them. The second transaction takes the fence
   * locks anew: a claim that came between the two refuses the shard's rows as it would have refused a
   * flush that came after it (its new owner restores the last stored checkpoint and replays from there).
   */
  Future<List<FencedWrite>> writeData(Pool pool) {
    if (dataRows() == 0) {
      return Future.succeededFuture(List.of());
    }
    return writeData(pool, Stored.NONE).recover(e -> {
      if (!(e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))) {
        return Future.failedFuture(e);
      }
      LOG.atInfo().addKeyValue("trades", trades()).addKeyValue("rows", dataRows())
          .log("a flush met rows stored before (ticks replayed after a restart or a takeover, or a flush written again): written again, skipping them ({})",
              pg.getMessage());
      return writeData(pool, Stored.SOME);
    });
  }

  private Future<List<FencedWrite>> writeData(Pool pool, Stored stored) {
    return pool.withTransaction(conn -> WriteFence.lock(conn, shards()).compose(owners -> {
      Accepted rows = accepted(owners);
      return Future.all(FlushStatements.trades(conn, rows.trades(), stored), FlushStatements.bars(conn, rows.bars().values(), stored),
              FlushStatements.rejects(conn, rejects))
          .map(v -> fencedData(owners));
    }));
  }

  /** The trades and bars (by key) of a flush's shards whose epoch the owners accept: what its data statements write. */
  record Accepted(List<TradeTick> trades, Map<Bar, Bar> bars) {}

  /** This flush's trades and bars of the shards whose epoch {@code owners} accept, in the order the statements take them. */
  Accepted accepted(Map<Integer, ShardOwner> owners) {
    List<TradeTick> trades = new ArrayList<>();
    Map<Bar, Bar> bars = barsByKey();
    data.forEach((key, rows) -> {
      if (owners.get(key.shard()).accepts(key.epoch())) {
        trades.addAll(rows.trades);
        bars.putAll(rows.bars); // a symbol is in one shard, and one epoch of a shard is current
      }
    });
    trades.sort(TRADE_KEY_ORDER);
    return new Accepted(trades, bars);
  }

  /**
   * Writes the checkpoints of shards whose epoch is current, and the feed positions, in one transaction,
   * and answers the refused checkpoints. The writer calls it only once this flush's data and all data
   * before it is committed: a stored checkpoint must never cover data that is not.
   */
  Future<List<FencedWrite>> writeControl(Pool pool) {
    if (checkpoints.isEmpty() && positions.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.withTransaction(conn -> WriteFence.lock(conn, checkpoints.keySet()).compose(owners -> {
      List<FencedWrite> fenced = fencedCheckpoints(owners);
      return Future.all(FlushStatements.checkpoints(conn, checkpointsWritten(fenced)), FlushStatements.positions(conn, positions, positionsAt))
          .map(fenced);
    }));
  }

  /**
   * The last flush of {@code shard}, handed over by {@code node} at {@code epoch}: its remaining trades and
   * bars, its last checkpoint, and the hand-over itself (the shard given to node {@code to} under the next
   * epoch, or released if {@code to} is null), in one transaction under the shard's exclusive fence. The
   * writer calls it only once every earlier flush holding the shard's rows or checkpoints is written. Answers
   * the shard's epoch after it, or 0 if the shard was no longer {@code node}'s at {@code epoch}: then nothing
   * is written. Holds only that shard's batches and checkpoints (no rejects, no feed positions).
   */
  Future<Long> writeFinal(Pool pool, int shard, long epoch, String node, String to) {
    List<TradeTick> trades = new ArrayList<>();
    Map<Bar, Bar> bars = barsByKey();
    data.forEach((key, rows) -> {
      if (key.shard() == shard && key.epoch() == epoch) {
        trades.addAll(rows.trades);
        bars.putAll(rows.bars);
      }
    });
    trades.sort(TRADE_KEY_ORDER);
    Checkpoint last = checkpoints.get(shard);
    // Every statement sent at once (one round trip, not seven, while the shard serves nowhere): PostgreSQL
    // runs them in order, so the writes come after the locks; if the shard turns out not to be this node's
    // at that epoch, the transaction is rolled back and nothing of it stays.
    return pool.withTransaction(conn -> {
      Future<?> exclusive = conn.preparedQuery(WriteFence.FENCE_EXCLUSIVE).execute(Tuple.of(shard));
      Future<Map<Integer, ShardOwner>> owners = WriteFence.lock(conn, List.of(shard));
      Future<Void> tradesWritten = FlushStatements.trades(conn, trades, Stored.SOME);
      Future<Void> barsWritten = FlushStatements.bars(conn, bars.values(), Stored.SOME);
      Future<Void> checkpointWritten = FlushStatements.checkpoints(conn, last != null && last.epoch() == epoch ? List.of(last) : List.of());
      Future<Long> handedOver = ShardClaims.handOver(conn, shard, epoch, node, to);
      return Future.all(List.of(exclusive, owners, tradesWritten, barsWritten, checkpointWritten, handedOver)).compose(v -> {
        ShardOwner owner = owners.result().get(shard);
        return owner.accepts(epoch) && node.equals(owner.node()) ? Future.succeededFuture(handedOver.result())
            : Future.<Long>failedFuture(new NotOwner());
      });
    }).recover(e -> e instanceof NotOwner ? Future.succeededFuture(0L) : Future.failedFuture(e));
  }

  /** A last flush found its shard no longer its node's: its transaction is rolled back. */
  private static final class NotOwner extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotOwner() {
      super("not the shard's owner at that epoch", null, false, false);
    }
  }

  /**
   * Bars by their row's key (symbol, interval, start), each key once, in key order: two flushes in flight
   * lock their rows in the same order. Compared field by field, not by a key string made per bar.
   */
  private static Map<Bar, Bar> barsByKey() {
    return new TreeMap<>(BAR_KEY_ORDER);
  }

  private List<Integer> shards() {
    return data.keySet().stream().map(ShardEpoch::shard).distinct().toList();
  }
}
