package io.tickmesh.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test's own look into a cluster's database at {@code db.url}: plain SQL, answered as JSON rows. */
public final class SqlProbe implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final Pool pool;

  public SqlProbe(String url) {
    pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
  }

  /** The rows of {@code sql}, each as a JSON object; waits on the test's thread. */
  public List<JsonObject> rows(String sql) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    pool.query(sql).execute().await(60, TimeUnit.SECONDS).forEach(r -> out.add(r.toJson()));
    return out;
  }

  /** The single number {@code sql} answers. */
  public long number(String sql) throws Exception {
    JsonObject row = rows(sql).get(0);
    return Long.parseLong(String.valueOf(row.getValue(row.fieldNames().iterator().next())));
  }

  /** Polls {@code select count(*) from trades} until it reaches {@code atLeast} (another process's progress). */
  /** The stored trades are exactly {@code expected} in number, and as many distinct (feed, seq): nothing lost or doubled. */
  public void assertTradesExactly(long expected) throws Exception {
    org.assertj.core.api.Assertions.assertThat(number("select count(*) from trades")).as("trades stored").isEqualTo(expected);
    org.assertj.core.api.Assertions.assertThat(number("select count(distinct (feed, seq)) from trades"))
        .as("distinct (feed, seq)").isEqualTo(expected);
  }

  public void awaitTrades(long atLeast) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    long stored = 0;
    while (System.nanoTime() < deadline) {
      stored = number("select count(*) from trades");
      if (stored >= atLeast) {
        return;
      }
      Thread.sleep(200); // another process's progress: poll the database
    }
    throw new AssertionError("only " + stored + " trades stored, waiting for " + atLeast);
  }

  @Override
  public void close() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
