package io.tickmesh.cli;

import io.tickmesh.config.HostPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code --to} list and the order and pauses in which a publisher goes through it. */
class FailoverTest {
  private static final HostPort A = new HostPort("a", 1);
  private static final HostPort B = new HostPort("b", 2);
  private static final HostPort C = new HostPort("c", 3);

  @Test
  void aLostConnectionMovesOnAtOnceAndOnlyAFullRoundOfFailuresWaitsDoublingUpToTwoSeconds() {
    Failover failover = new Failover(new FeedAddresses(List.of(A, B, C)));
    assertThat(failover.current()).isEqualTo(A);
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      long wait = failover.failed();
      steps.add(failover.current().host() + wait);
    }
    assertThat(steps).containsExactly("b0", "c0", "a200", "b0", "c0", "a400", "b0", "c0", "a800", "b0", "c0", "a1600",
        "b0", "c0", "a2000");
  }

  @Test
  void anAnswerFromANodeStartsAFreshRoundButAConnectionAloneDoesNot() {
    Failover failover = new Failover(new FeedAddresses(List.of(A, B)));
    assertThat(failover.failed()).isZero();
    assertThat(failover.failed()).isEqualTo(200);
    failover.connected(); // a node that takes the connection and closes it before answering
    assertThat(failover.failed()).isZero();
    assertThat(failover.failed()).isEqualTo(400);
    failover.connected();
    failover.answered();
    assertThat(failover.failed()).isZero();
    assertThat(failover.failed()).isEqualTo(200);
  }

  @Test
  void theRouteCountsConnectionsAfterTheFirstAndNamesWhereItEnded() {
    Failover failover = new Failover(new FeedAddresses(List.of(A, B)));
    assertThat(failover.failed()).isZero(); // a refused
    failover.connected();
    failover.answered();
    assertThat(failover.route()).isEqualTo(new Failover.Route(2, 0, B));
    assertThat(failover.failed()).isZero(); // b lost
    failover.connected();
    assertThat(failover.route()).isEqualTo(new Failover.Route(2, 1, A));
  }

  @Test
  void oneAddressIsRetriedEveryHalfSecondAsBefore() {
    Failover failover = new Failover(FeedAddresses.of(A));
    for (int i = 0; i < 5; i++) {
      assertThat(failover.failed()).isEqualTo(500);
      assertThat(failover.current()).isEqualTo(A);
    }
  }

  @Test
  void theListIsReadWithItsBlanksAndRefusedWithAReason() {
    assertThat(FeedAddresses.parse("a:1, b:2,c:3").all()).containsExactly(A, B, C);
    assertThat(FeedAddresses.parse("localhost:7070").describe()).isEqualTo("localhost:7070");
    assertThat(FeedAddresses.parse("a:1,b:2").describe()).isEqualTo("any of a:1, b:2");
    assertThatThrownBy(() -> FeedAddresses.parse("a:1,,b:2")).hasMessageContaining("address 2 of 'a:1,,b:2' is empty");
    assertThatThrownBy(() -> FeedAddresses.parse("a:1,")).hasMessageContaining("address 2 of 'a:1,' is empty");
    assertThatThrownBy(() -> FeedAddresses.parse("a:1,b")).hasMessageContaining("expected HOST:PORT like localhost:7070, got 'b'");
    assertThatThrownBy(() -> FeedAddresses.parse("a:1,b:70000")).hasMessageContaining("got 'b:70000'");
    assertThatThrownBy(() -> FeedAddresses.parse("a:1,:2")).hasMessageContaining("got ':2'");
    String seventeen = String.join(",", java.util.Collections.nCopies(17, "a:1"));
    assertThatThrownBy(() -> FeedAddresses.parse(seventeen)).hasMessageContaining("at most 16 addresses, got 17");
    assertThat(FeedAddresses.parse(String.join(",", java.util.Collections.nCopies(16, "a:1"))).size()).isEqualTo(16);
  }
}
