package io.tickmesh.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The store's health as the node is told it: down at the first failure, up again on a committed write
 * but not while checkpoints fail, a probe answered only while nothing is being retried, and a back-off
 * doubling to its limit.
 */
class StoreHealthTest {
  private final StoreHealth health = new StoreHealth(5_000);

  @Test
  void downAtTheFirstFailureAndUpAtTheFirstWrite() {
    assertThat(health.state()).isEqualTo(StoreHealth.State.UP);
    assertThat(health.writeFailed(false)).as("the node is told").isTrue();
    assertThat(health.writeFailed(false)).as("told once").isFalse();
    assertThat(health.state()).isEqualTo(StoreHealth.State.DOWN);
    assertThat(health.failures()).isEqualTo(2);
    assertThat(health.written(false)).isTrue();
    assertThat(health.state()).isEqualTo(StoreHealth.State.UP);
    assertThat(health.failures()).isZero();
    assertThat(health.failuresTotal()).isEqualTo(2);
    assertThat(health.written(false)).as("up already").isFalse();
  }

  @Test
  void staysDownWhileCheckpointsFail() {
    assertThat(health.writeFailed(true)).isTrue();
    assertThat(health.written(false)).as("data commits, but nothing becomes durable").isFalse();
    assertThat(health.state()).isEqualTo(StoreHealth.State.DOWN);
    assertThat(health.probeAnswered(true)).as("idle: no checkpoint write is left to fail").isTrue();
    assertThat(health.writeFailed(false)).isTrue();
    assertThat(health.written(false)).as("nothing left of the failed checkpoints").isTrue();
    assertThat(health.writeFailed(true)).isTrue();
    assertThat(health.written(true)).as("the checkpoints are written").isTrue();
    assertThat(health.state()).isEqualTo(StoreHealth.State.UP);
  }

  @Test
  void theProbeTellsOnlyAnIdleWriter() {
    assertThat(health.probeFailed()).isTrue();
    assertThat(health.probeFailed()).isFalse();
    assertThat(health.probeAnswered(false)).as("a write is being retried: it tells").isFalse();
    assertThat(health.state()).isEqualTo(StoreHealth.State.DOWN);
    assertThat(health.probeAnswered(true)).isTrue();
    assertThat(health.probeAnswered(true)).isFalse();
  }

  @Test
  void theBackOffDoublesToItsLimit() {
    var unused = health.writeFailed(false);
    assertThat(health.backoffMs()).isEqualTo(200);
    unused = health.writeFailed(false);
    assertThat(health.backoffMs()).isEqualTo(400);
    for (int i = 0; i < 10; i++) {
      unused = health.writeFailed(false);
    }
    assertThat(health.backoffMs()).isEqualTo(5_000);
    unused = health.written(false);
    unused = health.writeFailed(false);
    assertThat(health.backoffMs()).as("a write in between starts again").isEqualTo(200);
  }
}
