package io.tickmesh.cli;

import io.tickmesh.config.HostPort;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A blocking client of the node's TCP event-bus bridge for command-line tools: frames of a 4-byte length
 * and a JSON object. Used from a command's own threads, never from an event loop: one thread writes,
 * one reads. {@link #read} pings the node every {@value #PING_EVERY_MS} ms on the reading thread, so a
 * client that only listens is not closed as idle ({@code bridge.idleTimeoutMs}); a thread that both
 * reads and writes on one socket is the only writer then.
 */
final class BridgeSocket implements AutoCloseable {
  private static final int MAX_FRAME = 16 * 1024 * 1024;
  /** How often a listening client pings: well inside the node's default idle timeout of 120 s. */
  static final int PING_EVERY_MS = 30_000;
  private static final JsonObject PING = new JsonObject().put("type", "ping");

  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;
  private long lastPingNanos = System.nanoTime();
  private int readTimeoutMs;

  BridgeSocket(HostPort bridge) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(bridge.host(), bridge.port()), 5_000);
    socket.setTcpNoDelay(true);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
  }

  void send(JsonObject frame) throws IOException {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    out.writeInt(json.length);
    out.write(json);
    out.flush();
  }

  /** From now on, a read that waits longer than {@code millis} throws {@link java.net.SocketTimeoutException}. */
  void readTimeout(int millis) {
    readTimeoutMs = millis;
  }

  /** Sends a ping if the last was {@value #PING_EVERY_MS} ms ago or more. */
  void keepAlive() throws IOException {
    if (System.nanoTime() - lastPingNanos >= PING_EVERY_MS * 1_000_000L) {
      send(PING);
      lastPingNanos = System.nanoTime();
    }
  }

  void register(String address) throws IOException {
    send(new JsonObject().put("type", "register").put("address", address));
  }

  /**
   * The next frame; blocks, pinging meanwhile (see the class). Throws at the end of the stream, or
   * {@link java.net.SocketTimeoutException} after the {@link #readTimeout}, if one is set.
   */
  JsonObject read() throws IOException {
    long waitedMs = 0;
    while (true) {
      keepAlive();
      socket.setSoTimeout(readTimeoutMs > 0 ? Math.min(readTimeoutMs, PING_EVERY_MS) : PING_EVERY_MS);
      in.mark(1);
      try {
        if (in.read() < 0) {
          throw new java.io.EOFException();
        }
        in.reset(); // a frame is arriving: read it whole, with no timeout inside it
        break;
      } catch (java.net.SocketTimeoutException quiet) {
        waitedMs += readTimeoutMs > 0 ? Math.min(readTimeoutMs, PING_EVERY_MS) : PING_EVERY_MS;
        if (readTimeoutMs > 0 && waitedMs >= readTimeoutMs) {
          throw quiet;
        }
      }
    }
    socket.setSoTimeout(0);
    int length = in.readInt();
    if (length <= 0 || length > MAX_FRAME) {
      throw new IOException("bad frame length " + length + " from the bridge");
    }
    byte[] json = new byte[length];
    in.readFully(json);
    return new JsonObject(new String(json, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
