package io.tickmesh.cli;

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
 * one reads.
 */
final class BridgeSocket implements AutoCloseable {
  private static final int MAX_FRAME = 16 * 1024 * 1024;

  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;

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
  void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  void register(String address) throws IOException {
    send(new JsonObject().put("type", "register").put("address", address));
  }

  /** The next frame; blocks. Throws at the end of the stream. */
  JsonObject read() throws IOException {
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
