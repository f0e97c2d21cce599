package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Migrations against a real PostgreSQL: applied by two nodes at once and then again, each file is applied
 * and recorded exactly once; a recorded file whose text changed stops the start.
 */
class MigrationsIT {
  @Test
  void migrationsAreSafeTwiceAndConcurrently() throws Exception {
    Vertx vertx = Vertx.vertx();
    EmbeddedDatabase db = EmbeddedDatabase.start(vertx, Files.createTempDirectory("migrations")).await(120, TimeUnit.SECONDS);
    Pool a = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(db.connectOptions()).using(vertx).build();
    Pool b = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(db.connectOptions()).using(vertx).build();
    try {
      var both = Future.all(Migrations.apply(vertx, a), Migrations.apply(vertx, b)).await(60, TimeUnit.SECONDS);
      var again = Migrations.apply(vertx, a).await(60, TimeUnit.SECONDS);
      int files = Migrations.load().size();
      long recorded = a.query("select count(*) from schema_migrations").execute().await(10, TimeUnit.SECONDS)
          .iterator().next().getLong(0);
      assertThat(recorded).isEqualTo(files);
      assertThat(a.query("select count(*) from bars").execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0)).isZero();
      var collations = a.query("select table_name || '.' || column_name, collation_name from information_schema.columns"
          + " where table_name in ('trades', 'bars') and data_type = 'text' order by 1").execute().await(10, TimeUnit.SECONDS);
      java.util.List<String> keys = new java.util.ArrayList<>();
      collations.forEach(row -> keys.add(row.getString(0) + " " + row.getString(1)));
      assertThat(keys).as("the text keys of the hot tables compare byte by byte, whatever the database's locale")
          .containsExactly("bars.interval C", "bars.symbol C", "trades.feed C", "trades.symbol C");

      var changed = a.query("update schema_migrations set checksum = 'other' where version = 1").execute().await(10, TimeUnit.SECONDS);
      assertThat(changed.rowCount()).isEqualTo(1);
      var outcome = Migrations.apply(vertx, a).toCompletionStage().toCompletableFuture();
      assertThat(outcome).failsWithin(60, TimeUnit.SECONDS).withThrowableThat()
          .withMessageContaining("was applied with other content");
    } finally {
      var closedA = a.close().await(10, TimeUnit.SECONDS);
      var closedB = b.close().await(10, TimeUnit.SECONDS);
      var stopped = db.stop(vertx).await(60, TimeUnit.SECONDS);
      var closed = vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
