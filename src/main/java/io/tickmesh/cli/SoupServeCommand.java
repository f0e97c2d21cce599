package io.tickmesh.cli;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tickmesh soup-serve FILE --port P}: serves an ITCH 5.0 file (BinaryFILE) over SoupBinTCP 4.0,
 * as an exchange serves a session, for demos and tests: each client logs in with the sequence number it
 * wants and gets the file's messages from there, then end of session. Prints {@code soup-serve: ...
 * port P}; SIGTERM or SIGINT stops it (exit 0).
 */
@Command(name = "soup-serve", mixinStandardHelpOptions = true, description = "Serve an ITCH 5.0 file over SoupBinTCP 4.0.")
final class SoupServeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The ITCH 5.0 file (BinaryFILE: each message behind a 2-byte length).")
  Path file;

  @Option(names = "--port", defaultValue = "0", paramLabel = "P", description = "Port on --host; 0 picks a free one (default).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--rate", defaultValue = "0", description = "Messages per second to each client; 0 = as fast as it reads (default).")
  long rate;

  @Option(names = "--session", description = "Session name in the login accepted (up to 10 characters; default: the file name's start).")
  String session;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535 || rate < 0 || !Files.isReadable(file)) {
      System.err.println("tickmesh soup-serve: FILE must be readable, --port 0..65535, --rate >= 0");
      return 2;
    }
    String name = session != null ? session : file.getFileName().toString().replaceAll("[^A-Za-z0-9]", "");
    String sessionName = name.substring(0, Math.min(10, name.length()));
    Vertx vertx = Vertx.vertx();
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true));
    server.connectHandler(socket -> new SoupServeConnection(vertx, socket, file, sessionName, rate).start());
    try {
      var listening = server.listen().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("tickmesh soup-serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      NodeCommand.closeQuietly(vertx);
      return 1;
    }
    System.out.println("soup-serve: session " + sessionName + " of " + file + " on " + host + " port " + server.actualPort());
    System.out.flush();
    Shutdown.awaitSignal();
    NodeCommand.closeQuietly(vertx);
    return 0;
  }
}
