package io.tickmesh.peer.flink;

import io.tickmesh.model.QuoteTick;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** The end of the latest-quote stream: counts its updates in the accumulator {@value #NAME}. Emits nothing. */
public final class QuoteTally extends ProcessFunction<QuoteTick, Void> {
  /** The accumulator's name. */
  public static final String NAME = "quotes";

  private static final long serialVersionUID = 1L;

  private transient LongCounter quotes;

  @Override
  public void open(OpenContext context) {
    quotes = counter(getRuntimeContext(), NAME);
  }

  @Override
  public void processElement(QuoteTick quote, Context ctx, Collector<Void> out) {
    quotes.add(1);
  }

  /** A new counter registered under {@code name} with this subtask's context. */
  static LongCounter counter(RuntimeContext context, String name) {
    LongCounter counter = new LongCounter();
    context.addAccumulator(name, counter);
    return counter;
  }
}
