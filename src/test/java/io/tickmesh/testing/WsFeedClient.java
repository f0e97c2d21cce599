package io.tickmesh.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A publisher on the node's WebSocket feed, on a raw socket so that a test controls every frame and every
 * read: text messages of lines, fragments, binary and oversized frames, as told. The node's replies are
 * read by a thread of its own, or not at all (a client that never reads) until {@link #startReading()}.
 */
public final class WsFeedClient implements AutoCloseable {
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CONTINUATION = 0x0;
  private static final int CLOSE = 0x8;

  private final SocketChannel channel;
  private final Map<String, Long> acks = new ConcurrentHashMap<>();
  private final List<JsonObject> ackReplies = new CopyOnWriteArrayList<>();
  private final List<JsonObject> rejects = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<JsonObject> replies = new CopyOnWriteArrayList<>();
  private Thread reader;
  private volatile int closeCode = -1;
  private volatile String closeReason;
  private volatile boolean ended;
  private long bytesWritten;

  private WsFeedClient(SocketChannel channel) {
    this.channel = channel;
  }

  /** A publisher at {@code /feed} of the node's HTTP port, reading the node's replies. */
  public static WsFeedClient connect(int httpPort) throws IOException {
    WsFeedClient client = open(httpPort, 0);
    client.startReading();
    return client;
  }

  /**
   * A publisher that never reads (until {@link #startReading()}), with socket buffers of
   * {@code bufferBytes}: what it leaves unread stays with the node, and little of what it writes waits in
   * its own kernel. It writes without blocking ({@link #offer}).
   */
  public static WsFeedClient connectWithoutReading(int httpPort, int bufferBytes) throws IOException {
    WsFeedClient client = open(httpPort, bufferBytes);
    client.channel.configureBlocking(false);
    return client;
  }

  private static WsFeedClient open(int port, int bufferBytes) throws IOException {
    SocketChannel channel = SocketChannel.open();
    if (bufferBytes > 0) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, bufferBytes);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, bufferBytes);
    }
    channel.connect(new InetSocketAddress("127.0.0.1", port));
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET /feed HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    writeFully(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    String head = readHead(channel);
    if (!head.startsWith("HTTP/1.1 101")) {
      channel.close();
      throw new IOException("no WebSocket: " + head);
    }
    return new WsFeedClient(channel);
  }

  /** The upgrade request at {@code path}, for a test of a refused one (RawHttp reads the answer). */
  public static String upgradeRequest(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  }

  /** The response head, read a byte at a time so that nothing after it is taken. */
  private static String readHead(SocketChannel channel) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      one.clear();
      if (channel.read(one) < 0) {
        throw new EOFException("closed during the handshake: " + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(one.get(0));
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Starts the reader thread (switching a non-blocking client to blocking writes). */
  public void startReading() throws IOException {
    channel.configureBlocking(true);
    reader = new Thread(this::read, "ws-feed-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Sends {@code lines} as text messages of {@code perMessage} lines each, newline-separated, the last without one. */
  public void send(List<String> lines, int perMessage) throws IOException {
    for (int i = 0; i < lines.size(); i += perMessage) {
      sendText(String.join("\n", lines.subList(i, Math.min(lines.size(), i + perMessage))));
    }
  }

  /** Sends one text message in one frame. */
  public void sendText(String text) throws IOException {
    sendFrame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one frame (blocking). */
  public void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
    writeFully(channel, frame(opcode, fin, payload));
  }

  /** Writes what the socket takes now of {@code frames} without blocking; returns the bytes taken. */
  public int offer(ByteBuffer frames) throws IOException {
    int n = channel.write(frames);
    bytesWritten += n;
    return n;
  }

  /** Bytes taken by {@link #offer} so far. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** Writes the rest of {@code frames} (after {@link #startReading()}: blocking). */
  public void finish(ByteBuffer frames) throws IOException {
    writeFully(channel, frames);
  }

  /** One client frame: masked, as RFC 6455 requires. */
  public static ByteBuffer frame(int opcode, boolean fin, byte[] payload) {
    int len = payload.length;
    ByteBuffer out = ByteBuffer.allocate(14 + len);
    out.put((byte) ((fin ? 0x80 : 0) | opcode));
    if (len < 126) {
      out.put((byte) (0x80 | len));
    } else if (len <= 0xFFFF) {
      out.put((byte) (0x80 | 126)).putShort((short) len);
    } else {
      out.put((byte) (0x80 | 127)).putLong(len);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    out.put(mask);
    for (int i = 0; i < len; i++) {
      out.put((byte) (payload[i] ^ mask[i & 3]));
    }
    return out.flip();
  }

  private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      int unused = channel.write(buffer);
    }
  }

  private void read() {
    try {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        byte[] head = readFully(2);
        int opcode = head[0] & 0x0F;
        long len = head[1] & 0x7F;
        if (len == 126) {
          len = ByteBuffer.wrap(readFully(2)).getShort() & 0xFFFF;
        } else if (len == 127) {
          len = ByteBuffer.wrap(readFully(8)).getLong();
        }
        byte[] payload = readFully((int) len); // the node never masks its frames
        if (opcode == CLOSE) {
          closed(payload);
          return;
        }
        if (opcode == TEXT || opcode == CONTINUATION) {
          message.write(payload);
          if ((head[0] & 0x80) != 0) {
            reply(new JsonObject(message.toString(StandardCharsets.UTF_8)));
            message.reset();
          }
        }
      }
    } catch (IOException e) {
      ended = true; // the connection ended without a close frame; what was read is kept
    }
  }

  private void closed(byte[] payload) {
    if (payload.length >= 2) {
      closeCode = ByteBuffer.wrap(payload, 0, 2).getShort() & 0xFFFF;
      closeReason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    } else {
      closeCode = 1005;
    }
    try {
      byte[] code = {payload.length >= 2 ? payload[0] : 3, payload.length >= 2 ? payload[1] : (byte) 0xE8};
      writeFully(channel, frame(CLOSE, true, code));
    } catch (IOException e) {
      // the node closed the socket already
    }
    ended = true;
  }

  private void reply(JsonObject json) {
    replies.add(json);
    if (json.containsKey("error")) {
      errors.add(json.getString("error"));
    } else if (json.containsKey("ack")) {
      JsonObject ack = json.getJsonObject("ack");
      ackReplies.add(ack);
      acks.merge(ack.getString("feed"), ack.getLong("seq"), Math::max);
    } else {
      rejects.add(json.getJsonObject("reject"));
    }
  }

  private byte[] readFully(int n) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(n);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException();
      }
    }
    return buffer.array();
  }

  public long acked(String feed) {
    return acks.getOrDefault(feed, 0L);
  }

  /** The seqs of {@code feed}'s acks, in the order they came. */
  public List<Long> ackSeqs(String feed) {
    List<Long> seqs = new ArrayList<>();
    ackReplies.stream().filter(a -> a.getString("feed").equals(feed)).forEach(a -> seqs.add(a.getLong("seq")));
    return seqs;
  }

  public List<JsonObject> rejects() {
    return rejects;
  }

  /** The reasons of the node's {@code {"error":...}} replies. */
  public List<String> errors() {
    return errors;
  }

  /** Every reply, in order. */
  public List<JsonObject> replies() {
    return replies;
  }

  /** The close frame's code (-1: none yet; 1005: none given) and reason. */
  public int closeCode() {
    return closeCode;
  }

  public String closeReason() {
    return closeReason;
  }

  /** Waits until the node closed the WebSocket (or the connection); false if not within {@code timeout}. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
    return ended;
  }

  /** Waits until {@code feed} is acknowledged up to {@code seq}. */
  public void awaitAck(String feed, long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acked(feed) < seq) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("feed " + feed + " acknowledged up to " + acked(feed) + ", expected " + seq
            + "; last replies " + replies.subList(Math.max(0, replies.size() - 3), replies.size()));
      }
      Thread.sleep(20); // the reader thread updates the acks; polling them is the simplest wait here
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
