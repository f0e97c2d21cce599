package io.tickmesh.codec;

import io.tickmesh.feed.RandomWalk;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.model.Timestamps;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire codecs of what carries ticks between nodes: a {@link TickBatch} of {@value #TICKS} ticks (the
 * node's default batch size; the {@code bench} walk, 30% trades, one feed) and its {@link BatchAck},
 * encoded into a fresh buffer and decoded back, as Vert.x does for a batch sent to a shard on another
 * node. Batch figures are per tick (ops/s are ticks/s, B/op bytes allocated per tick); ack figures are
 * per answer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WireCodecsBenchmark {
  private static final int TICKS = 512;

  @SuppressWarnings("unchecked")
  private final WireCodec<TickBatch> batchCodec = (WireCodec<TickBatch>) codec(TickBatch.class);
  @SuppressWarnings("unchecked")
  private final WireCodec<BatchAck> ackCodec = (WireCodec<BatchAck>) codec(BatchAck.class);
  private TickBatch batch;
  private Buffer batchWire;
  private BatchAck ack;
  private Buffer ackWire;

  private static WireCodec<?> codec(Class<?> type) {
    return WireCodecs.all().stream().filter(c -> c.type() == type).findFirst().orElseThrow();
  }

  /** One batch of the walk's ticks and its answer, each also encoded once for the decoding benchmarks. */
  @Setup
  public void build() {
    RandomWalk walk = new RandomWalk(1_000, 42, "bench.wire", 30);
    long start = Timestamps.parse("2026-11-23T14:30:00Z");
    List<Tick> ticks = new ArrayList<>(TICKS);
    for (int i = 0; i < TICKS; i++) {
      ticks.add(walk.next(start + i * 1_170_000L));
    }
    batch = new TickBatch("feed-node-1.7", 12_345, 17, "feed-node-1.7-17-12345", start, 3, false, ticks);
    batchWire = Buffer.buffer();
    batchCodec.encodeToWire(batchWire, batch);
    ack = new BatchAck(12_345, TICKS, List.of(), 3, 812);
    ackWire = Buffer.buffer();
    ackCodec.encodeToWire(ackWire, ack);
  }

  /** Encodes the batch into a fresh buffer, as a send to another node does. */
  @Benchmark
  @OperationsPerInvocation(TICKS)
  public Buffer encodeBatch() {
    Buffer out = Buffer.buffer(batchWire.length());
    batchCodec.encodeToWire(out, batch);
    return out;
  }

  /** Reads the batch back, every tick rebuilt and checked through its record's constructor. */
  @Benchmark
  @OperationsPerInvocation(TICKS)
  public TickBatch decodeBatch() {
    return batchCodec.decodeFromWire(0, batchWire);
  }

  /** Encodes the shard's answer. */
  @Benchmark
  public Buffer encodeAck() {
    Buffer out = Buffer.buffer(ackWire.length());
    ackCodec.encodeToWire(out, ack);
    return out;
  }

  /** Reads the answer back. */
  @Benchmark
  public BatchAck decodeAck() {
    return ackCodec.decodeFromWire(0, ackWire);
  }
}
