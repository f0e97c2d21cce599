package io.tickmesh.peer.flink;

import io.tickmesh.model.Bar;
import io.tickmesh.model.BarInterval;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.TradeTick;
import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The peer's Flink job, the same work as the node's: parse each held line with the bench baseline's own
 * {@link io.tickmesh.cli.BenchTickReader} (Jackson streaming into exact scaled longs), key by symbol, 1 s and 1 min event-time tumbling OHLCV + VWAP windows over the trades
 * (each window fed from the trades, as the node adds each trade to both intervals), and a rolling
 * latest-quote reduce over the quotes. The caller attaches the ends ({@link BarTally} and
 * {@link QuoteTally} for a bench round, collectors in a test).
 */
public final class PeerJob {
  private PeerJob() {}

  /** The three result streams of the job. */
  public record Streams(DataStream<Bar> bars1s, DataStream<Bar> bars1m, DataStream<QuoteTick> latestQuotes) {}

  /**
   * The job's settings: streaming mode, object reuse between chained operators (a tuned job's setting),
   * and no generic types, so that a type falling back to Kryo fails the job graph instead of slowing it.
   */
  public static Configuration settings(int parallelism) {
    Configuration config = new Configuration();
    config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    config.set(PipelineOptions.OBJECT_REUSE, true);
    config.set(PipelineOptions.GENERIC_TYPES, false);
    config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    return config;
  }

  /** Builds the job on {@code env} over the lines held under {@code linesId}, read by {@code parallelism} readers. */
  public static Streams build(StreamExecutionEnvironment env, String linesId, int parallelism) {
    DataStream<byte[]> lines = env.fromSource(new HeldLinesSource(linesId, parallelism), WatermarkStrategy.noWatermarks(),
        "bench lines", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    SingleOutputStreamOperator<TradeTick> trades = lines.process(new TickSplitter(), TypeInformation.of(TradeTick.class)).name("parse");
    // Flink's event time is in milliseconds: a bar of whole seconds holds the same trades either way
    KeyedStream<TradeTick, String> bySymbol = trades
        .assignTimestampsAndWatermarks(WatermarkStrategy.<TradeTick>forMonotonousTimestamps()
            .withTimestampAssigner((trade, previous) -> Math.floorDiv(trade.ts(), 1_000_000L)))
        .name("event time")
        .keyBy(TradeTick::symbol, Types.STRING);
    DataStream<QuoteTick> latest = trades.getSideOutput(TickSplitter.QUOTES)
        .keyBy(QuoteTick::symbol, Types.STRING)
        .reduce(new LatestQuote())
        .name("latest quote");
    return new Streams(bars(bySymbol, "1s"), bars(bySymbol, "1m"), latest);
  }

  private static DataStream<Bar> bars(KeyedStream<TradeTick, String> bySymbol, String label) {
    TypeInformation<BarAccumulator> accumulator = TypeInformation.of(BarAccumulator.class);
    Duration size = Duration.ofNanos(BarInterval.parse(label).nanos());
    return bySymbol.window(TumblingEventTimeWindows.of(size))
        .aggregate(new BarAggregate(), new BarWindow(label), accumulator, accumulator, TypeInformation.of(Bar.class))
        .name(label + " bars");
  }
}
