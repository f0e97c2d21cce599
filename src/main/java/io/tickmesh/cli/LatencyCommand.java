package io.tickmesh.cli;

import io.tickmesh.config.HostPort;
import io.tickmesh.model.Timestamps;
import io.tickmesh.obs.WallClock;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickmesh latency}: end-to-end latency from a tick's scheduled send time to its arrival at a TCP
 * bridge subscriber. A paced publisher sends trades at {@code --rate} over {@code --symbols} symbols,
 * each stamped ({@code ts}) with the wall time it is scheduled to go out, so a publisher that falls
 * behind shows up as latency (no coordinated omission); a subscriber of {@code --watch} symbols' trades
 * records arrival − ts. Baseline in the same run: the round trip of a bridge ping on a second
 * connection (network and event loop, no pipeline). Three threads of this command; no event loop.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Measure ingest-to-subscriber latency percentiles at a steady tick rate.")
final class LatencyCommand implements Callable<Integer> {
  @Option(names = "--to", defaultValue = "localhost:7070", converter = HostPortConverter.class, description = "TCP feed (default ${DEFAULT-VALUE}).")
  HostPort feed;

  @Option(names = "--bridge", defaultValue = "localhost:7071", converter = HostPortConverter.class, description = "TCP bridge (default ${DEFAULT-VALUE}).")
  HostPort bridge;

  @Option(names = "--rate", defaultValue = "100000", description = "Ticks per second (default ${DEFAULT-VALUE}).")
  long rate;

  @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds after the warm-up (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "5", description = "Seconds sent but not measured (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--symbols", defaultValue = "100", description = "Symbols traded (default ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--watch", defaultValue = "10", description = "Symbols whose trades are received (default ${DEFAULT-VALUE}).")
  int watch;

  @Override
  public Integer call() throws Exception {
    if (rate < 1 || seconds < 1 || warmup < 0 || symbols < 1 || watch < 1 || watch > symbols) {
      System.err.println("tickmesh latency: --rate, --seconds, --symbols, --watch >= 1, --watch <= --symbols");
      return 2;
    }
    String feedId = "lat-" + Long.toString(System.currentTimeMillis(), 36);
    long total = rate * (warmup + seconds);
    long measureFromNanos = WallClock.nanos() + 1_000_000_000L + warmup * 1_000_000_000L;
    long[] samples = new long[(int) Math.min(Integer.MAX_VALUE - 8, total * watch / symbols + 1_000)];
    long[] pings = new long[(warmup + seconds + 2) * 1_000];
    long[] counts = new long[3]; // trades measured, pings measured, watched trades received
    try (BridgeSocket subscriber = new BridgeSocket(bridge); BridgeSocket pinger = new BridgeSocket(bridge)) {
      for (int s = 0; s < watch; s++) {
        subscriber.register("trades." + symbol(s));
      }
      subscriber.send(new JsonObject().put("type", "ping"));
      JsonObject first = subscriber.read();
      if (!"pong".equals(first.getString("type"))) {
        System.err.println("tickmesh latency: the bridge refused: " + first.encode());
        return 1;
      }
      long expectedWatched = expectedWatched(total);
      Thread receive = new Thread(() -> receive(subscriber, samples, measureFromNanos, expectedWatched, counts), "latency-subscriber");
      Thread ping = new Thread(() -> counts[1] = ping(pinger, pings, measureFromNanos, total), "latency-ping");
      receive.start();
      ping.start();
      long sendStart = System.nanoTime();
      long sent = publish(feedId, total);
      double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
      receive.join(30_000);
      boolean complete = !receive.isAlive();
      if (!complete) {
        subscriber.close(); // ends its read: what it measured until now is reported, with how much came
        receive.join(5_000);
      }
      ping.interrupt();
      ping.join(5_000);
      report(sent, sendSeconds, expectedWatched, samples, (int) counts[0], pings, (int) counts[1]);
      if (!complete) {
        System.out.printf("incomplete: the subscriber had %,d of the %,d watched trades 30 s after the last was sent%n",
            counts[2], expectedWatched);
        return 1;
      }
      return 0;
    } catch (java.io.IOException e) {
      System.err.println("tickmesh latency: " + e.getMessage() + " (feed " + feed.host() + ":" + feed.port()
          + ", bridge " + bridge.host() + ":" + bridge.port() + ")");
      return 1;
    }
  }

  private String symbol(int s) {
    return String.format("LAT%04d", s);
  }

  private long expectedWatched(long total) {
    long perRound = total / symbols;
    return perRound * watch + Math.min(watch, total % symbols);
  }

