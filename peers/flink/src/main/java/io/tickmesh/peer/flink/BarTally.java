package io.tickmesh.peer.flink;

import io.tickmesh.model.Bar;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The end of a bar stream: counts the bars of one interval I in Flink's own {@code LongCounter}
 * accumulators {@code I.bars}, {@code I.trades} and {@code I.volume} (scaled by 10^8), which the job
 * result carries back, so a run shows that the work was done. Emits nothing.
 */
public final class BarTally extends ProcessFunction<Bar, Void> {
  private static final long serialVersionUID = 1L;

  private final String interval;
  private transient LongCounter bars;
  private transient LongCounter trades;
  private transient LongCounter volume;

  /** Counts under {@code interval} ("1s", "1m"). */
  public BarTally(String interval) {
    this.interval = interval;
  }

  /** The accumulator names for {@code interval}: bars, trades, volume. */
  public static String[] names(String interval) {
    return new String[] {interval + ".bars", interval + ".trades", interval + ".volume"};
  }

  @Override
  public void open(OpenContext context) {
    String[] names = names(interval);
    bars = QuoteTally.counter(getRuntimeContext(), names[0]);
    trades = QuoteTally.counter(getRuntimeContext(), names[1]);
    volume = QuoteTally.counter(getRuntimeContext(), names[2]);
  }

  @Override
  public void processElement(Bar bar, Context ctx, Collector<Void> out) {
    bars.add(1);
    trades.add(bar.trades());
    volume.add(bar.volume().unscaledValue().longValueExact());
  }
}
