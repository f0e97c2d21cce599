package io.tickmesh.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code tickmesh.jar}: a picocli command with one subcommand per tool. */
@Command(
    name = "tickmesh",
    mixinStandardHelpOptions = true,
    version = "tickmesh 0.1.0",
    description = "Market-data feed processor: exact quotes, VWAP and bars from tick feeds.",
    subcommands = {NodeCommand.class, DbCommand.class, ReplayCommand.class, SimCommand.class, BenchCommand.class, BenchItchCommand.class, BenchInprocCommand.class,
        BenchMemoryCommand.class, TailCommand.class,
        QueryCommand.class, LatencyCommand.class, SoupServeCommand.class})
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code (a node keeps running until it is stopped). */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Main());
    int code = cli.execute(args);
    if (code != 0 || args.length == 0 || !"node".equals(args[0])) {
      System.exit(code);
    }
  }
}
