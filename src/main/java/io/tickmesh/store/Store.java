package io.tickmesh.store;

import io.tickmesh.config.TickmeshConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's PostgreSQL: the embedded server (or the one at {@code db.url}), two connection pools, the
 * migrated schema, and this node's claims on its shards. The writer's pool ({@code db.poolSize}) carries
 * flushes, claims, the readiness probe and start-up; history queries and {@link #owners} have a pool of
 * their own ({@link QueryPool}), so a crowd of queries can neither delay acks nor make the node look
 * unready. {@link #open} completes once the database is reachable and migrated; until then it retries,
 * and the node is not ready. A single node claims every shard there; in a cluster the ownership code
 * claims and releases one shard at a time ({@link #claim}, {@link #release}).
 */
public final class Store {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);

  private final Pool pool;
  private final Pool queryPool;
  /** Claims and releases, apart from the writer's pool: a takeover must not wait behind its flushes. */
  private final Pool claimPool;
  private final HistoryQueries history;
  private final EmbeddedDatabase embedded;
  private final Map<Integer, StoredShard> shards;
  private final TickmeshConfig.Db db;
  private final int shardCount;

  private Store(Pool pool, Pool queryPool, Pool claimPool, TickmeshConfig config, EmbeddedDatabase embedded,
      Map<Integer, StoredShard> shards) {
    this.claimPool = claimPool;
    this.pool = pool;
    this.queryPool = queryPool;
    this.db = config.db();
    this.history = new HistoryQueries(queryPool, db);
    this.embedded = embedded;
    this.shards = shards;
    this.shardCount = config.shards().count();
  }

  /**
   * Connections for claims and releases. A failover claims a third of the shards at once, and each claim may
   * wait seconds for the fence lock a dead owner's session still holds: side by side, not two at a time.
   */
  private static final int CLAIM_CONNECTIONS = 8;

  /** Opens the claim pool's connections now, so a node's first claims (a join, a failover) do not pay for them. */
  private static Future<Void> warm(Pool claimPool) {
    List<Future<SqlConnection>> connections = new ArrayList<>();
    for (int i = 0; i < CLAIM_CONNECTIONS; i++) {
      connections.add(claimPool.getConnection());
    }
    return Future.join(connections).transform(ar -> {
      connections.stream().filter(Future::succeeded).forEach(c -> c.result().close().onFailure(e -> { }));
      return Future.<Void>succeededFuture(); // a connection that failed now is opened again when needed
    });
  }

  /**
   * Opens the store of node {@code nodeId}: database up, schema migrated, {@code shards.count} checked;
   * a single node also claims every shard and loads its checkpoint ({@link #shards}). With
   * {@code cluster.enabled} no shard is claimed here.
   */
  public static Future<Store> open(Vertx vertx, TickmeshConfig config, String nodeId) {
    TickmeshConfig.Db db = config.db();
    Future<EmbeddedDatabase> server = db.url() == null
        ? EmbeddedDatabase.start(vertx, Path.of(db.dataDir()))
        : Future.succeededFuture(null);
    return server.compose(embedded -> {
      // Every statement is one fixed text (rows go in as arrays, unnest'ed), so each connection prepares it
      // once and reuses it: uncached, PostgreSQL parsed and planned every statement again, which at a few
      // thousand ticks a second (many small flushes and checkpoints) was most of its CPU.
      PgConnectOptions connect = (embedded != null ? embedded.connectOptions() : PgConnectOptions.fromUri(db.url()))
          .setPipeliningLimit(16)
          .setCachePreparedStatements(true);
      // A transaction left open by a frozen node (SIGSTOP, a long pause) holds its shards' FOR SHARE locks,
      // which a claim's raise of the epoch waits for: PostgreSQL ends such a session after 3 s idle, so a
      // takeover is never held up by a zombie (its writes are fenced when it wakes). A node killed in the
      // middle of a statement (a 20,000-row insert on a busy server runs for seconds) holds them until the
      // statement ends, unless PostgreSQL checks the client's socket meanwhile: every 500 ms (measured: a
      // kill -9 held the claims of the dead node's shards 4-11 s without it).
      PgConnectOptions writer = new PgConnectOptions(connect).addProperty("idle_in_transaction_session_timeout", "3000")
          .addProperty("client_connection_check_interval", "500");
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(db.poolSize())).connectingTo(writer).using(vertx).build();
      Pool queryPool = QueryPool.create(vertx, connect, db);
      Pool claimPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(CLAIM_CONNECTIONS)).connectingTo(writer).using(vertx).build();
      return Reachable.await(vertx, pool, connect)
          .compose(v -> Migrations.apply(vertx, pool))
          .compose(v -> config.cluster().enabled() ? warm(claimPool) : Future.succeededFuture())
          .compose(v -> config.cluster().enabled()
              ? pool.withTransaction(conn -> ShardClaims.checkShardCount(conn, config.shards().count())).map(Map.<Integer, StoredShard>of())
              : ShardClaims.claimAll(pool, config.shards().count(), nodeId))
          .map(shards -> new Store(pool, queryPool, claimPool, config, embedded, shards))
          .recover(e -> closePools(pool, queryPool, claimPool).eventually(() -> embedded == null ? Future.succeededFuture() : embedded.stop(vertx))
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

  /**
   * What each shard starts from on a single node: its new ownership epoch and its last durable
   * checkpoint, if any. Empty with {@code cluster.enabled}: there shards are claimed one at a time.
   */
  public Map<Integer, StoredShard> shards() {
    return shards;
  }

  /**
   * Claims {@code shard} for {@code node}: raises its ownership epoch, which refuses every write of an
   * earlier owner from then on (writes in flight finish first), and reads what to restore it from. See
   * {@link ShardClaims#claim} for why there is no compare-and-set.
   */
  public Future<ClaimResult> claim(int shard, String node) {
    return checkShard(shard).compose(v -> ShardClaims.claim(claimPool, shard, node));
  }

  /** The shard a hand-over gave {@code node} under {@code epoch}, with its last checkpoint; null if not (see {@link ShardClaims#adopt}). */
  public Future<StoredShard> adopt(int shard, String node, long epoch) {
    return checkShard(shard).compose(v -> ShardClaims.adopt(claimPool, shard, node, epoch));
  }

  /**
   * Releases {@code shard} if {@code node} still owns it at {@code epoch}, a no-op otherwise. Writes of
   * the shard at that epoch are refused from then on: call it once the last checkpoint is durable.
   */
  public Future<Void> release(int shard, long epoch, String node) {
    return checkShard(shard).compose(v -> ShardClaims.release(claimPool, shard, epoch, node));
  }

  /** Every shard's owner (none if released or never claimed), epoch and since when, in shard order. */
  public Future<List<ShardOwner>> owners() {
    return QueryPool.limited(ShardClaims.owners(queryPool, shardCount), db);
  }

  private Future<Void> checkShard(int shard) {
    return shard >= 0 && shard < shardCount
        ? Future.succeededFuture()
        : Future.failedFuture(new IllegalArgumentException("no shard " + shard + ": shards.count is " + shardCount));
  }

  /** Closes the pools and stops the embedded server. */
  public Future<Void> close(Vertx vertx) {
    return closePools(pool, queryPool, claimPool).eventually(() -> embedded == null ? Future.succeededFuture() : embedded.stop(vertx))
        .onComplete(v -> LOG.atInfo().log("store closed"));
  }

  private static Future<Void> closePools(Pool writer, Pool queries, Pool claims) {
    return Future.join(writer.close(), queries.close(), claims.close()).mapEmpty();
  }
}
