package io.tickmesh.store;

import io.tickmesh.codec.JsonViews;
import io.tickmesh.config.TickmeshConfig;
import io.tickmesh.model.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;

/**
 * History from PostgreSQL for the HTTP API, with prepared statements only (parameters never become SQL
 * text). Ranges follow the API: with {@code from}, the first {@code limit} rows from there on; without,
 * the last {@code limit} rows before {@code to}; oldest first either way. Queries run on the query pool
 * ({@link QueryPool}); one that meets its limits fails with a {@link QueryLimitException}.
 */
public final class HistoryQueries {
  private static final long NO_END = Long.MAX_VALUE;
  private static final String BAR_COLUMNS = "symbol, interval, start_ns, open::text, high::text, low::text, close::text,"
      + " volume::text, vwap::text, trades, revision";
  private static final String BARS_FROM = "select " + BAR_COLUMNS + " from bars where symbol = $1 and interval = $2"
      + " and start_ns >= $3 and start_ns < $4 order by start_ns limit $5";
  private static final String BARS_LAST = "select * from (select " + BAR_COLUMNS + " from bars where symbol = $1"
      + " and interval = $2 and start_ns < $3 order by start_ns desc limit $4) last order by start_ns";
  private static final String TRADE_COLUMNS = "symbol, ts_ns, px::text, qty::text, feed, seq";
  private static final String TRADES_FROM = "select " + TRADE_COLUMNS + " from trades where symbol = $1"
      + " and ts_ns >= $2 and ts_ns < $3 order by ts_ns, feed, seq limit $4";
  private static final String TRADES_LAST = "select * from (select " + TRADE_COLUMNS + " from trades where symbol = $1"
      + " and ts_ns < $2 order by ts_ns desc, feed desc, seq desc limit $3) last order by ts_ns, feed, seq";
  private static final String REJECTS = "select feed, seq, line, reason, raw, ts_ns from rejects"
      + " where ($1::text is null or feed = $1) order by id desc limit $2";

  private static final String POSITIONS = "select feed, seq, updated_at_ns from feed_positions order by feed";

  private final Pool pool;
  private final TickmeshConfig.Db limits;

  /** Queries over {@code pool} (a {@link QueryPool}), within {@code limits}. */
  HistoryQueries(Pool pool, TickmeshConfig.Db limits) {
    this.pool = pool;
    this.limits = limits;
  }

  /** Closed bars of one symbol and interval, in the contract's JSON. */
  public Future<JsonArray> bars(String symbol, String interval, Long from, Long to, int limit) {
    long end = to == null ? NO_END : to;
    Future<RowSet<Row>> rows = from != null
        ? execute(BARS_FROM, Tuple.of(symbol, interval, from, end, limit))
        : execute(BARS_LAST, Tuple.of(symbol, interval, end, limit));
    return rows.map(rs -> {
      JsonArray out = new JsonArray();
      rs.forEach(r -> out.add(new JsonObject()
          .put("symbol", r.getString("symbol"))
          .put("interval", r.getString("interval"))
          .put("start", Timestamps.format(r.getLong("start_ns")))
          .put("open", decimal(r, "open"))
          .put("high", decimal(r, "high"))
          .put("low", decimal(r, "low"))
          .put("close", decimal(r, "close"))
          .put("volume", decimal(r, "volume"))
          .put("vwap", decimal(r, "vwap"))
          .put("trades", r.getLong("trades"))
          .put("revision", r.getInteger("revision"))));
      return out;
    });
  }

  /** Stored trades of one symbol, in the JSON of {@code trades.<SYM>}. */
  public Future<JsonArray> trades(String symbol, Long from, Long to, int limit) {
    long end = to == null ? NO_END : to;
    Future<RowSet<Row>> rows = from != null
        ? execute(TRADES_FROM, Tuple.of(symbol, from, end, limit))
        : execute(TRADES_LAST, Tuple.of(symbol, end, limit));
    return rows.map(rs -> {
      JsonArray out = new JsonArray();
      rs.forEach(r -> out.add(new JsonObject()
          .put("symbol", r.getString("symbol"))
          .put("ts", Timestamps.format(r.getLong("ts_ns")))
          .put("px", decimal(r, "px"))
          .put("qty", decimal(r, "qty"))
          .put("feed", r.getString("feed"))
          .put("seq", r.getLong("seq"))));
      return out;
    });
  }

  /** Newest rejects first, optionally of one feed. */
  public Future<JsonArray> rejects(String feed, int limit) {
    return execute(REJECTS, Tuple.of(feed, limit)).map(rs -> {
      JsonArray out = new JsonArray();
      rs.forEach(r -> out.add(new JsonObject()
          .put("feed", r.getString("feed"))
          .put("seq", r.getLong("seq"))
          .put("line", r.getLong("line"))
          .put("reason", r.getString("reason"))
          .put("raw", r.getString("raw"))
          .put("ts", Timestamps.format(r.getLong("ts_ns")))));
      return out;
    });
  }

  /** Per feed, the highest seq acknowledged to its publishers as durable. */
  public Future<JsonArray> feedPositions() {
    return execute(POSITIONS, Tuple.tuple()).map(rs -> {
      JsonArray out = new JsonArray();
      rs.forEach(r -> out.add(new JsonObject()
          .put("feed", r.getString("feed"))
          .put("seq", r.getLong("seq"))
          .put("updatedAt", Timestamps.format(r.getLong("updated_at_ns")))));
      return out;
    });
  }

  private Future<RowSet<Row>> execute(String sql, Tuple parameters) {
    return QueryPool.limited(pool.preparedQuery(sql).execute(parameters), limits);
  }

  private static String decimal(Row r, String column) {
    return JsonViews.text(new BigDecimal(r.getString(column)));
  }
}
