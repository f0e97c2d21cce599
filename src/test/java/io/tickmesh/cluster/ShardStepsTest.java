package io.tickmesh.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shard's ownership steps run one after the other, whatever the earlier ones' outcome; different shards'
 * steps run side by side; the running step's start is known until none is under way.
 */
class ShardStepsTest {
  private final ShardSteps steps = new ShardSteps();
  private final List<String> started = new ArrayList<>();

  private Future<Void> step(String name, Promise<Void> done) {
    started.add(name);
    return done.future();
  }

  @Test
  void aShardsStepsRunOneAfterTheOther() {
    Promise<Void> claim = Promise.promise();
    Promise<Void> handOver = Promise.promise();
    var unused = steps.after(3, () -> step("claim 3", claim));
    Future<Void> end = steps.after(3, () -> step("hand over 3", handOver));
    assertThat(started).containsExactly("claim 3");
    assertThat(steps.runningSince(3)).isNotNull();

    claim.complete();
    assertThat(started).containsExactly("claim 3", "hand over 3");
    assertThat(end.isComplete()).isFalse();
    handOver.complete();
    assertThat(end.succeeded()).isTrue();
    assertThat(steps.runningSince(3)).as("nothing under way").isNull();
    assertThat(steps.shards()).containsExactly(3);
  }

  @Test
  void aFailedStepDoesNotStopTheNext() {
    Promise<Void> claim = Promise.promise();
    var unused = steps.after(5, () -> step("claim 5", claim));
    Future<Void> end = steps.after(5, () -> step("drop 5", donePromise()));
    claim.fail("the ledger is unreachable");
    assertThat(started).containsExactly("claim 5", "drop 5");
    assertThat(end.succeeded()).as("the chain's end never fails").isTrue();

    Future<Void> afterThrow = steps.after(5, () -> {
      throw new IllegalStateException("a bug in a step");
    });
    assertThat(afterThrow.succeeded()).isTrue();
    var again = steps.after(5, () -> step("claim 5 again", donePromise()));
    assertThat(again.succeeded()).isTrue();
    assertThat(started).endsWith("claim 5 again");
  }

  @Test
  void shardsDoNotWaitForEachOther() {
    Promise<Void> slow = Promise.promise();
    var unused = steps.after(1, () -> step("claim 1", slow));
    Future<Void> other = steps.after(2, () -> step("claim 2", donePromise()));
    assertThat(started).containsExactly("claim 1", "claim 2");
    assertThat(other.succeeded()).isTrue();
    assertThat(steps.runningSince(1)).isNotNull();
    assertThat(steps.runningSince(2)).isNull();
    assertThat(steps.shards()).containsExactlyInAnyOrder(1, 2);
  }

  private static Promise<Void> donePromise() {
    Promise<Void> p = Promise.promise();
    p.complete();
    return p;
  }
}
