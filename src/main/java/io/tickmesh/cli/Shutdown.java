package io.tickmesh.cli;

import io.tickmesh.app.TickmeshNode;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop: the node drains, logs its final counts, Vert.x closes,
 * and the process exits 0 (a plain shutdown hook would exit 143). A second signal, or a stop that takes
 * longer than {@code node.shutdownTimeoutMs}, ends the process at once with exit code 1.
 */
final class Shutdown {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

  private Shutdown() {}

  static void onSignals(Vertx vertx, TickmeshNode node, long timeoutMs) {
    AtomicBoolean stopping = new AtomicBoolean();
    sun.misc.SignalHandler handler = signal -> {
      if (!stopping.compareAndSet(false, true)) {
        LOG.atWarn().log("second {} signal: exiting now", signal.getName());
        Runtime.getRuntime().halt(1);
      }
      // This runs on the JVM's signal thread, not an event loop: waiting here blocks nothing of Vert.x.
      int code = 0;
      try {
        var finalCounts = node.stop().await(timeoutMs, TimeUnit.MILLISECONDS);
        LOG.atDebug().log("final counts {}", finalCounts);
      } catch (Exception e) {
        LOG.atError().log("stop did not finish within {} ms: {}", timeoutMs, e.toString());
        code = 1;
      }
      NodeCommand.closeQuietly(vertx);
      LOG.atInfo().log("node stopped; exiting with code {}", code);
      System.exit(code);
    };
    Signal.handle(new Signal("TERM"), handler);
    Signal.handle(new Signal("INT"), handler);
  }
}
