package io.tickmesh.store;

import io.tickmesh.codec.JsonViews;
import io.tickmesh.model.Bar;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.FeedPositions;
import io.tickmesh.model.TradeTick;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * One write of the store: trades, bars, rejects and checkpoints taken from the writer's queue, with one
 * multi-row statement per table (arrays and UNNEST): the data in one transaction, then the checkpoints
 * and feed positions in another. Every statement is
 * idempotent (trades skip a key already stored, a bar replaces its row only with a revision at least as
 * new, a checkpoint only with a later one of an owner not fenced off), so a flush that failed after the
 * commit can be written again. Not thread-safe: built and run by the writer's context.
 */
final class Flush {
  private static final String TRADES = "insert into trades (symbol, ts_ns, feed, seq, px, qty)"
      + " select s, t, f, q, p * 0.00000001, x * 0.00000001"
      + " from unnest($1::text[], $2::int8[], $3::text[], $4::int8[], $5::int8[], $6::int8[]) as u(s, t, f, q, p, x)"
      + " on conflict do nothing";
  private static final String BARS = "insert into bars (symbol, interval, start_ns, open, high, low, close, volume, vwap, trades, revision)"
      + " select s, i, t, o::numeric, h::numeric, l::numeric, c::numeric, v::numeric, w::numeric, n, r"
      + " from unnest($1::text[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::text[],"
      + " $7::text[], $8::text[], $9::text[], $10::int8[], $11::int4[]) as u(s, i, t, o, h, l, c, v, w, n, r)"
      + " on conflict (symbol, interval, start_ns) do update set open = excluded.open, high = excluded.high,"
      + " low = excluded.low, close = excluded.close, volume = excluded.volume, vwap = excluded.vwap,"
      + " trades = excluded.trades, revision = excluded.revision where bars.revision <= excluded.revision";
  private static final String REJECTS = "insert into rejects (feed, seq, line, reason, raw, ts_ns)"
      + " select * from unnest($1::text[], $2::int8[], $3::int8[], $4::text[], $5::text[], $6::int8[])";
  /**
   * Writes a checkpoint if this node still owns the shard under that epoch, and answers whether it does:
   * a later checkpoint already stored (possible with two flushes in flight) is kept and is not an error;
   * a changed ownership epoch is (the shard is fenced off from this writer).
   */
  private static final String CHECKPOINT = "with owner as (select 1 from shard_owners where shard = $1 and epoch = $2),"
      + " written as (insert into shard_checkpoints as c (shard, epoch, checkpoint_id, state, feed_seqs, taken_at_ns)"
      + " select $1, $2, $3, $4, $5, $6 where exists (select 1 from owner)"
      + " on conflict (shard) do update set epoch = excluded.epoch, checkpoint_id = excluded.checkpoint_id,"
      + " state = excluded.state, feed_seqs = excluded.feed_seqs, taken_at_ns = excluded.taken_at_ns"
      + " where c.checkpoint_id < excluded.checkpoint_id or c.epoch < excluded.epoch returning 1)"
      + " select exists (select 1 from owner) as owned";

  private static final String POSITIONS = "insert into feed_positions as p (feed, seq, updated_at_ns)"
      + " select f, s, $3 from unnest($1::text[], $2::int8[]) as u(f, s)"
      + " on conflict (feed) do update set seq = excluded.seq, updated_at_ns = excluded.updated_at_ns"
      + " where p.seq < excluded.seq";

  private final List<TradeTick> trades = new ArrayList<>();
  private final Map<String, Bar> bars = new TreeMap<>(); // key order: concurrent flushes lock rows alike
  private final List<JsonObject> rejects = new ArrayList<>();
  private final Map<Integer, Checkpoint> checkpoints = new TreeMap<>();
  private final Map<String, Long> positions = new TreeMap<>();
  private long positionsAt;
  private final boolean storeTrades;

  Flush(boolean storeTrades) {
    this.storeTrades = storeTrades;
  }

  void trades(List<TradeTick> more) {
    if (storeTrades) {
      trades.addAll(more);
    }
  }

  /** Keeps the newest revision of each bar: one statement must not touch a row twice. */
  void bars(List<Bar> more) {
    for (Bar b : more) {
      bars.merge(b.symbol() + '\u0000' + b.interval().label() + '\u0000' + b.start(), b,
          (old, neu) -> neu.revision() >= old.revision() ? neu : old);
    }
  }

  void reject(JsonObject reject) {
    rejects.add(reject);
  }

  /** A later checkpoint of the same shard supersedes an earlier one in the same flush. */
  void checkpoint(Checkpoint c) {
    checkpoints.merge(c.shard(), c, (old, neu) -> neu.checkpointId() > old.checkpointId() ? neu : old);
  }

  void positions(FeedPositions p) {
    p.seqs().forEach((feed, seq) -> positions.merge(feed, seq, Math::max));
    positionsAt = Math.max(positionsAt, p.atNanos());
  }

  Map<Integer, Checkpoint> checkpoints() {
    return checkpoints;
  }

  int trades() {
    return trades.size();
  }

