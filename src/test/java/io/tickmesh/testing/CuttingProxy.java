package io.tickmesh.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 to {@code target} that cuts its first connections short, as a network or a
 * server dropping them mid-stream: the n-th connection is closed (both ways) once {@code cuts.get(n)}
 * bytes from the target have passed; later connections run to their end.
 */
public final class CuttingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final List<Long> cuts;
  private final AtomicInteger connections = new AtomicInteger();

  /** Listens on a free port and forwards to 127.0.0.1:{@code target}. */
  public CuttingProxy(int target, List<Long> cuts) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = target;
    this.cuts = cuts;
    Thread accept = new Thread(this::accept, "cutting-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        int n = connections.getAndIncrement();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        long limit = n < cuts.size() ? cuts.get(n) : Long.MAX_VALUE;
        pump(client, upstream, Long.MAX_VALUE);
        pump(upstream, client, limit);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pump(Socket from, Socket to, long limit) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[4096];
      long passed = 0;
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, Math.max(1, limit - passed)))) > 0) {
          out.write(buf, 0, n);
          passed += n;
          if (passed >= limit) {
            break;
          }
        }
      } catch (IOException e) {
        // the other side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
