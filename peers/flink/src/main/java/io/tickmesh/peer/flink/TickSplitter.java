package io.tickmesh.peer.flink;

import io.tickmesh.cli.BenchTickReader;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads each line with the bench baseline's own {@link BenchTickReader} and sends trades on, quotes to
 * the side output {@link #QUOTES}. A line it cannot read fails the job: the bench file holds none.
 */
public final class TickSplitter extends ProcessFunction<byte[], TradeTick> {
  /** Where the quotes go. */
  public static final OutputTag<QuoteTick> QUOTES = new OutputTag<>("quotes") {};

  private static final long serialVersionUID = 1L;

  private transient BenchTickReader reader;

  @Override
  public void processElement(byte[] line, Context ctx, Collector<TradeTick> out) throws Exception {
    if (reader == null) {
      reader = new BenchTickReader();
    }
    Tick tick = reader.read(line);
    if (tick instanceof TradeTick trade) {
      out.collect(trade);
    } else {
      ctx.output(QUOTES, (QuoteTick) tick);
    }
  }
}
