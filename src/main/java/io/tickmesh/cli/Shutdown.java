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

  /** The exit code of a node that stopped to rejoin its cluster (EX_TEMPFAIL): start it again. */
  static final int REJOIN_EXIT_CODE = 75;

  private Shutdown() {}

  /** Waits (on the calling thread, a tool's main thread) until the process gets SIGTERM or SIGINT. */
  static void awaitSignal() throws InterruptedException {
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    sun.misc.SignalHandler handler = signal -> stop.countDown();
    Signal.handle(new Signal("TERM"), handler);
    Signal.handle(new Signal("INT"), handler);
    stop.await();
  }

  static void onSignals(Vertx vertx, TickmeshNode node, long timeoutMs) {
    AtomicBoolean stopping = new AtomicBoolean();
    sun.misc.SignalHandler handler = signal -> {
      if (!stopping.compareAndSet(false, true)) {
        LOG.atWarn().log("second {} signal: exiting now", signal.getName());
        Runtime.getRuntime().halt(1);
      }
      // This runs on the JVM's signal thread, not an event loop: waiting here blocks nothing of Vert.x.
      stopAndExit(vertx, node, timeoutMs, 0);
    };
    Signal.handle(new Signal("TERM"), handler);
    Signal.handle(new Signal("INT"), handler);
  }

  /** Stops the node as on SIGTERM, then exits with {@code code}; on a worker, since it waits. */
  static void inBackground(Vertx vertx, TickmeshNode node, long timeoutMs, int code) {
    var unused = vertx.executeBlocking(() -> {
      stopAndExit(vertx, node, timeoutMs, code);
      return null;
    }, false);
  }

  private static void stopAndExit(Vertx vertx, TickmeshNode node, long timeoutMs, int code) {
    int exit = code;
    try {
      var finalCounts = node.stop().await(timeoutMs, TimeUnit.MILLISECONDS);
      LOG.atDebug().log("final counts {}", finalCounts);
    } catch (Exception e) {
      LOG.atError().log("stop did not finish within {} ms: {}", timeoutMs, e.toString());
      exit = code == 0 ? 1 : code; // a stop to be restarted (75) keeps its code: the supervisor must start it again
    }
    NodeCommand.closeQuietly(vertx);
    LOG.atInfo().log("node stopped; exiting with code {}", exit);
    System.exit(exit);
  }
}
