package io.tickmesh.store;

import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's PostgreSQL: the embedded server (or the one at {@code db.url}), two connection pools, the
 * migrated schema, and this node's claim on its shards. The writer's pool ({@code db.poolSize}) carries
 * flushes, the readiness probe and start-up; history queries have a pool of their own ({@link QueryPool}),
 * so a crowd of queries can neither delay acks nor make the node look unready. {@link #open} completes
 * once the database is reachable and migrated; until then it retries, and the node is not ready.
 */
public final class Store {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);

  private final Pool pool;
  private final Pool queryPool;
  private final HistoryQueries history;
  private final EmbeddedDatabase embedded;
  private final Map<Integer, StoredShard> shards;

  private Store(Pool pool, Pool queryPool, TickmeshConfig.Db db, EmbeddedDatabase embedded, Map<Integer, StoredShard> shards) {
    this.pool = pool;
    this.queryPool = queryPool;
    this.history = new HistoryQueries(queryPool, db);
    this.embedded = embedded;
    this.shards = shards;
  }

  /** Opens the store of node {@code nodeId}: database up, schema migrated, shards claimed and loaded. */
  public static Future<Store> open(Vertx vertx, TickmeshConfig config, String nodeId) {
    TickmeshConfig.Db db = config.db();
    Future<EmbeddedDatabase> server = db.url() == null
        ? EmbeddedDatabase.start(vertx, Path.of(db.dataDir()))
        : Future.succeededFuture(null);
    return server.compose(embedded -> {
      PgConnectOptions connect =
          (embedded != null ? embedded.connectOptions() : PgConnectOptions.fromUri(db.url())).setPipeliningLimit(16);
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(db.poolSize())).connectingTo(connect).using(vertx).build();
      Pool queryPool = QueryPool.create(vertx, connect, db);
      return Reachable.await(vertx, pool, connect)
          .compose(v -> Migrations.apply(vertx, pool))
          .compose(v -> ShardClaims.claimAll(pool, config.shards().count(), nodeId))
          .map(shards -> new Store(pool, queryPool, db, embedded, shards))
          .recover(e -> closePools(pool, queryPool).eventually(() -> embedded == null ? Future.succeededFuture() : embedded.stop(vertx))
              .transform(v -> Future.failedFuture(e)));
    });
  }

  /** The embedded server's port (for psql), or 0 when the database is at {@code db.url}. */
  public int embeddedPort() {
    return embedded == null ? 0 : embedded.port();
  }

  /** The store writer's pool (flushes, the readiness probe); never used by history queries. */
  public Pool pool() {
    return pool;
  }

  /** History for the HTTP API, on the query pool. */
  public HistoryQueries history() {
    return history;
  }

  /** What each shard starts from: its new ownership epoch and its last durable checkpoint, if any. */
  public Map<Integer, StoredShard> shards() {
    return shards;
  }

  /** Closes the pools and stops the embedded server. */
  public Future<Void> close(Vertx vertx) {
    return closePools(pool, queryPool).eventually(() -> embedded == null ? Future.succeededFuture() : embedded.stop(vertx))
        .onComplete(v -> LOG.atInfo().log("store closed"));
  }

  private static Future<Void> closePools(Pool writer, Pool queries) {
    return Future.join(writer.close(), queries.close()).mapEmpty();
  }
}
