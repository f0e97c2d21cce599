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
  @Parameters(arity = "1..*", paramLabel = "ADDRESS", description = "quotes.<SYM>, trades.<SYM>, bars.<interval>.<SYM> or rejects.")
  List<String> addresses;

  @Option(names = "--bridge", defaultValue = "localhost:7071", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "The node's TCP event-bus bridge (default ${DEFAULT-VALUE}).")
  HostPort bridge;

  @Option(names = "--count", defaultValue = "9223372036854775807", description = "Stop after this many messages (default: never).")
  long count;

  @Option(names = "--with-address", description = "Print {\"address\":A,\"body\":B} instead of the body alone.")
  boolean withAddress;

  @Override
  public Integer call() {
    try (BridgeSocket socket = new BridgeSocket(bridge)) {
      for (String address : addresses) {
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
