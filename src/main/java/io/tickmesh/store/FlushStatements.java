package io.tickmesh.store;

import io.tickmesh.model.Bar;
import io.tickmesh.model.Checkpoint;
import io.tickmesh.model.TradeTick;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The statements of a flush, one multi-row statement per table (arrays and UNNEST). Written with
 * {@link Stored#SOME} each is idempotent: trades skip a key already stored, a bar replaces its row only
 * with a revision at least as new, a checkpoint only a stored one that is older. Callers send a
 * transaction's statements at once, pipelined on its connection, rather than one round trip after
 * another; PostgreSQL still runs them in order. They do not check ownership: the transaction that runs
 * them has locked and checked the shards' epochs first ({@link WriteFence}).
 */
final class FlushStatements {
  /** What a flush's trades and bars may find stored under their keys. */
  enum Stored {
    /**
     * Nothing, as in every flush but those after a restart or a takeover: plain inserts, a row already
     * stored fails the statement (SQLSTATE 23505) and the flush is written again with {@link #SOME}.
     */
    NONE,
    /** Rows made again from replayed ticks: skipped if trades, replaced only by a newer revision if bars. */
    SOME
  }

  /**
   * A plain insert checks the key once; with {@code on conflict} PostgreSQL looks it up first, then
   * inserts. The arrays are unnested in a select list, in lockstep, one row at a time: {@code unnest} in
   * FROM first copies every row into a tuplestore (about a tenth of PostgreSQL's CPU under {@code bench}).
   */
  private static final String NEW_TRADES = "insert into trades (symbol, ts_ns, feed, seq, px, qty)"
      + " select s, t, f, q, p * 0.00000001, x * 0.00000001"
      + " from (select unnest($1::text[]) s, unnest($2::int8[]) t, unnest($3::text[]) f, unnest($4::int8[]) q, unnest($5::int8[]) p, unnest($6::int8[]) x) u";
  private static final String TRADES = NEW_TRADES + " on conflict do nothing";
  private static final String NEW_BARS = "insert into bars (symbol, interval, start_ns, open, high, low, close, volume, vwap, trades, revision)"
      + " select s, i, t, o * 0.00000001, h * 0.00000001, l * 0.00000001, c * 0.00000001, coalesce(v * 0.00000001, vt::numeric),"
      + " w * 0.00000001, n, r"
      + " from (select unnest($1::text[]) s, unnest($2::text[]) i, unnest($3::int8[]) t, unnest($4::int8[]) o, unnest($5::int8[]) h,"
      + " unnest($6::int8[]) l, unnest($7::int8[]) c, unnest($8::int8[]) v, unnest($9::text[]) vt, unnest($10::int8[]) w,"
      + " unnest($11::int8[]) n, unnest($12::int4[]) r) u";
  private static final String BARS = NEW_BARS
      + " on conflict (symbol, interval, start_ns) do update set open = excluded.open, high = excluded.high,"
      + " low = excluded.low, close = excluded.close, volume = excluded.volume, vwap = excluded.vwap,"
      + " trades = excluded.trades, revision = excluded.revision where bars.revision <= excluded.revision";
  private static final String REJECTS = "insert into rejects (feed, seq, line, reason, raw, ts_ns)"
      + " select * from unnest($1::text[], $2::int8[], $3::int8[], $4::text[], $5::text[], $6::int8[])";
  /** A later checkpoint already stored (possible with two flushes in flight) is kept. */
  private static final String CHECKPOINT = "insert into shard_checkpoints as c (shard, epoch, checkpoint_id, state, feed_seqs, taken_at_ns)"
      + " values ($1, $2, $3, $4, $5, $6)"
      + " on conflict (shard) do update set epoch = excluded.epoch, checkpoint_id = excluded.checkpoint_id,"
      + " state = excluded.state, feed_seqs = excluded.feed_seqs, taken_at_ns = excluded.taken_at_ns"
      + " where c.checkpoint_id < excluded.checkpoint_id or c.epoch < excluded.epoch";
  private static final String POSITIONS = "insert into feed_positions as p (feed, seq, updated_at_ns)"
      + " select f, s, $3 from unnest($1::text[], $2::int8[]) as u(f, s)"
      + " on conflict (feed) do update set seq = excluded.seq, updated_at_ns = excluded.updated_at_ns"
      + " where p.seq < excluded.seq";

  private FlushStatements() {}

  static Future<Void> trades(SqlConnection conn, List<TradeTick> trades, Stored stored) {
    if (trades.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(stored == Stored.NONE ? NEW_TRADES : TRADES).execute(new TradeColumns(trades).tuple()).mapEmpty();
  }

  /**
   * {@code bars} in key order, in one statement: two flushes in flight lock their rows in the same order
   * and cannot deadlock (a plain insert of some bars followed by an upsert of others could, each statement
   * in key order but not the two together). With {@link Stored#NONE}, a plain insert if every bar is a
   * first emission (revision 0), as nearly all are; a flush with any later revision is an upsert.
   */
  static Future<Void> bars(SqlConnection conn, Collection<Bar> bars, Stored stored) {
    if (bars.isEmpty()) {
      return Future.succeededFuture();
    }
    boolean allFirst = stored == Stored.NONE && bars.stream().allMatch(b -> b.revision() == 0);
    return conn.preparedQuery(allFirst ? NEW_BARS : BARS).execute(new BarColumns(bars).tuple()).mapEmpty();
  }

  static Future<Void> rejects(SqlConnection conn, List<JsonObject> rejects) {
    if (rejects.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(REJECTS).execute(new RejectColumns(rejects).tuple()).mapEmpty();
  }

  /** One statement a checkpoint, all sent at once (pipelined), not one round trip after another. */
  static Future<Void> checkpoints(SqlConnection conn, List<Checkpoint> checkpoints) {
    List<Future<?>> writes = new ArrayList<>(checkpoints.size());
    for (Checkpoint c : checkpoints) {
      JsonObject seqs = new JsonObject();
      c.feedSeqs().forEach(seqs::put);
      Tuple row = Tuple.of(c.shard(), c.epoch(), c.checkpointId(), Buffer.buffer(c.state()), seqs, c.takenAtNanos());
      writes.add(conn.preparedQuery(CHECKPOINT).execute(row));
    }
    return Future.all(writes).mapEmpty();
  }

  static Future<Void> positions(SqlConnection conn, Map<String, Long> positions, long at) {
    if (positions.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] feeds = positions.keySet().toArray(new String[0]);
    Long[] seqs = new Long[feeds.length];
    for (int i = 0; i < feeds.length; i++) {
      seqs[i] = positions.get(feeds[i]);
    }
    return conn.preparedQuery(POSITIONS).execute(Tuple.of(feeds, seqs, at)).mapEmpty();
  }
}
