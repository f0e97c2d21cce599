package io.tickmesh.peer.flink;

import io.tickmesh.model.TradeTick;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a window's trades into a {@link BarAccumulator}, in place: no copy per trade. */
public final class BarAggregate implements AggregateFunction<TradeTick, BarAccumulator, BarAccumulator> {
  private static final long serialVersionUID = 1L;

  @Override
  public BarAccumulator createAccumulator() {
    return new BarAccumulator();
  }

  @Override
  public BarAccumulator add(TradeTick trade, BarAccumulator bar) {
    bar.add(trade);
    return bar;
  }

  @Override
  public BarAccumulator getResult(BarAccumulator bar) {
    return bar;
  }

  @Override
  public BarAccumulator merge(BarAccumulator a, BarAccumulator b) {
    a.merge(b);
    return a;
  }
}
