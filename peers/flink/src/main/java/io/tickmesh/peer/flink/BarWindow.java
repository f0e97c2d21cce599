package io.tickmesh.peer.flink;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a closed window's accumulator into the node's {@link Bar} of its symbol, interval and start. */
public final class BarWindow extends ProcessWindowFunction<BarAccumulator, Bar, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final String label;
  private transient BarInterval interval;

  /** Bars of the interval {@code label} ("1s", "1m"): a label, since Flink ships the function by Java serialization. */
  public BarWindow(String label) {
    this.label = label;
  }

  @Override
  public void process(String symbol, Context context, Iterable<BarAccumulator> bars, Collector<Bar> out) {
    if (interval == null) {
      interval = BarInterval.parse(label);
    }
    long startNanos = Math.multiplyExact(context.window().getStart(), 1_000_000L);
    for (BarAccumulator bar : bars) {
      out.collect(bar.toBar(symbol, interval, startNanos));
    }
  }
}
