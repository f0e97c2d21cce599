package io.tickmesh.cli;

import io.tickmesh.codec.JsonViews;
import io.tickmesh.feed.RandomWalk;
import io.tickmesh.model.Tick;
import io.tickmesh.obs.WallClock;
import java.nio.charset.StandardCharsets;

/** JSON lines of a seeded {@link RandomWalk}, stamped with the wall clock, up to {@code count} lines. */
final class SimLineSource implements LineSource {
  private final RandomWalk walk;
  private final long count;
  private long produced;

  SimLineSource(RandomWalk walk, long count) {
    this.walk = walk;
    this.count = count;
  }

  @Override
  public OutLine next() {
    if (produced >= count) {
      return null;
    }
    produced++;
    Tick tick = walk.next(WallClock.nanos());
    return new OutLine(tick.feed(), tick.seq(), JsonViews.tickLine(tick).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public long expected() {
    return count == Long.MAX_VALUE ? -1 : count;
  }

  @Override
  public void close() {}
}
