package io.tickmesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.testing.NodeProcess;
import io.tickmesh.testing.NodeVitals;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The TCP bridge under the two attacks that took a default node down for good: one client flooding bad
 * frame headers without reading (its parser went on after the first bad length, and every 4 bytes became
 * an error frame and a timer: a few MB filled a 1 GiB heap), and hundreds of clients subscribed to every
 * output of every simulated symbol that never read (their messages piled up on the event loop before any
 * bound applied). The node runs from the jar with a small heap, the simulator trading; while each attack
 * runs it must stay ready, acknowledge a new tick, and keep its memory bounded, and afterwards its heap
 * must come back to where it was.
 */
class BridgeAttackIT {
  private static final long MIB = 1 << 20;
  private static final List<String> JVM = List.of("-Xmx256m", "-XX:MaxDirectMemorySize=128m");

  @Test
  void aClientFloodingBadFrameHeadersIsCutOffAtTheFirst() throws Exception {
    try (NodeProcess node = NodeProcess.start(JVM, List.of("--set", "store.enabled=false")).awaitReady(Duration.ofSeconds(60));
        NodeVitals vitals = new NodeVitals(node)) {
      vitals.probeAck(Duration.ofSeconds(30));
      long heapBefore = vitals.heapAfterGc();
      Socket attacker = new Socket("127.0.0.1", node.bridgePort());
      AtomicLong sent = new AtomicLong();
      AtomicBoolean over = new AtomicBoolean();
      Thread flood = new Thread(() -> {
        byte[] garbage = ByteBuffer.allocate(64 * 1024).putInt(0x7fffffff).array();
        for (int i = 0; i < garbage.length; i += 4) {
          ByteBuffer.wrap(garbage, i, 4).putInt(0x7fffffff);
        }
        try {
          OutputStream out = attacker.getOutputStream(); // not closed here: the test reads the answer after
          while (sent.get() < 64 * MIB) {
            out.write(garbage);
            sent.addAndGet(garbage.length);
          }
        } catch (IOException e) {
          // the node stopped reading and closed the connection: the attack is over
        } finally {
          over.set(true);
        }
      }, "garbage-flood");
      flood.setDaemon(true);
      flood.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      List<NodeVitals.Sample> samples = vitals.during(Duration.ofMillis(500), () -> over.get() || System.nanoTime() > deadline);
      List<JsonObject> frames = readToEnd(attacker);
      attacker.close();
      long heapAfter = vitals.heapAfterGc();
      System.out.println("BRIDGE GARBAGE FIGURES: " + NodeVitals.summary("sent " + sent.get() / 1024 + " KiB of bad headers", samples)
          + String.format("; heap after GC %d MiB before, %d MiB after", heapBefore / MIB, heapAfter / MIB));

      assertThat(frames).as("one refusal, then the end of the stream").hasSize(1);
      assertThat(frames.get(0).getString("message")).startsWith("frame_too_long: a frame of 2147483647 bytes")
          .contains("bridge.maxFrameBytes");
      assertThat(sent.get()).as("the node stopped reading at the first bad header").isLessThan(16 * MIB);
      assertHeld(samples);
      assertThat(heapAfter).as("heap after the attack").isLessThan(heapBefore + 16 * MIB);
    }
  }

  @Test
  void hundredsOfSubscribersThatNeverReadCostABoundedAmount() throws Exception {
    try (NodeProcess node = NodeProcess.start(JVM, List.of("--set", "store.enabled=false")).awaitReady(Duration.ofSeconds(60));
        NodeVitals vitals = new NodeVitals(node)) {
      vitals.probeAck(Duration.ofSeconds(30));
      List<String> addresses = new ArrayList<>();
      for (Object row : node.http().get("/api/v1/symbols").array()) {
        String symbol = ((JsonObject) row).getString("symbol");
        if (symbol.equals("PROBE")) {
          continue;
        }
        addresses.addAll(List.of("quotes." + symbol, "trades." + symbol, "bars.1s." + symbol, "bars.1m." + symbol));
      }
      assertThat(addresses).hasSize(200);
      long heapBefore = vitals.heapAfterGc();
      StalledSubscribers crowd = new StalledSubscribers(node.bridgePort(), 300, addresses);
      crowd.start();
      long end = System.nanoTime() + Duration.ofSeconds(25).toNanos();
      List<NodeVitals.Sample> samples = vitals.during(Duration.ofSeconds(1), () -> System.nanoTime() > end);
      JsonObject bridge = node.http().stats().getJsonObject("bridges").getJsonObject("tcp");
      crowd.stop();
      node.http().awaitStats(s -> s.getJsonObject("bridges").getJsonObject("tcp").getInteger("clients") == 0, Duration.ofSeconds(30));
      long heapAfter = vitals.heapAfterGc();
      System.out.println("BRIDGE SUBSCRIBER FIGURES: " + NodeVitals.summary(crowd.describe(), samples)
          + String.format("; heap after GC %d MiB before, %d MiB after; bridge at the end: %s", heapBefore / MIB,
          heapAfter / MIB, bridge.encode()));

      assertThat(crowd.connections()).as("the clients subscribed").isGreaterThanOrEqualTo(300);
      assertThat(bridge.getJsonObject("disconnects").getLong("slow") + bridge.getJsonObject("disconnects").getLong("bridge_full"))
          .as("clients cut off for not reading").isPositive();
      assertHeld(samples);
      assertThat(heapAfter).as("heap after the attack").isLessThan(heapBefore + 16 * MIB);
    }
  }

