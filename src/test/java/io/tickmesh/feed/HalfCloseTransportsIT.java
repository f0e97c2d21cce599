package io.tickmesh.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickmesh.testing.FeedClient;
import io.tickmesh.testing.InProcessNode;
import io.tickmesh.testing.Platform;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A publisher's half-close on each transport a node can run on ({@code node.nativeTransport}): epoll and
 * NIO end a connection's input differently (epoll stops reading at once), and the acks written in answer
 * must leave either way before the node ends its side.
 */
class HalfCloseTransportsIT {
  /**
   * The node's wait for its last acks to leave is set far beyond the end-of-stream wait below: acks held
   * back until that wait ran out (the epoll bug) fail the end of stream, not only the acks.
   */
  @ParameterizedTest(name = "nativeTransport={0}")
  @ValueSource(booleans = {true, false})
  void aPublisherThatEndsItsInputGetsEveryAckOnEitherTransport(boolean nativeTransport) throws Exception {
    assumeTrue(!nativeTransport || Platform.epollFits(), "the jar's epoll library is for Linux x86-64");
    try (InProcessNode node = InProcessNode.start(Map.of("node.nativeTransport", nativeTransport, "node.shutdownTimeoutMs", 120_000))) {
      assertThat(node.vertx().isNativeTransportEnabled()).as("the transport asked for").isEqualTo(nativeTransport);
      try (FeedClient client = node.connect()) {
        client.send(SigtermAcksIT.lines("ends", 300));
        client.halfClose();
        assertThat(client.awaitEndOfStream(Duration.ofSeconds(30))).as("the node ended its side").isTrue();
        assertThat(client.ackSeqs("ends")).as("acks before the end of stream").isNotEmpty().isSorted().last().isEqualTo(300L);
      }
    }
  }
}
