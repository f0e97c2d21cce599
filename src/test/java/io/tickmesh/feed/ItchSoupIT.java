package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.feed.itch.ItchChecks;
import io.tickmesh.feed.itch.ItchReference;
import io.tickmesh.feed.itch.SoupPackets;
import io.tickmesh.testing.CuttingProxy;
import io.tickmesh.testing.Dirs;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.NodeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, acceptances 1 and 3 over SoupBinTCP: {@code tickmesh soup-serve} serves the fixture day and a
 * node's ITCH feed logs in to it. The connection cut three times mid-session, each time in the middle of a
 * message that makes a trade: the feed logs in again from the message after the last it took, the cut
 * message is neither refused nor lost (it comes again, whole), and the end state is the reference's,
 * nothing lost or applied twice.
 * The node killed with kill -9 mid-session and started again: it reads the session from message 1, which
 * rebuilds its books, the shards skip what they applied, and the end state is the reference's again.
 */
class ItchSoupIT {
  @Test
  void threeCutConnectionsResumeAtTheRightMessage() throws Exception {
    ItchReference ref = ItchReference.of(ItchChecks.DAY);
    Path data = Files.createTempDirectory("itch-soup");
    List<ItchReference.Trade> cut = List.of(ref.trades.get(1_000), ref.trades.get(2_500), ref.trades.get(4_000));
    Process server = soupServe(4_000);
    try (CuttingProxy proxy = new CuttingProxy(port(server), cutsInside(cut.stream().map(ItchReference.Trade::seq).toList()));
        InProcessNode node = InProcessNode.withStore(data.resolve("pg"), Map.of("itch.soup", "127.0.0.1:" + proxy.port(),
            "itch.session", "ex20101224", "itch.date", "2010-12-24"))) {
      JsonObject feed = ItchChecks.awaitEnded(node.http(), Duration.ofMinutes(2));
      assertThat(proxy.connections()).as("connections: three cut, the fourth to the end").isEqualTo(4);
      assertThat(feed.getLong("connects")).isEqualTo(4L);
      assertThat(feed.getLong("gaps")).isZero();
      assertThat(feed.getLong("messagesIn")).as("each message taken once").isEqualTo(12_012L);
      assertThat(feed.getLong("lastSeq")).isEqualTo(12_012L);
      assertThat(feed.getLong("ticksRejected")).isEqualTo(ref.unknownOrders.size());
      ItchChecks.assertAsReference(node.http(), ref);
      List<Long> refused = ItchChecks.rejects(node.http(), ref).stream().map(r -> ((JsonObject) r).getLong("seq")).toList();
      for (ItchReference.Trade t : cut) {
        assertThat(refused).as("rejects").doesNotContain(t.seq());
        JsonArray stored = node.http().get("/api/v1/trades/" + t.symbol() + "?limit=10000&from=2010-12-24T00:00:00Z").array();
        assertThat(stored.stream().filter(o -> ((JsonObject) o).getLong("seq") == t.seq()).count())
            .as("stored trades of the cut message " + t.seq()).isEqualTo(1);
      }
    } finally {
      server.destroy();
    }
    Dirs.deleteTree(data);
  }

  /**
   * The byte counts to cut the connections at, each in the middle of the packet of one of {@code seqs}
   * (ascending): soup-serve sends a login accepted, then from the message asked for each message as a
   * packet of 3 bytes and the message; after a cut the feed asks again for the message it did not get whole.
   */
  private static List<Long> cutsInside(List<Long> seqs) throws Exception {
    byte[] day = Files.readAllBytes(ItchChecks.DAY);
    List<Integer> packets = new ArrayList<>(); // the fixture's prefixes are zero: lengths come from the types
    for (int at = 0; at < day.length; at += packets.get(packets.size() - 1) - 1) {
      packets.add(3 + ItchReference.length((char) day[at + 2]));
    }
    List<Long> cuts = new ArrayList<>();
    long from = 1;
    for (long seq : seqs) {
      long bytes = 3 + SoupPackets.LOGIN_ACCEPTED_LENGTH;
      for (long s = from; s < seq; s++) {
        bytes += packets.get((int) s - 1);
      }
      cuts.add(bytes + packets.get((int) seq - 1) / 2);
      from = seq;
    }
    return cuts;
  }

  @Test
  void killDashNineMidSessionRebuildsTheBooksAndDoublesNothing() throws Exception {
    ItchReference ref = ItchReference.of(ItchChecks.DAY);
    Path dir = Files.createTempDirectory("itch-soup-kill");
    Process server = soupServe(2_000);
    try {
      List<String> args = List.of("--no-sim", "--set", "itch.soup=127.0.0.1:" + port(server), "--set", "itch.session=ex20101224",
          "--set", "itch.date=2010-12-24");
      try (NodeProcess first = NodeProcess.start(dir, List.of(), args).awaitReady(Duration.ofSeconds(60))) {
        first.http().awaitStats(s -> s.getJsonObject("feeds").getJsonObject(ItchChecks.FEED) != null
            && s.getJsonObject("feeds").getJsonObject(ItchChecks.FEED).getLong("messagesIn") > 4_000, Duration.ofSeconds(60));
        first.kill();
      }
      try (NodeProcess second = NodeProcess.start(dir, List.of(), args).awaitReady(Duration.ofSeconds(90))) {
        JsonObject feed = ItchChecks.awaitEnded(second.http(), Duration.ofMinutes(2));
        assertThat(feed.getLong("messagesIn")).as("the session read again from message 1").isEqualTo(12_012L);
        ItchChecks.assertAsReference(second.http(), ref);
        assertThat(second.terminate(Duration.ofSeconds(20))).isZero();
      }
    } finally {
      server.destroy();
    }
    Dirs.deleteTree(dir);
  }

  /** Starts {@code tickmesh soup-serve} on the fixture at {@code rate} messages a second. */
  private static Process soupServe(int rate) throws Exception {
    return new ProcessBuilder(NodeProcess.command(List.of("soup-serve", ItchChecks.DAY.toString(), "--port", "0", "--rate",
        String.valueOf(rate)))).redirectErrorStream(true).start();
  }

  /** The port {@code soup-serve} announces when it listens. */
  private static int port(Process server) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    while (line != null && !line.startsWith("soup-serve: ")) {
      line = out.readLine(); // the JVM may warn first
    }
    assertThat(line).as("soup-serve's announcement").contains(" port ");
    return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
  }
}
