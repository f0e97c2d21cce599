package io.tickmesh.store;

import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The connections of history queries, apart from the store writer's, so that no burst of queries can hold
 * up a flush or the writer's readiness probe: {@code db.queryPoolSize} connections on which PostgreSQL
 * cuts every statement at {@code db.queryTimeoutMs} ({@code statement_timeout}); at most
 * {@code db.queryQueueSize} queries wait for one, and none longer than that timeout. A query past the queue
 * fails at once. Its connections run on the event loop of the API verticle that uses them, so decoding
 * large results stays off the loops of the shards, feeds and writer. {@link #limited} adds a backstop a
 * little past the timeout and names the limit a query met.
 */
final class QueryPool {
  /** How far past {@code db.queryTimeoutMs} the node stops waiting for PostgreSQL's own cut. */
  static final long BACKSTOP_MS = 1_000;
  /** SQLSTATE query_canceled: what PostgreSQL answers when statement_timeout cuts a statement. */
  private static final String QUERY_CANCELED = "57014";

  private QueryPool() {}

  /** A pool to the database of {@code connect} (the writer's options, copied) within the limits of {@code db}. */
  static Pool create(Vertx vertx, PgConnectOptions connect, TickmeshConfig.Db db) {
    // Statements are prepared once per connection (see Store); a history query is still planned for its
    // own parameters: a generic plan of "($1 is null or feed = $1)" could not use the feed's index.
    PgConnectOptions options = new PgConnectOptions(connect)
        .addProperty("statement_timeout", Long.toString(db.queryTimeoutMs()))
        .addProperty("plan_cache_mode", "force_custom_plan")
        .addProperty("application_name", "tickmesh-queries");
    PoolOptions pool = new PoolOptions()
        .setMaxSize(db.queryPoolSize())
        .setMaxWaitQueueSize(db.queryQueueSize())
        .setConnectionTimeout((int) db.queryTimeoutMs())
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    return PgBuilder.pool().with(pool).connectingTo(options).using(vertx).build();
  }

  /** {@code query}, failed with a {@link QueryLimitException} when it met a limit of {@code db}. */
  static <T> Future<T> limited(Future<T> query, TickmeshConfig.Db db) {
    return query.timeout(db.queryTimeoutMs() + BACKSTOP_MS, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(classify(e, db)));
  }

  private static Throwable classify(Throwable e, TickmeshConfig.Db db) {
    if (e instanceof ConnectionPoolTooBusyException) {
      return new QueryLimitException(QueryLimitException.Limit.BUSY, "history queries are queued to the limit"
          + " (db.queryQueueSize=" + db.queryQueueSize() + "); try again in a moment");
    }
    boolean cut = e instanceof PgException pg && QUERY_CANCELED.equals(pg.getSqlState());
    // the pool's own wait for a connection ends with this message (vertx-sql-client SqlConnectionPool)
    boolean waitedTooLong = e instanceof VertxException && "Timeout waiting for connection".equals(e.getMessage());
    if (cut || waitedTooLong || e instanceof TimeoutException) {
      return new QueryLimitException(QueryLimitException.Limit.TIMEOUT, "the history query did not finish within"
          + " db.queryTimeoutMs=" + db.queryTimeoutMs() + " ms; ask for less (limit, from, to) or try again");
    }
    return e;
  }
}