  /**
   * During the attack the node stayed ready, acknowledged every probe tick (within 10 s each, typically
   * well within a second: the median is held to that), and kept its memory bounded.
   */
  private static void assertHeld(List<NodeVitals.Sample> samples) {
    assertThat(samples).isNotEmpty();
    long[] acks = samples.stream().mapToLong(NodeVitals.Sample::ackMillis).sorted().toArray();
    assertThat(acks[acks.length / 2]).as("median ms to a probe tick's ack").isBetween(0L, 1_000L);
    assertThat(samples).allSatisfy(s -> {
      assertThat(s.ready()).as("ready").isEqualTo(200);
      assertThat(s.ackMillis()).as("a new tick acknowledged").isNotNegative();
      assertThat(s.heapUsed()).as("heap used (garbage included)").isLessThan(240 * MIB);
      assertThat(s.directBytes()).as("direct memory").isBetween(0L, 48 * MIB);
      assertThat(s.rssBytes()).as("resident set").isLessThan(600 * MIB);
    });
  }

  /** Everything the node sent to a client that never read, up to the end of the stream. */
  private static List<JsonObject> readToEnd(Socket socket) throws IOException {
    List<JsonObject> frames = new ArrayList<>();
    socket.setSoTimeout(30_000);
    DataInputStream in = new DataInputStream(socket.getInputStream());
    try {
      while (true) {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        frames.add(new JsonObject(new String(json, StandardCharsets.UTF_8)));
      }
    } catch (java.io.EOFException | java.net.SocketException e) {
      return frames;
    }
  }

  /**
   * Clients that subscribe to every address and never read a byte. Each pings once a second, which is
   * how it learns the node cut it off (the write fails); then it connects and subscribes again, as a
   * persistent attacker would.
   */
  private static final class StalledSubscribers {
    private final int port;
    private final int count;
    private final byte[] subscribe;
    private final byte[] ping = frame(new JsonObject().put("type", "ping"));
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong connections = new AtomicLong();
    private Thread pinger;

    StalledSubscribers(int port, int count, List<String> addresses) {
      this.port = port;
      this.count = count;
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      for (String a : addresses) {
        all.writeBytes(frame(new JsonObject().put("type", "register").put("address", a)));
      }
      this.subscribe = all.toByteArray();
    }

    void start() throws IOException {
      for (int i = 0; i < count; i++) {
        sockets.add(connect());
      }
      pinger = new Thread(this::pingAll, "stalled-subscribers");
      pinger.setDaemon(true);
      pinger.start();
    }

    private Socket connect() throws IOException {
      Socket s = new Socket("127.0.0.1", port);
      s.setReceiveBufferSize(4096); // the kernel holds little for us: the node sees us stall soon
      s.getOutputStream().write(subscribe);
      connections.incrementAndGet();
      return s;
    }

    private void pingAll() {
      while (!stopping.get()) {
        for (int i = 0; i < sockets.size() && !stopping.get(); i++) {
          try {
            sockets.get(i).getOutputStream().write(ping);
          } catch (IOException cutOff) {
            try {
              sockets.get(i).close();
              sockets.set(i, connect());
            } catch (IOException e) {
              // the node refused us (too many clients): try again on the next round
            }
          }
        }
        try {
          Thread.sleep(1_000); // the attacker's own pace
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long connections() {
      return connections.get();
    }

    String describe() {
      return count + " stalled subscribers, " + connections.get() + " connections in all";
    }

    void stop() throws Exception {
      stopping.set(true);
      pinger.join(10_000);
      for (Socket s : sockets) {
        s.close();
      }
    }

    private static byte[] frame(JsonObject json) {
      byte[] body = json.encode().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }
  }
}
