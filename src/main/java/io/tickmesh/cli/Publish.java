package io.tickmesh.cli;

import io.tickmesh.feed.FeedIds;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a {@link PublisherVerticle} to completion from a command's main thread. */
final class Publish {
  private Publish() {}

  /** Publishes everything from {@code source}; blocks the calling (command) thread until done. */
  static PublisherVerticle.Summary run(
      FeedAddresses to, LineSource source, long ratePerSec, int window, long retryForMs, boolean progress)
      throws Exception {
    return runAll(to, List.of(source), ratePerSec, window, retryForMs, progress);
  }

  /**
   * Publishes each of {@code sources} over a connection of its own, all at once (one worker verticle
   * each, in one Vert.x); blocks the calling (command) thread until every one is done. With several, the
   * summary adds their counts up, and its time is the longest of theirs (each timed as one alone is:
   * from its own start to its last answer).
   */
  static PublisherVerticle.Summary runAll(
      FeedAddresses to, List<? extends LineSource> sources, long ratePerSec, int window, long retryForMs, boolean progress)
      throws Exception {
    // on epoll where it loads, as the node: the publisher's CPU shares the machine with the node under bench
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    try {
      List<PublisherVerticle> publishers = new ArrayList<>();
      List<Future<?>> deployed = new ArrayList<>();
      for (LineSource source : sources) {
        PublisherVerticle publisher = new PublisherVerticle(to, source, ratePerSec, window, retryForMs, progress);
        publishers.add(publisher);
        deployed.add(vertx.deployVerticle(publisher, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
      }
      var unused = Future.all(deployed).await(30, TimeUnit.SECONDS);
      List<PublisherVerticle.Summary> done = new ArrayList<>();
      for (PublisherVerticle publisher : publishers) {
        done.add(publisher.done().await()); // the command's own thread waits; no event loop is involved
      }
      if (done.size() == 1) {
        return done.get(0);
      }
      List<String> reasons = new ArrayList<>();
      done.forEach(d -> reasons.addAll(d.reasons()));
      return new PublisherVerticle.Summary(done.stream().mapToLong(PublisherVerticle.Summary::sent).sum(),
          done.stream().mapToLong(PublisherVerticle.Summary::acked).sum(),
          done.stream().mapToLong(PublisherVerticle.Summary::rejected).sum(),
          done.stream().mapToLong(PublisherVerticle.Summary::duplicates).sum(),
          done.stream().mapToLong(PublisherVerticle.Summary::resent).sum(),
          done.stream().mapToLong(PublisherVerticle.Summary::elapsedNanos).max().orElse(0), reasons, done.get(0).route());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Checks a {@code --feed} value against the rule the node applies; prints why it is refused and returns
   * false if it is not a valid feed id (the node would refuse every line carrying it).
   */
  static boolean validFeed(String command, String feed) {
    String problem = feed == null ? null : FeedIds.problem(feed);
    if (problem != null) {
      System.err.println("tickmesh " + command + ": --feed " + Json.encode(feed) + " is not a valid feed id (" + problem
          + "); use 1 to 64 of A-Z a-z 0-9 . _ : / -");
    }
    return problem == null;
  }

  static void print(PublisherVerticle.Summary s) {
    double seconds = s.elapsedNanos() / 1e9;
    System.out.printf(
        "sent %,d lines in %.2f s (%,.0f lines/s): %,d acknowledged as handled; the node refused %,d of the lines sent"
            + " (%,d as duplicates: already applied); %,d resent after reconnects%s%n",
        s.sent(), seconds, s.sent() / Math.max(seconds, 1e-9), s.acked(), s.rejected(), s.duplicates(), s.resent(), route(s.route()));
    for (String reason : s.reasons()) {
      System.out.println("  refused: " + reason);
    }
  }

  /** With several {@code --to} addresses: how often the publisher connected again, and where it ended. */
  private static String route(Failover.Route route) {
    if (route.addresses() == 1) {
      return "";
    }
    return String.format("; %,d reconnect%s, ended on %s", route.reconnects(), route.reconnects() == 1 ? "" : "s", route.endedOn());
  }
}
