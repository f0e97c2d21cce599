package io.tickmesh.cli;

import io.vertx.core.json.JsonObject;
import java.io.EOFException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tickmesh tail ADDRESS...}: prints live messages from a node's TCP event-bus bridge, one JSON
 * body per line, e.g. {@code tail quotes.AAPL trades.AAPL bars.1m.AAPL rejects}.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print live messages of output addresses through the TCP bridge.")
final class TailCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "ADDRESS", description = "quotes.<SYM>, trades.<SYM>, bars.<interval>.<SYM> or rejects.")
  List<String> addresses = new java.util.ArrayList<>();

  @Option(names = "--addresses-from", paramLabel = "FILE", description = "Also subscribe to the addresses in FILE, one per line.")
  java.nio.file.Path addressFile;

  @Option(names = "--stall", paramLabel = "SECONDS", description = "Subscribe, then read nothing for SECONDS: a slow"
      + " subscriber, to see the node cut it off; then print what arrived last (the node's reason).")
  Integer stallSeconds;

  @Option(names = "--bridge", defaultValue = "localhost:7071", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "The node's TCP event-bus bridge (default ${DEFAULT-VALUE}).")
  HostPort bridge;

  @Option(names = "--count", defaultValue = "9223372036854775807", description = "Stop after this many messages (default: never).")
  long count;

  @Option(names = "--with-address", description = "Print {\"address\":A,\"body\":B} instead of the body alone.")
  boolean withAddress;

  /** Reads nothing for a while, then everything the node sent: the last frame tells why it closed, if it did. */
  private int stall(BridgeSocket socket, int subscribed) throws Exception {
    System.out.printf("subscribed to %,d addresses; reading nothing for %d s%n", subscribed, stallSeconds);
    Thread.sleep(stallSeconds * 1000L); // a command's own thread, standing for a stuck client
    long frames = 0;
    JsonObject last = null;
    socket.readTimeout(3_000);
    try {
      while (true) {
        last = socket.read();
        frames++;
      }
    } catch (EOFException e) {
      System.out.printf("the node closed the connection after %,d frames; last: %s%n", frames, last == null ? "none" : last.encode());
      return 0;
    } catch (java.net.SocketTimeoutException e) {
      System.out.printf("still connected; %,d frames were waiting%n", frames);
      return 0;
    }
  }

  @Override
  public Integer call() {
    List<String> all = new java.util.ArrayList<>(addresses);
    if (addressFile != null) {
      try {
        java.nio.file.Files.readAllLines(addressFile).stream().map(String::strip).filter(a -> !a.isEmpty()).forEach(all::add);
      } catch (java.io.IOException e) {
        System.err.println("tickmesh tail: cannot read --addresses-from " + addressFile + " (" + e.getMessage() + ")");
        return 2;
      }
    }
    if (all.isEmpty()) {
      System.err.println("tickmesh tail: give at least one ADDRESS or --addresses-from FILE");
      return 2;
    }
    try (BridgeSocket socket = new BridgeSocket(bridge)) {
      for (String address : all) {
        socket.register(address);
      }
      if (stallSeconds != null) {
        return stall(socket, all.size());
      }
      long printed = 0;
      while (printed < count) {
        JsonObject frame = socket.read();
        if ("err".equals(frame.getString("type"))) {
          System.err.println("tickmesh tail: the node refused: " + frame.getString("message"));
          return 1;
        }
        if ("message".equals(frame.getString("type"))) {
          Object body = frame.getValue("body");
          System.out.println(withAddress ? new JsonObject().put("address", frame.getString("address")).put("body", body).encode()
              : String.valueOf(body instanceof JsonObject json ? json.encode() : body));
          printed++;
        }
      }
      return 0;
    } catch (EOFException e) {
      System.err.println("tickmesh tail: the node closed the connection");
      return 1;
    } catch (Exception e) {
      System.err.println("tickmesh tail: " + e.getMessage() + " (is a node's TCP bridge at " + bridge.host() + ":" + bridge.port() + "?)");
      return 1;
    }
  }
}
