package io.tickmesh.peer.flink;

import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import org.apache.flink.api.common.functions.ReduceFunction;

/** Keeps, per symbol, the quote with the largest key (ts, feed, seq), as the node's top of book does. */
public final class LatestQuote implements ReduceFunction<QuoteTick> {
  private static final long serialVersionUID = 1L;

  @Override
  public QuoteTick reduce(QuoteTick latest, QuoteTick next) {
    return Tick.compareKeys(next.ts(), next.feed(), next.seq(), latest.ts(), latest.feed(), latest.seq()) > 0 ? next : latest;
  }
}
