package io.tickmesh.cli;

import io.tickmesh.store.EmbeddedDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickmesh db}: the embedded PostgreSQL of a single node, as a process of its own, for the nodes
 * of a local cluster to share. Prints the {@code db.url} to give them (and writes it to {@code --url-file});
 * SIGTERM or SIGINT stops the server cleanly and the process exits 0.
 */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Run the embedded PostgreSQL on its own, for a cluster's nodes to share.")
final class DbCommand implements java.util.concurrent.Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "data/pg-cluster", paramLabel = "DIR", description = "Where the server keeps its files (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "0", paramLabel = "P", description = "Port on 127.0.0.1; 0 picks a free one (default).")
  int port;

  @Option(names = "--url-file", paramLabel = "FILE", description = "Also write the db.url to FILE once the server is up.")
  Path urlFile;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      System.err.println("tickmesh db: --port must be 0 to 65535");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    EmbeddedDatabase db;
    try {
      // The command's own thread waits: the server's start runs on a worker of this private Vert.x.
      db = EmbeddedDatabase.start(vertx, dataDir, port).await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("tickmesh db: the server did not start: " + e.getMessage());
      NodeCommand.closeQuietly(vertx);
      return 1;
    }
    System.out.println("db.url=" + db.url());
    System.out.flush();
    if (urlFile != null) {
      Files.writeString(urlFile, db.url() + "\n");
    }
    Shutdown.awaitSignal();
    int code = 0;
    try {
      db.stop(vertx).await(60, TimeUnit.SECONDS);
      if (urlFile != null) {
        Files.deleteIfExists(urlFile);
      }
    } catch (Exception e) {
      System.err.println("tickmesh db: the server did not stop cleanly: " + e.getMessage());
      code = 1;
    }
    NodeCommand.closeQuietly(vertx);
    return code;
  }
}
