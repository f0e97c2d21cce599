package io.tickmesh.peer.flink;

import io.tickmesh.model.Decimals;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * {@code java -jar peers/flink/target/tickmesh-flink-peer.jar --file FILE [--rounds 3] [--warmup 1]
 * [--parallelism 2]}: the Apache Flink peer of {@code tickmesh bench}. Reads the bench file into memory
 * (not timed), then runs {@link PeerJob} on a local MiniCluster once per round, timed from job submit to
 * job end, and prints on stdout one {@code PEER flink ...} line per fact: the file, the setup, each
 * round's ticks/s with its counters, the median, and whether every round's bars add up to the input.
 * Exits 1 if a round's counters do not match the input, 2 on bad arguments.
 */
public final class FlinkPeer {
  private static final String PREFIX = "PEER flink ";

  private FlinkPeer() {}

  /** Runs the peer; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    PeerOptions options;
    try {
      options = PeerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("flink peer: " + e.getMessage() + "\n" + PeerOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(run(options));
  }

  private static int run(PeerOptions options) throws Exception {
    if (!Files.isRegularFile(options.file())) {
      System.err.println("flink peer: no file " + options.file() + " (bash bench/peer-flink.sh writes it with the node's bench)");
      return 2;
    }
    List<byte[]> lines = HeldLines.read(options.file(), "bench.flink");
    InputFacts facts = InputFacts.of(lines);
    print("file: %s (%,d ticks: %,d trades, %,d quotes; %,d symbols)", options.file(), facts.ticks(), facts.trades(),
        facts.quotes(), facts.symbols());
    print("setup: Apache Flink %s MiniCluster in one JVM, parallelism %d (source, parse, windows, reduce), Java %s %s;"
            + " timed from job submit to job end; %d round(s) after %d warm-up round(s)",
        EnvironmentInformation.getVersion(), options.parallelism(), Runtime.version(), jvmOptions(), options.rounds(),
        options.warmup());
    String linesId = HeldLines.hold(lines);
    List<Double> rates = new ArrayList<>();
    boolean allMatch = true;
    try (PeerCluster cluster = PeerCluster.start(options.parallelism())) {
      for (int round = 1 - options.warmup(); round <= options.rounds(); round++) {
        System.gc(); // each round starts from the same heap, as the baseline's passes do
        PeerCluster.Round r = cluster.run(linesId);
        double rate = facts.ticks() / (r.nanos() / 1e9);
        String mismatch = mismatch(facts, r);
        allMatch &= mismatch.isEmpty();
        print("%s: %,.0f ticks/s (%,d ticks in %.2f s, %.2f s of it RUNNING; bars 1s %,d, 1m %,d; volume 1s %s, 1m %s;"
                + " quote updates %,d)%s",
            round > 0 ? "round " + round : "warm-up " + (1 - round), rate, facts.ticks(), r.nanos() / 1e9, r.runningMillis() / 1e3,
            r.counter("1s.bars"), r.counter("1m.bars"), Decimals.toText(r.counter("1s.volume")),
            Decimals.toText(r.counter("1m.volume")), r.counter(QuoteTally.NAME), mismatch);
        if (round > 0) {
          rates.add(rate);
        }
      }
    } finally {
      HeldLines.release(linesId);
    }
    print("median: %,.0f ticks/s (median of %d: %s)", median(rates), rates.size(), show(rates));
    print("check: %s", allMatch
        ? String.format(Locale.ROOT, "ok, every round: %,d 1s bars, %,d 1m bars, volume %s in each, %,d quote updates, as the input implies",
            facts.bars1s(), facts.bars1m(), Decimals.toText(facts.volume()), facts.quotes())
        : "FAILED: a round's counters differ from what the input implies (see its line)");
    print("reproduce: bash bench/peer-flink.sh --file %s --rounds %d --warmup %d --parallelism %d",
        options.file(), options.rounds(), options.warmup(), options.parallelism());
    return allMatch ? 0 : 1;
  }

  /** Empty if the round's counters are what {@code facts} imply, else what differs. */
  private static String mismatch(InputFacts facts, PeerCluster.Round r) {
    StringBuilder sb = new StringBuilder();
    expect(sb, "1s bars", facts.bars1s(), r.counter("1s.bars"));
    expect(sb, "1m bars", facts.bars1m(), r.counter("1m.bars"));
    expect(sb, "1s trades", facts.trades(), r.counter("1s.trades"));
    expect(sb, "1m trades", facts.trades(), r.counter("1m.trades"));
    expect(sb, "1s volume", facts.volume(), r.counter("1s.volume"));
    expect(sb, "1m volume", facts.volume(), r.counter("1m.volume"));
    expect(sb, "quote updates", facts.quotes(), r.counter(QuoteTally.NAME));
    return sb.length() == 0 ? "" : " MISMATCH:" + sb;
  }

  private static void expect(StringBuilder sb, String what, long expected, long actual) {
    if (expected != actual) {
      sb.append(String.format(Locale.ROOT, " %s %,d (input implies %,d)", what, actual, expected));
    }
  }

  /** The options this JVM was started with that shape the figures (heap, GC). */
  private static String jvmOptions() {
    List<String> shaping = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-X")) {
        shaping.add(arg);
      }
    }
    return shaping.isEmpty() ? "(default heap)" : String.join(" ", shaping);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String show(List<Double> values) {
    List<String> shown = new ArrayList<>();
    for (double v : values) {
      shown.add(String.format(Locale.ROOT, "%,.0f", v));
    }
    return String.join(", ", shown);
  }

  private static void print(String format, Object... args) {
    System.out.println(PREFIX + String.format(Locale.ROOT, format, args));
  }

  /** The command line: the file, rounds, warm-up rounds and parallelism. */
  record PeerOptions(Path file, int rounds, int warmup, int parallelism) {
    static final String USAGE = "usage: FlinkPeer --file FILE [--rounds 1..100 (3)] [--warmup 0..100 (1)] [--parallelism 1..64 (2)]";

    static PeerOptions parse(String[] args) {
      Path file = null;
      int rounds = 3;
      int warmup = 1;
      int parallelism = 2;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--file" -> file = Path.of(value);
          case "--rounds" -> rounds = number(args[i], value, 1, 100);
          case "--warmup" -> warmup = number(args[i], value, 0, 100);
          case "--parallelism" -> parallelism = number(args[i], value, 1, 64);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (file == null) {
        throw new IllegalArgumentException("--file is required");
      }
      return new PeerOptions(file, rounds, warmup, parallelism);
    }

    private static int number(String option, String value, int min, int max) {
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
      throw new IllegalArgumentException(option + " takes a whole number from " + min + " to " + max + ", not " + value);
    }
  }
}
