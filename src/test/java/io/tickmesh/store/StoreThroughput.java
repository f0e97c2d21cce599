package io.tickmesh.store;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.StoreBatch;
import io.tickmesh.model.TradeTick;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hand-run figure, not a test: trades stored per second into the embedded PostgreSQL through the
 * writer's own flush (one transaction of UNNEST inserts per flush), one flush at a time as the writer
 * does. Usage: {@code java -cp target/classes:target/test-classes:<deps> io.tickmesh.store.StoreThroughput
 * [trades] [rowsPerFlush]}.
 */
public final class StoreThroughput {
  private StoreThroughput() {}

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int perFlush = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Vertx vertx = Vertx.vertx();
    Path dir = Files.createTempDirectory("store-throughput");
    EmbeddedDatabase db = EmbeddedDatabase.start(vertx, dir).await(120, TimeUnit.SECONDS);
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(db.connectOptions()).using(vertx).build();
    Migrations.apply(vertx, pool).await(60, TimeUnit.SECONDS);
    var claimed = ShardClaims.claimAll(pool, 1, "bench").await(30, TimeUnit.SECONDS); // the flushes write shard 0 at epoch 1
    List<Flush> flushes = new ArrayList<>();
    long seq = 0;
    for (int f = 0; f < total / perFlush; f++) {
      List<TradeTick> trades = new ArrayList<>(perFlush);
      for (int i = 0; i < perFlush; i++) {
        seq++;
        trades.add(new TradeTick("bench", seq, "S" + (seq % 1000), 1795500000000000000L + seq * 1000,
            (100 + seq % 50) * Decimals.ONE + (seq % 100) * 1_000_000, (1 + seq % 500) * Decimals.ONE));
      }
      StoreQueue queue = new StoreQueue(true);
      queue.add(new StoreBatch(0, 1, trades, List.of()));
      flushes.add(queue.take(perFlush));
    }
    long t0 = System.nanoTime();
    List<Future<Void>> chains = new ArrayList<>();
    for (int c = 0; c < inFlight; c++) {
      Future<Void> chain = Future.succeededFuture();
      for (int i = c; i < flushes.size(); i += inFlight) {
        Flush flush = flushes.get(i);
        chain = chain.compose(v -> flush.write(pool).mapEmpty());
      }
      chains.add(chain);
    }
    var all = Future.all(chains).await(30, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("STORE FIGURES: %,d trades in %,d flushes of %,d rows, %d in flight: %.2f s, %,.0f trades/s stored%n",
        total, flushes.size(), perFlush, inFlight, seconds, total / seconds);
    pool.close().await(10, TimeUnit.SECONDS);
    db.stop(vertx).await(60, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
