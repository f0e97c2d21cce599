package io.tickmesh.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL files of {@code db/migration} (listed in {@code db/migrations.txt}) in
 * order, each recorded in {@code schema_migrations} with its checksum. It runs in one transaction under
 * a transaction-scoped advisory lock, so two nodes starting together apply each file once, and running
 * it again changes nothing. A recorded file whose text changed stops the start: history must not fork.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final long LOCK_KEY = 0x7469636b6d657368L; // "tickmesh"

  /** One SQL file. */
  record Migration(int version, String name, String sql, String checksum) {}

  private Migrations() {}

  /** Brings the schema up to date; completes once every migration is applied. */
  public static Future<Void> apply(Vertx vertx, Pool pool) {
    return vertx.executeBlocking(Migrations::load, false) // reading the jar's resources blocks: a worker
        .compose(migrations -> pool.withTransaction(conn -> applyAll(conn, migrations)));
  }

  private static Future<Void> applyAll(SqlConnection conn, List<Migration> migrations) {
    return conn.query("select pg_advisory_xact_lock(" + LOCK_KEY + ")").execute()
        // no NOTICE "already exists, skipping" at every start: the client logs notices as warnings
        .compose(v -> conn.query("set local client_min_messages = warning").execute())
        .compose(v -> conn.query("create table if not exists schema_migrations (version integer primary key,"
            + " name text not null, checksum text not null, applied_at timestamptz not null default now())").execute())
        .compose(v -> conn.query("select version, name, checksum from schema_migrations").execute())
        .compose(rows -> {
          Map<Integer, Row> applied = new TreeMap<>();
          rows.forEach(r -> applied.put(r.getInteger("version"), r));
          Future<Void> chain = Future.succeededFuture();
          for (Migration m : migrations) {
            Row done = applied.get(m.version());
            if (done != null) {
              if (!done.getString("checksum").equals(m.checksum())) {
                return Future.failedFuture(new IllegalStateException("migration " + m.name()
                    + " was applied with other content (checksum " + done.getString("checksum") + "); refusing to start"));
              }
              continue;
            }
            chain = chain.compose(v -> applyOne(conn, m));
          }
          return chain;
        });
  }

  private static Future<Void> applyOne(SqlConnection conn, Migration m) {
    return conn.query(m.sql()).execute()
        .compose(v -> conn.preparedQuery("insert into schema_migrations (version, name, checksum) values ($1, $2, $3)")
            .execute(Tuple.of(m.version(), m.name(), m.checksum())))
        .onSuccess(v -> LOG.atInfo().addKeyValue("migration", m.name()).log("schema migration applied"))
        .mapEmpty();
  }

  /** Reads the migrations listed in {@code db/migrations.txt}. Blocking. */
  static List<Migration> load() throws IOException, NoSuchAlgorithmException {
    List<Migration> out = new ArrayList<>();
    for (String name : resource("db/migrations.txt").split("\n")) {
      name = name.trim();
      if (name.isEmpty()) {
        continue;
      }
      String sql = resource("db/migration/" + name);
      int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
      out.add(new Migration(version, name, sql, HexFormat.of().formatHex(digest)));
    }
    return out;
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
