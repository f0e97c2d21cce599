package io.tickmesh.store;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.Instrument;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code instruments} table: reads of what changed since a revision, the compare-and-set of a PUT, and
 * the merge of a feed's directory entries. Every change takes the next {@code instrument_revisions} value,
 * so a reader asks only for rows past the last revision it read. Prepared statements only.
 */
final class InstrumentRows {
  private static final Logger LOG = LoggerFactory.getLogger(InstrumentRows.class);
  /** Rows read per statement while catching up. */
  static final int PAGE = 5_000;
  private static final String COLUMNS = "symbol, tick_size::text, source, attributes::text, version, revision";
  private static final String SINCE = "select " + COLUMNS + " from instruments where revision > $1 order by revision limit $2";
  private static final String CREATE = "insert into instruments (symbol, tick_size, source, attributes, version, revision)"
      + " values ($1, $2::numeric, $3, $4::jsonb, 1, nextval('instrument_revisions')) on conflict (symbol) do nothing"
      + " returning " + COLUMNS;
  private static final String CHANGE = "update instruments set tick_size = $2::numeric, source = $3, attributes = $4::jsonb,"
      + " version = version + 1, revision = nextval('instrument_revisions'), updated_at = now()"
      + " where symbol = $1 and version = $5 returning " + COLUMNS;
  // A feed's entry keeps the tick size it finds and adds its attributes to those it finds (its own alone if
  // both would be more than an instrument may have, as the master merges them); unchanged, it writes nothing.
  private static final String LISTED = "insert into instruments (symbol, tick_size, source, attributes, version, revision)"
      + " values ($1, 0, $2, $3::jsonb, 1, nextval('instrument_revisions')) on conflict (symbol) do update"
      + " set source = excluded.source, attributes = case when (select count(*) from jsonb_object_keys(instruments.attributes"
      + " || excluded.attributes)) <= " + Instrument.MAX_ATTRIBUTES + " then instruments.attributes || excluded.attributes"
      + " else excluded.attributes end,"
      + " version = instruments.version + 1, revision = nextval('instrument_revisions'), updated_at = now()"
      + " where instruments.source <> excluded.source or not instruments.attributes @> excluded.attributes";

  private InstrumentRows() {}

  /** A page of the rows changed after {@code revision}, oldest change first (the valid ones), the last revision read, and how many rows were read. */
  record Page(List<Instrument> instruments, long lastRevision, int rows) {}

  static Future<Page> since(Pool pool, long revision) {
    return pool.preparedQuery(SINCE).execute(Tuple.of(revision, PAGE)).map(rows -> {
      List<Instrument> out = new ArrayList<>(rows.size());
      long last = revision;
      for (Row r : rows) {
        last = Math.max(last, r.getLong("revision"));
        try {
          out.add(instrument(r));
        } catch (RuntimeException e) { // a row written past the API's checks: the master goes on without it
          LOG.atWarn().addKeyValue("symbol", r.getString("symbol")).log("instrument {} in PostgreSQL is not valid and is left out: {}",
              r.getString("symbol"), e.getMessage());
        }
      }
      return new Page(out, last, rows.size());
    });
  }

  /**
   * Stores {@code wanted} if it is new ({@code expectedVersion} 0) or if the stored one is at
   * {@code expectedVersion}; null when it is not (someone changed it first, or it exists already).
   */
  static Future<Instrument> put(Pool pool, Instrument wanted, long expectedVersion) {
    Tuple values = Tuple.of(wanted.symbol(), Decimals.toBigDecimal(wanted.tickSize()), wanted.source(), attributes(wanted.attributes()));
    Future<io.vertx.sqlclient.RowSet<Row>> rows = expectedVersion == 0
        ? pool.preparedQuery(CREATE).execute(values)
        : pool.preparedQuery(CHANGE).execute(values.addLong(expectedVersion));
    return rows.map(rs -> rs.size() == 0 ? null : instrument(rs.iterator().next()));
  }

  /** Merges a feed's directory entries into the table (one statement for all). */
  static Future<Void> listed(Pool pool, List<Instrument> entries) {
    List<Tuple> batch = new ArrayList<>(entries.size());
    for (Instrument i : entries) {
      batch.add(Tuple.of(i.symbol(), i.source(), attributes(i.attributes())));
    }
    return pool.preparedQuery(LISTED).executeBatch(batch).mapEmpty();
  }

  /** As a JsonObject: the client sends it as jsonb (a String would be stored as one JSON string). */
  private static JsonObject attributes(Map<String, String> attributes) {
    return new JsonObject(new HashMap<>(attributes));
  }

  private static Instrument instrument(Row r) {
    Map<String, String> attributes = new HashMap<>();
    new JsonObject(r.getString("attributes")).forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
    return new Instrument(r.getString("symbol"), Decimals.fromBigDecimal(new BigDecimal(r.getString("tick_size"))),
        r.getString("source"), attributes, r.getLong("version"));
  }
}
