package io.tickmesh.cli;

import io.tickmesh.feed.itch.ItchSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tickmesh replay FILE --to HOST:PORT[,HOST:PORT...] [--rate N] [--format itch]}: sends a JSON-lines
 * or CSV file to a node's TCP feed, shows progress, and returns once every line is acknowledged or refused.
 * Lines without an identity get feed {@code replay.<file name>} and their line number as seq, so a second
 * run of the same file, or a resend after a reconnect (to the same node or the next address), is recognised
 * by the node and changes nothing. With {@code --format itch} the file is an ITCH 5.0 BinaryFILE whose books
 * are built here ({@link ItchLineSource}), and the trades and quotes they make are sent under the feed ids
 * and seqs a node's own ITCH feed of the file would give them.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = {"Replay a file of ticks into a node.",
    "With --format itch: read a Nasdaq TotalView-ITCH 5.0 file (BinaryFILE; length prefixes real or 0), build its order books"
        + " here and send the trades and tops of book they make as feeds itch:<session>:trades and itch:<session>:quotes, seq ="
        + " the message's sequence number, as a node's own itch.file feed does (so the two dedupe against each other). Messages"
        + " the books refuse are not sent: counted in the summary, the first 20 on stderr with their seq and reason."})
final class ReplayCommand implements Callable<Integer> {
  /** What the file holds. */
  enum Format { lines, itch }

  @Parameters(index = "0", paramLabel = "FILE", description = "JSON lines, CSV with the header ts,sym,type,px,qty,bid,bidQty,ask,askQty,"
      + " or (--format itch) an ITCH 5.0 file")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "lines",
      description = "lines (JSON lines or CSV) or itch (Nasdaq TotalView-ITCH 5.0, BinaryFILE) (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--session", paramLabel = "NAME", description = "ITCH only: the session's name, 1 to 48 of A-Za-z0-9._- (default: the"
      + " file name up to its first dot, as the node's itch.session).")
  String session;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "ITCH only: the session's trading date (default: the first yyyyMMdd"
      + " in the file name, as the node's itch.date).")
  String date;

  @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "America/New_York",
      description = "ITCH only: the zone of the session's midnight, from which ITCH timestamps count (default ${DEFAULT-VALUE}).")
  String timeZone;

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
    LineSource source;
    try {
      source = open();
    } catch (IllegalArgumentException | DateTimeException e) {
      System.err.println("tickmesh replay: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("tickmesh replay: cannot read " + file + ": " + e);
      return 1;
    }
    try (source) {
      Publish.print(Publish.run(to, source, rate, window, retryForSeconds * 1000, !quiet));
      if (source instanceof ItchLineSource itch) {
        itch.printSummary(System.out, System.err);
      }
      return 0;
    } catch (Exception e) {
      System.err.println("tickmesh replay: " + e.getMessage());
      return 1;
    }
  }

  /** The lines to send; IllegalArgumentException or DateTimeException for options that do not fit the format. */
  private LineSource open() throws IOException {
    if (format == Format.lines) {
      if (session != null || date != null) {
        throw new IllegalArgumentException("--session and --date are for --format itch");
      }
      return new FileLineSource(file, feed != null ? feed : FileLineSource.feedIdFor(file));
    }
    if (feed != null) {
      throw new IllegalArgumentException("--feed does not apply to --format itch (its feeds are itch:<session>:trades and"
          + " itch:<session>:quotes); use --session");
    }
    try {
      return new ItchLineSource(file, ItchSession.of(file, session, date, timeZone, 0));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException(e.getMessage() + " (see --session, --date, --time-zone)", e);
    }
  }
}
