package io.tickmesh.store;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a flush's data so that one row PostgreSQL refuses cannot stop the store: a flush refused for
 * its data (SQLSTATE class 22 or 23, which no retry would fix) is halved, and the halves written one
 * after the other, down to the refused row, which is set aside in table {@code quarantine} and logged at
 * ERROR. Any other failure fails the whole flush, for the writer to retry. Not thread-safe: the writer's
 * context.
 */
final class Quarantine {
  private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
  /** A retried flush sets the same row aside again: kept once. */
  private static final String QUARANTINE = "insert into quarantine (kind, row_json, sqlstate, error, at_ns) values ($1, $2, $3, $4, $5)"
      + " on conflict (kind, row_json) do nothing";

  private final Pool pool;
  private long count;

  Quarantine(Pool pool) {
    this.pool = pool;
  }

  /** Rows set aside since the writer started. */
  long count() {
    return count;
  }

  /**
   * Writes {@code flush}'s data, halving it down to a refused row as needed. Its statements are
   * idempotent, so halves written already are written again harmlessly when the flush is retried.
   * Answers the rows refused as fenced (by any half).
   */
  Future<List<FencedWrite>> write(Flush flush) {
    return flush.writeData(pool).recover(e -> {
      String state = refusedRowState(e);
      if (state == null || flush.dataRows() == 0) {
        return Future.failedFuture(e);
      }
      if (flush.dataRows() == 1) {
        return setAside(flush, state, e.getMessage()).map(List.of());
      }
      List<Flush> halves = flush.split();
      return write(halves.get(0)).compose(first -> write(halves.get(1)).map(second -> {
        List<FencedWrite> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
      }));
    });
  }

  /** The SQLSTATE if PostgreSQL refused the data itself (class 22 data exception, 23 integrity), else null. */
  private static String refusedRowState(Throwable e) {
    if (e instanceof PgException pg && pg.getSqlState() != null
        && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
      return pg.getSqlState();
    }
    return null;
  }

  private Future<Void> setAside(Flush flush, String state, String error) {
    String kind = flush.onlyRowKind();
    String row = RejectColumns.noNul(flush.onlyRow().encode());
    LOG.atError()
        .addKeyValue("kind", kind)
        .addKeyValue("row", row)
        .addKeyValue("sqlstate", state)
        .log("PostgreSQL refused a {} ({}): set aside in table quarantine, the rest of its flush is written", kind, error);
    return pool.preparedQuery(QUARANTINE)
        .execute(Tuple.of(kind, row, state, RejectColumns.noNul(error), System.currentTimeMillis() * 1_000_000L))
        .map(rows -> {
          count += rows.rowCount(); // 0 when a retry sets the same row aside again
          return (Void) null;
        })
        .recover(e -> refusedRowState(e) == null
            ? Future.failedFuture(e) // PostgreSQL is down: the whole flush is retried
            : Future.succeededFuture()); // not even storable as text: the ERROR line above holds it
  }
}
