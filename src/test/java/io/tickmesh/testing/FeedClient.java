package io.tickmesh.testing;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A publisher on a real TCP socket: writes lines, and a reader thread collects the node's ack and reject
 * lines as they come.
 */
public final class FeedClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final Map<String, Long> acks = new ConcurrentHashMap<>();
  private final List<JsonObject> rejects = new CopyOnWriteArrayList<>();
  private final List<JsonObject> ackLines = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<JsonObject> everyLine = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private volatile boolean endOfStream;

  public FeedClient(int port) throws Exception {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    reader = new Thread(this::read, "feed-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonObject json = new JsonObject(line);
        everyLine.add(json);
        if (json.containsKey("error")) {
          errors.add(json.getString("error"));
        } else if (json.containsKey("ack")) {
          JsonObject ack = json.getJsonObject("ack");
          ackLines.add(ack);
          acks.merge(ack.getString("feed"), ack.getLong("seq"), Math::max);
        } else {
          rejects.add(json.getJsonObject("reject"));
        }
      }
      endOfStream = true;
    } catch (Exception e) {
      // the socket closed; what was read is kept
    }
  }

  /** Writes the lines, each followed by a newline. */
  public void send(List<String> lines) throws Exception {
    StringBuilder sb = new StringBuilder(64 * 1024);
    for (String line : lines) {
      sb.append(line).append('\n');
      if (sb.length() > 60_000) {
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        sb.setLength(0);
      }
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Writes raw bytes. */
  public void sendRaw(byte[] bytes) throws Exception {
    out.write(bytes);
    out.flush();
  }

  public long acked(String feed) {
    return acks.getOrDefault(feed, 0L);
  }

  public List<JsonObject> rejects() {
    return rejects;
  }

  /** The reasons of the node's {@code {"error":...}} lines (a refused or closed connection). */
  public List<String> errors() {
    return errors;
  }

  /** Every line the node wrote, in order. */
  public List<JsonObject> lines() {
    return everyLine;
  }

  /** The seqs of {@code feed}'s ack lines, in the order they came. */
  public List<Long> ackSeqs(String feed) {
    return ackLines.stream().filter(a -> a.getString("feed").equals(feed)).map(a -> a.getLong("seq")).toList();
  }

  /** Ends our sending side (shutdown(SHUT_WR), like {@code nc -N}); the node's answers can still be read. */
  public void halfClose() throws Exception {
    socket.shutdownOutput();
  }

  /** True once the node has ended the stream. */
  public boolean endOfStream() {
    return endOfStream;
  }

  /**
   * Waits until the node ends the stream, then returns true; false if it did not within {@code timeout}
   * (or the connection failed instead of ending).
   */
  public boolean awaitEndOfStream(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
    return endOfStream;
  }

  /** Waits until {@code feed} is acknowledged up to {@code seq}. */
  public void awaitAck(String feed, long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acked(feed) < seq) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("feed " + feed + " acknowledged up to " + acked(feed) + ", expected " + seq);
      }
      Thread.sleep(20); // the reader thread updates the acks; polling them is the simplest wait here
    }
  }

  @Override
  public void close() throws Exception {
    socket.close();
  }
}