  int rows() {
    return trades.size() + bars.size() + rejects.size() + checkpoints.size() + positions.size();
  }

  /** Trades, bars and rejects: the rows a refusal can be caused by (checkpoints and positions are ours). */
  int dataRows() {
    return trades.size() + bars.size() + rejects.size();
  }

  /** This flush's data rows in two halves, for finding a row PostgreSQL refuses (no checkpoints, no positions). */
  List<Flush> split() {
    List<Object> data = new ArrayList<>(dataRows());
    data.addAll(trades);
    data.addAll(bars.values());
    data.addAll(rejects);
    int half = data.size() / 2;
    Flush first = new Flush(storeTrades);
    Flush second = new Flush(storeTrades);
    for (int i = 0; i < data.size(); i++) {
      (i < half ? first : second).add(data.get(i));
    }
    return List.of(first, second);
  }

  private void add(Object row) {
    if (row instanceof TradeTick t) {
      trades.add(t);
    } else if (row instanceof Bar b) {
      bars(List.of(b));
    } else {
      rejects.add((JsonObject) row);
    }
  }

  /** The kind of this flush's one data row (trade, bar or reject); only for a flush of one data row. */
  String onlyRowKind() {
    return !trades.isEmpty() ? "trade" : !bars.isEmpty() ? "bar" : "reject";
  }

  /** This flush's one data row as JSON, to set aside and to log. */
  JsonObject onlyRow() {
    if (!trades.isEmpty()) {
      return JsonViews.trade(trades.get(0));
    }
    if (!bars.isEmpty()) {
      return JsonViews.bar(bars.values().iterator().next());
    }
    return rejects.get(0);
  }

  /** Writes the data, then the checkpoints and positions (two transactions, as the writer does). */
  Future<Void> write(Pool pool) {
    return writeData(pool).compose(v -> writeControl(pool));
  }

  /** Writes the trades, bars and rejects in one transaction; the future fails if any statement does. */
  Future<Void> writeData(Pool pool) {
    if (dataRows() == 0) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(conn -> writeTrades(conn)
        .compose(v -> writeBars(conn))
        .compose(v -> writeRejects(conn)));
  }

  /**
   * Writes the checkpoints and feed positions in one transaction. The writer calls it only once this
   * flush's data and all data before it is committed: a stored checkpoint must never cover data that is not.
   */
  Future<Void> writeControl(Pool pool) {
    if (checkpoints.isEmpty() && positions.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(conn -> writeCheckpoints(conn).compose(v -> writePositions(conn)));
  }

  private Future<Void> writeTrades(SqlConnection conn) {
    if (trades.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = trades.size();
    String[] sym = new String[n];
    Long[] ts = new Long[n];
    String[] feed = new String[n];
    Long[] seq = new Long[n];
    Long[] px = new Long[n];
    Long[] qty = new Long[n];
    for (int i = 0; i < n; i++) {
      TradeTick t = trades.get(i);
      sym[i] = t.symbol();
      ts[i] = t.ts();
      feed[i] = t.feed();
      seq[i] = t.seq();
      px[i] = t.px();
      qty[i] = t.qty();
    }
    return conn.preparedQuery(TRADES).execute(Tuple.of(sym, ts, feed, seq, px, qty)).mapEmpty();
  }

  private Future<Void> writeBars(SqlConnection conn) {
    if (bars.isEmpty()) {
      return Future.succeededFuture();
    }
    BarColumns c = new BarColumns(bars.values());
    return conn.preparedQuery(BARS).execute(c.tuple()).mapEmpty();
  }

  private Future<Void> writeRejects(SqlConnection conn) {
    if (rejects.isEmpty()) {
      return Future.succeededFuture();
    }
    RejectColumns c = new RejectColumns(rejects);
    return conn.preparedQuery(REJECTS).execute(c.tuple()).mapEmpty();
  }

  private Future<Void> writePositions(SqlConnection conn) {
    if (positions.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] feeds = positions.keySet().toArray(new String[0]);
    Long[] seqs = new Long[feeds.length];
    for (int i = 0; i < feeds.length; i++) {
      seqs[i] = positions.get(feeds[i]);
    }
    return conn.preparedQuery(POSITIONS).execute(Tuple.of(feeds, seqs, positionsAt)).mapEmpty();
  }

  private Future<Void> writeCheckpoints(SqlConnection conn) {
    Future<Void> chain = Future.succeededFuture();
    for (Checkpoint c : checkpoints.values()) {
      JsonObject seqs = new JsonObject();
      c.feedSeqs().forEach(seqs::put);
      Tuple row = Tuple.of(c.shard(), c.epoch(), c.checkpointId(), io.vertx.core.buffer.Buffer.buffer(c.state()), seqs, c.takenAtNanos());
      chain = chain.compose(v -> conn.preparedQuery(CHECKPOINT).execute(row).compose(rs -> rs.iterator().next().getBoolean("owned")
          ? Future.<Void>succeededFuture()
          : Future.failedFuture(new FencedException(c.shard(), c.epoch()))));
    }
    return chain;
  }
}