  /** Sends every tick at its scheduled time (in small bursts every ~50 µs); returns how many. */
  private long publish(String feedId, long total) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(feed.host(), feed.port()), 5_000);
      socket.setTcpNoDelay(true);
      Thread acks = new Thread(() -> drain(socket), "latency-acks");
      acks.setDaemon(true);
      acks.start();
      OutputStream out = socket.getOutputStream();
      long startWall = WallClock.nanos() + 1_000_000_000L; // the first tick's scheduled time
      long startMono = System.nanoTime() + 1_000_000_000L;
      StringBuilder lines = new StringBuilder(1 << 16);
      // named once: a String.format per tick was the publisher's largest cost, on the cores the node shares
      String[] names = new String[symbols];
      for (int s = 0; s < symbols; s++) {
        names[s] = symbol(s);
      }
      long sent = 0;
      while (sent < total) {
        long due = Math.min(total, (System.nanoTime() - startMono) * rate / 1_000_000_000L + 1);
        if (due <= sent) {
          LockSupport.parkNanos(50_000);
          continue;
        }
        for (; sent < due && lines.length() < 60_000; sent++) {
          long scheduled = startWall + sent * 1_000_000_000L / rate;
          lines.append("{\"feed\":\"").append(feedId).append("\",\"seq\":").append(sent + 1)
              .append(",\"sym\":\"").append(names[(int) (sent % symbols)]).append("\",\"ts\":").append(scheduled)
              .append(",\"type\":\"trade\",\"px\":\"").append(100 + sent % 97).append(".25\",\"qty\":\"").append(1 + sent % 9).append("\"}\n");
        }
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        lines.setLength(0);
      }
      out.flush();
      // End the stream and let the node finish: a close with acks still unread would reset the connection
      // and drop the last lines still on their way (the node closes its side once it has answered them).
      socket.shutdownOutput();
      acks.join(30_000);
      return sent;
    }
  }

  private static void drain(Socket socket) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      while (in.readLine() != null) {
        // acknowledgements: read so the node never pauses this publisher
      }
    } catch (java.io.IOException e) {
      // closed at the end of the run
    }
  }

  /**
   * Records arrival − scheduled time of every watched trade scheduled after the warm-up; sets
   * {@code counts[0]} to how many were measured and {@code counts[2]} to how many watched trades came.
   */
  private static void receive(BridgeSocket subscriber, long[] samples, long measureFrom, long expected, long[] counts) {
    int n = 0;
    long received = 0;
    try {
      while (received < expected) {
        JsonObject frame = subscriber.read();
        long now = WallClock.nanos();
        if (!"message".equals(frame.getString("type"))) {
          continue;
        }
        received++;
        long ts = Timestamps.parse(frame.getJsonObject("body").getString("ts"));
        if (ts >= measureFrom && n < samples.length) {
          samples[n++] = now - ts;
        }
      }
    } catch (java.io.IOException e) {
      System.err.println("subscriber: " + e.getMessage() + " after " + received + " of " + expected + " watched trades");
    }
    counts[0] = n;
    counts[2] = received;
  }

  /** Ping round trips on a second bridge connection, one per millisecond, after the warm-up. */
  private static int ping(BridgeSocket pinger, long[] rtts, long measureFrom, long total) {
    int n = 0;
    JsonObject ping = new JsonObject().put("type", "ping");
    try {
      while (!Thread.currentThread().isInterrupted() && n < rtts.length) {
        long start = System.nanoTime();
        pinger.send(ping);
        var pong = pinger.read();
        if (WallClock.nanos() >= measureFrom) {
          rtts[n++] = System.nanoTime() - start;
        }
        LockSupport.parkNanos(1_000_000);
      }
    } catch (java.io.IOException e) {
      // closed
    }
    return n;
  }

  private void report(long sent, double sendSeconds, long expected, long[] samples, int n, long[] pings, int p) {
    System.out.printf("sent %,d trades in %.2f s (%,.0f/s, target %,d/s) over %d symbols; subscriber watched %d symbols%n",
        sent, sendSeconds, sent / sendSeconds, rate, symbols, watch);
    System.out.printf("measured %,d trades after a %d s warm-up (%,d watched in all)%n", n, warmup, expected);
    System.out.println("ingest -> bridge subscriber, from the scheduled send time: " + percentiles(samples, n));
    System.out.println("baseline, bridge ping round trip (no pipeline):          " + percentiles(pings, p));
  }

  private static String percentiles(long[] values, int n) {
    if (n == 0) {
      return "no samples";
    }
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return String.format("p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (n=%,d)", ms(sorted, 0.50), ms(sorted, 0.90),
        ms(sorted, 0.99), ms(sorted, 0.999), ms(sorted, 1.0), n);
  }

  private static String ms(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return String.format("%.3f ms", sorted[Math.max(0, i)] / 1e6);
  }
}
