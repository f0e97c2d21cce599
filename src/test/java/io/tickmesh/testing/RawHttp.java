package io.tickmesh.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link Http} cannot do: request lines and headers past the
 * server's limits, a connection held open, a client that never reads, waiting for the server's close.
 */
public final class RawHttp implements AutoCloseable {
  /** Status, headers (names in lower case) and body of one answer. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final Socket socket;
  private final InputStream in;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  /** A connection to 127.0.0.1:{@code port}. */
  public static RawHttp connect(int port) throws IOException {
    return connect(port, 0);
  }

  /** The same with a receive buffer of {@code receiveBytes} (0: the system's), set before connecting. */
  public static RawHttp connect(int port, int receiveBytes) throws IOException {
    Socket socket = new Socket();
    if (receiveBytes > 0) {
      socket.setReceiveBufferSize(receiveBytes);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return new RawHttp(socket);
  }

  /** {@code GET path HTTP/1.1} with a Host header and {@code extraHeaders} (each ending CRLF). */
  public RawHttp get(String path, String extraHeaders) throws IOException {
    return send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n");
  }

  /** Writes {@code text} as it is. */
  public RawHttp send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** Reads one answer: its head, then its body by Content-Length, or up to the close without one. */
  public Answer read(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    String head = readHead();
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
    }
    String length = headers.get("content-length");
    byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether some of an answer has arrived and not been read (never blocks). */
  public boolean hasData() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return true; // closed by the server: that is an answer too
    }
  }

  /** Waits for the server to close the connection; true if it did within {@code timeout}. */
  public boolean awaitClose(Duration timeout) throws IOException {
    return readToClose(timeout) >= 0;
  }

  /** Reads until the server closes the connection: the bytes read, or -1 if it did not close within {@code timeout}. */
  public long readToClose(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    long total = 0;
    try {
      byte[] buf = new byte[8192];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
      }
      return total;
    } catch (SocketTimeoutException e) {
      return -1;
    } catch (IOException e) {
      return total; // reset by the server: closed too
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the end of the answer's head: " + head);
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1).trim();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
