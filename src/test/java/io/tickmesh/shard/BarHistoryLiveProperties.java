package io.tickmesh.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.Decimals;
import io.tickmesh.model.TradeTick;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link BarHistory} with revisable bars kept by reference, against a TreeMap of the bars as emitted
 * trimmed to the limit: bars closing final or revisable, revisions (queried also between the trade and
 * the emitted revision), revisable bars turning final, and forgets of durable bars, in any order.
 */
class BarHistoryLiveProperties {
  private static final BarInterval SECOND = BarInterval.parse("1s");

  /** One step; {@code second} picks a bar's start, {@code pick} a revisable or an emitted bar. */
  record Step(Kind kind, int second, int pick) {}

  enum Kind { CLOSE_FINAL, CLOSE_REVISABLE, REVISE, TURN_FINAL, FORGET }

  @Provide
  Arbitrary<Step> steps() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 30), Arbitraries.integers().between(0, 400))
        .as(Step::new);
  }

  @Property
  void keepsWhatATrimmedSortedMapOfTheEmittedBarsKeeps(
      @ForAll @IntRange(min = 0, max = 8) int retain, @ForAll @Size(max = 150) List<@From("steps") Step> steps) {
    BarShelf live = new BarShelf();
    BarHistory history = new BarHistory(retain, live);
    TreeMap<Long, Bar> reference = new TreeMap<>();
    List<Bar> emitted = new ArrayList<>();
    int seq = 10;
    int closes = 0;
    for (Step step : steps) {
      BarBuilder bar = live.isEmpty() ? null : live.at(step.pick() % live.size());
      boolean free = live.get(step.second() * SECOND.nanos()) == null;
      switch (step.kind()) {
        case CLOSE_FINAL, CLOSE_REVISABLE -> {
          if (!free) {
            continue; // a start has one bar in progress at a time
          }
          // a start may close again here (the shard would refuse its trades once final): the revisions still
          // tell each bar emitted from every other, as in the shard, where a (start, revision) is emitted once
          BarBuilder closed = BarHistoryProperties.builder(step.second(), 1000 * ++closes);
          if (step.kind() == Kind.CLOSE_FINAL) {
            history.put(closed, Decimals.fromBigDecimal(closed.vwapDecimal()));
          } else {
            live.add(closed);
            history.putLive(closed);
          }
          emit(closed, retain, reference, emitted);
        }
        case REVISE -> {
          if (bar == null) {
            continue;
          }
          if (bar.markDirty()) {
            history.detach(bar);
          }
          bar.add(new TradeTick("g", ++seq, "AAPL", bar.start() + step.pick(), Decimals.ONE * (50 + step.pick()), Decimals.ONE));
          assertThat(history.query("AAPL", SECOND, null, null, Integer.MAX_VALUE))
              .as("between the trade and its revision").containsExactlyElementsOf(reference.values());
          bar.nextRevision();
          history.putLive(bar);
          emit(bar, retain, reference, emitted);
        }
        case TURN_FINAL -> {
          if (bar == null) {
            continue;
          }
          history.detach(live.pollFirst());
        }
        case FORGET -> {
          if (emitted.isEmpty()) {
            continue;
          }
          Bar durable = emitted.get(step.pick() % emitted.size());
          history.removeIfSame(durable);
          reference.remove(durable.start(), durable);
        }
      }
      // a window of its own after each step: from, to or neither, and a limit from 0 to 10
      Long from = step.pick() % 3 == 0 ? null : step.second() * SECOND.nanos();
      Long to = step.pick() % 5 == 0 ? null : (step.pick() % 35) * SECOND.nanos();
      int limit = step.pick() % 11;
      assertThat(history.query("AAPL", SECOND, from, to, limit)).isEqualTo(BarHistoryProperties.query(reference, from, to, limit));
      assertThat(history.query("AAPL", SECOND, null, null, Integer.MAX_VALUE)).containsExactlyElementsOf(reference.values());
      assertThat(history.size()).isEqualTo(reference.size());
    }
  }

  /** What the history is to keep of an emitted bar: a new revision in place, else a newer bar than the oldest. */
  private static void emit(BarBuilder builder, int retain, TreeMap<Long, Bar> reference, List<Bar> emitted) {
    Bar bar = builder.toBar("AAPL", SECOND);
    emitted.add(bar);
    boolean kept = reference.containsKey(bar.start()) || reference.size() < retain
        || (retain > 0 && bar.start() > reference.firstKey());
    if (kept) {
      reference.put(bar.start(), bar);
      if (reference.size() > retain) {
        reference.pollFirstEntry();
      }
    }
  }
}
