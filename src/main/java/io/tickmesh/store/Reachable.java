package io.tickmesh.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits until PostgreSQL answers, retrying with backoff and saying so in the log: a node starts when its database does. */
final class Reachable {
  private static final Logger LOG = LoggerFactory.getLogger(Reachable.class);

  private Reachable() {}

  static Future<Void> await(Vertx vertx, Pool pool, PgConnectOptions where) {
    Promise<Void> up = Promise.promise();
    attempt(vertx, pool, where, up, 0);
    return up.future();
  }

  private static void attempt(Vertx vertx, Pool pool, PgConnectOptions where, Promise<Void> up, int tries) {
    pool.query("select 1").execute().onComplete(ar -> {
      if (ar.succeeded()) {
        up.tryComplete();
        return;
      }
      long backoff = Math.min(5_000, 200L << Math.min(tries, 5));
      LOG.atWarn()
          .addKeyValue("host", where.getHost())
          .addKeyValue("port", where.getPort())
          .addKeyValue("attempt", tries + 1)
          .log("PostgreSQL not reachable ({}); retrying in {} ms, the node stays not ready", ar.cause().getMessage(), backoff);
      var unused = vertx.setTimer(backoff, id -> attempt(vertx, pool, where, up, tries + 1));
    });
  }
}
