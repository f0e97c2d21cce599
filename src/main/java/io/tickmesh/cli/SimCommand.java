package io.tickmesh.cli;

import io.tickmesh.feed.RandomWalk;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickmesh sim --to HOST:PORT[,HOST:PORT...]}: publishes a seeded random walk of trades and quotes
 * to a node's TCP feed at a steady rate, like an exchange gateway would, moving to the next address when
 * a connection is lost.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Publish simulated ticks to a node.")
final class SimCommand implements Callable<Integer> {
  @Option(names = "--to", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]", converter = FeedAddresses.Converter.class,
      description = "The nodes' TCP feeds, e.g. localhost:7070 or a:7070,b:7070 (at most 16): on a lost connection it moves to the next.")
  FeedAddresses to;

  @Option(names = "--symbols", defaultValue = "50", description = "Number of symbols (default ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--rate", defaultValue = "2000", description = "Ticks per second; 0 = as fast as the node takes them (default ${DEFAULT-VALUE}).")
  long rate;

  @Option(names = "--count", defaultValue = "9223372036854775807", description = "Stop after this many ticks (default: never).")
  long count;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--feed", description = "Feed id (default sim-cli-<start time>).")
  String feed;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (symbols < 1 || symbols > 100_000 || rate < 0 || count < 1) {
      System.err.println("tickmesh sim: --symbols 1..100000, --rate >= 0, --count >= 1");
      return 2;
    }
    if (!Publish.validFeed("sim", feed)) {
      return 2;
    }
    String feedId = feed != null ? feed : "sim-cli-" + Long.toString(System.currentTimeMillis(), 36);
    try (SimLineSource source = new SimLineSource(new RandomWalk(symbols, seed, feedId, 30), count)) {
      Publish.print(Publish.run(to, source, rate, 100_000, 60_000, !quiet));
      return 0;
    } catch (Exception e) {
      System.err.println("tickmesh sim: " + e.getMessage());
      return 1;
    }
  }
}
