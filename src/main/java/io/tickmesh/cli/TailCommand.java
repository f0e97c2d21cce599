package io.tickmesh.cli;

import io.tickmesh.config.HostPort;
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
  @Parameters(arity = "0..*", paramLabel = "ADDRESS", description = "quotes.<SYM>, trades.<SYM>, bars.<interval>.<SYM>, book.<SYM> or rejects.")
  List<String> addresses = new java.util.ArrayList<>();

  @Option(names = "--addresses-from", paramLabel = "FILE", description = "Also subscribe to the addresses in FILE, one per line.")
  java.nio.file.Path addressFile;

  @Option(names = "--stall", paramLabel = "SECONDS", description = "Subscribe, then read nothing for SECONDS: a slow"
      + " subscriber, to see the node cut it off; then print what arrived last (the node's reason).")
  Integer stallSeconds;

  @Option(names = "--clients", defaultValue = "1", paramLabel = "N", description = "With --stall: that many clients,"
      + " each subscribed to every address (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--bridge", defaultValue = "localhost:7071", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
      description = "The node's TCP event-bus bridge (default ${DEFAULT-VALUE}).")
  HostPort bridge;

  @Option(names = "--count", defaultValue = "9223372036854775807", description = "Stop after this many messages (default: never).")
  long count;

  @Option(names = "--with-address", description = "Print {\"address\":A,\"body\":B} instead of the body alone.")
  boolean withAddress;

  /**
   * {@code --clients} connections that subscribe and then read nothing for a while (pinging meanwhile,
   * as a stuck client that is still there does), then everything the node sent each: the last frame
   * tells why the node closed it, if it did.
   */
  private int stall(List<String> all) throws Exception {
    List<BridgeSocket> sockets = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        BridgeSocket socket = new BridgeSocket(bridge);
        sockets.add(socket);
        for (String address : all) {
          socket.register(address);
        }
      }
      System.out.printf("%,d clients subscribed to %,d addresses each; reading nothing for %d s%n", clients, all.size(), stallSeconds);
      long until = System.nanoTime() + stallSeconds * 1_000_000_000L;
      for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
        Thread.sleep(Math.min(left / 1_000_000, BridgeSocket.PING_EVERY_MS)); // the command's own thread, standing for stuck clients
        for (BridgeSocket socket : sockets) {
          try {
            socket.keepAlive();
          } catch (java.io.IOException cutOff) {
            // the node closed it; what it said is read below
          }
        }
      }
      int closed = 0;
      JsonObject firstReason = null;
      for (BridgeSocket socket : sockets) {
        JsonObject last = readRest(socket);
        if (last != null) {
          closed++;
          firstReason = firstReason == null ? last : firstReason;
        }
      }
      System.out.printf("the node closed %,d of %,d clients%s%n", closed, clients,
          firstReason == null ? "" : "; the last frame of the first: " + firstReason.encode());
      return 0;
    } finally {
      for (BridgeSocket socket : sockets) {
        socket.close();
      }
    }
  }

  /** The frames waiting on a socket: the last one if the node closed it after them, else null. */
  private static JsonObject readRest(BridgeSocket socket) {
    JsonObject last = null;
    socket.readTimeout(3_000);
    try {
      while (true) {
        last = socket.read();
      }
    } catch (EOFException | java.net.SocketException e) {
      return last == null ? new JsonObject().put("closed", "without a frame") : last;
    } catch (java.io.IOException e) {
      return null; // still connected: nothing more came
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
    if (clients < 1 || clients > 10_000) {
      System.err.println("tickmesh tail: --clients must be 1 to 10000");
      return 2;
    }
    if (stallSeconds != null) {
      try {
        return stall(all);
      } catch (Exception e) {
        System.err.println("tickmesh tail: " + e.getMessage() + " (is a node's TCP bridge at " + bridge.host() + ":" + bridge.port() + "?)");
        return 1;
      }
    }
    try (BridgeSocket socket = new BridgeSocket(bridge)) {
      for (String address : all) {
        socket.register(address);
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
