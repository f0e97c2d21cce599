package io.tickmesh.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tickmesh replay FILE --to HOST:PORT[,HOST:PORT...] [--rate N]}: sends a JSON-lines or CSV file to
 * a node's TCP feed, shows progress, and returns once every line is acknowledged or refused. Lines without
 * an identity get feed {@code replay.<file name>} and their line number as seq, so a second run of the same
 * file, or a resend after a reconnect (to the same node or the next address), is recognised by the node
 * and changes nothing.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay a file of ticks into a node.")
final class ReplayCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "JSON lines, or CSV with the header ts,sym,type,px,qty,bid,bidQty,ask,askQty")
  Path file;

  @Option(names = "--to", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]", converter = FeedAddresses.Converter.class,
      description = "The nodes' TCP feeds, e.g. localhost:7070 or a:7070,b:7070 (at most 16): on a lost connection it moves to the next.")
  FeedAddresses to;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "0", description = "Lines per second; 0 = as fast as the node takes them (default ${DEFAULT-VALUE}).")
  long rate;

  @Option(names = "--feed", paramLabel = "ID", description = "Feed id for lines without one: 1 to 64 of A-Z a-z 0-9 . _ : / - (default replay.<file name>).")
  String feed;

  @Option(names = "--window", paramLabel = "N", defaultValue = "200000", description = "Most lines sent and not yet acknowledged, at least 1 (default ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--retry-for", paramLabel = "SECONDS", defaultValue = "60", description = "How long to keep trying the --to addresses while none takes the connection (default ${DEFAULT-VALUE}).")
  long retryForSeconds;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(file)) {
      System.err.println("tickmesh replay: cannot read " + file);
      return 2;
    }
    if (rate < 0 || window < 1 || retryForSeconds < 0) {
      System.err.println("tickmesh replay: --rate >= 0, --window >= 1, --retry-for >= 0");
      return 2;
    }
    if (!Publish.validFeed("replay", feed)) {
      return 2;
    }
    String feedId = feed != null ? feed : FileLineSource.feedIdFor(file);
    try (FileLineSource source = new FileLineSource(file, feedId)) {
      var summary = Publish.run(to, source, rate, window, retryForSeconds * 1000, !quiet);
      Publish.print(summary);
      return 0;
    } catch (Exception e) {
      System.err.println("tickmesh replay: " + e.getMessage());
      return 1;
    }
  }
}
