package io.tickmesh.testing;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes valid ticks over one TCP connection as fast as the node takes them (the socket blocks when
 * the node pauses reading), until stopped or the connection ends. Counts every line fully written.
 * Ticks: 1,000 symbols, one in four a quote, event times 1 us apart on a past day.
 */
public final class LoadPublisher implements Runnable {
  private static final long BASE_TS = TradeDays.DAY + 12 * 3_600_000_000_000L;

  private final int port;
  private final String feed;
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean stopped;
  private volatile Exception failure;

  public LoadPublisher(int port, String feed) {
    this.port = port;
    this.feed = feed;
  }

  @Override
  public void run() {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSendBufferSize(256 * 1024);
      // A publisher reads its acks as they come: one that does not is paused by the node (by design).
      Thread acks = new Thread(() -> drain(socket), "load-publisher-acks");
      acks.setDaemon(true);
      acks.start();
      OutputStream out = socket.getOutputStream();
      StringBuilder sb = new StringBuilder(70_000);
      long seq = 0;
      while (!stopped) {
        long first = seq;
        while (sb.length() < 64_000) {
          line(sb, ++seq);
        }
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        sent.addAndGet(seq - first);
        sb.setLength(0);
      }
      out.flush();
      socket.shutdownOutput();
      acks.join(); // until the node closes the connection
    } catch (Exception e) {
      failure = e;
    }
  }

  private static void drain(Socket socket) {
    try {
      socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      // the connection closed
    }
  }

  private void line(StringBuilder sb, long seq) {
    int symbol = (int) (seq * 7919 % 1000);
    sb.append("{\"feed\":\"").append(feed).append("\",\"seq\":").append(seq)
        .append(",\"sym\":\"S").append(symbol).append("\",\"ts\":").append(BASE_TS + seq * 1000);
    if (seq % 4 == 0) {
      sb.append(",\"type\":\"quote\",\"bid\":\"99.5\",\"bidQty\":\"100\",\"ask\":\"100.5\",\"askQty\":\"200\"}\n");
    } else {
      sb.append(",\"type\":\"trade\",\"px\":\"").append(100 + seq % 50).append('.').append(seq % 100).append("\",\"qty\":\"").append(1 + seq % 500).append("\"}\n");
    }
  }

  public void stop() {
    stopped = true;
  }

  public long sent() {
    return sent.get();
  }

  public Exception failure() {
    return failure;
  }
}
