package io.tickmesh.testing;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A TCP event-bus bridge client on a real socket, speaking the frame protocol (4-byte length + JSON).
 * With {@code reading} false it never reads a byte: the slow subscriber of the flow-control tests.
 */
public final class BridgeClient implements AutoCloseable {
  private final Socket socket;
  private final DataOutputStream out;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  public BridgeClient(int port, boolean reading) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    out = new DataOutputStream(socket.getOutputStream());
    if (reading) {
      Thread reader = new Thread(this::readAll, "bridge-client-reader");
      reader.setDaemon(true);
      reader.start();
    }
  }

  public BridgeClient send(JsonObject frame) throws IOException {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    out.writeInt(json.length);
    out.write(json);
    out.flush();
    return this;
  }

  public BridgeClient register(String address) throws IOException {
    return send(new JsonObject().put("type", "register").put("address", address));
  }

  /** The next frame that matches, skipping others; fails after the timeout. */
  public JsonObject await(Predicate<JsonObject> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonObject frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (frame == null) {
        throw new AssertionError("no matching bridge frame within " + timeout);
      }
      if (match.test(frame)) {
        return frame;
      }
    }
  }

  /** The next frame that matches, skipping others; null if none comes within the timeout. */
  public JsonObject poll(Predicate<JsonObject> match, Duration timeout) throws InterruptedException {
    try {
      return await(match, timeout);
    } catch (AssertionError none) {
      return null;
    }
  }

  /** Reads every frame up to the end of the stream (after the node closed it), for a client that did not read. */
  public java.util.List<JsonObject> drainToEnd() throws IOException {
    java.util.List<JsonObject> all = new java.util.ArrayList<>();
    socket.setSoTimeout(30_000);
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
    try {
      while (true) {
        all.add(readFrame(in));
      }
    } catch (java.io.EOFException | java.net.SocketException e) {
      return all; // the node closed the connection
    }
  }

  private void readAll() {
    try {
      DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
      while (true) {
        frames.add(readFrame(in));
      }
    } catch (IOException e) {
      // closed
    }
  }

  private static JsonObject readFrame(DataInputStream in) throws IOException {
    int length = in.readInt();
    byte[] json = new byte[length];
    in.readFully(json);
    return new JsonObject(new String(json, StandardCharsets.UTF_8));
  }

  public boolean isClosedByPeer() {
    return socket.isClosed();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
