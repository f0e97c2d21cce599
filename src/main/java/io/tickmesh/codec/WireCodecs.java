package io.tickmesh.codec;

import io.tickmesh.model.BarInterval;
import io.tickmesh.model.BatchAck;
import io.tickmesh.model.DurableCheckpoints;
import io.tickmesh.model.NodeInterest;
import io.tickmesh.model.RelayedOutputs;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Reject;
import io.tickmesh.model.ShardClaimed;
import io.tickmesh.model.ShardHandOff;
import io.tickmesh.model.ShardQuery;
import io.tickmesh.model.ShardReleased;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TickBatch;
import io.tickmesh.model.TradeTick;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire forms of the records that cross nodes: tick batches and their answers, shard queries, durable
 * checkpoints, claims and hand-offs. Each is read back field by field and rebuilt through its record's constructor,
 * which checks it; a batch names its feeds once and its ticks by index (a batch nearly always holds one
 * feed). Pure functions of the records, registered by {@link Codecs}.
 */
final class WireCodecs {
  private static final int TRADE = 0;
  private static final int QUOTE = 1;

  private WireCodecs() {}

  static void registerAll(EventBus bus) {
    all().forEach(codec -> register(bus, codec));
  }

  private static <T> void register(EventBus bus, WireCodec<T> codec) {
    bus.registerDefaultCodec(codec.type(), codec);
  }

  /** The codec of every record that crosses nodes: what {@link #registerAll} registers. */
  static List<WireCodec<?>> all() {
    return List.of(
        new WireCodec<>(TickBatch.class, WireCodecs::writeBatch, WireCodecs::readBatch),
        new WireCodec<>(BatchAck.class, WireCodecs::writeAck, WireCodecs::readAck),
        new WireCodec<>(ShardQuery.QuoteOf.class, (out, q) -> out.text(q.symbol()), in -> new ShardQuery.QuoteOf(in.text())),
        new WireCodec<>(ShardQuery.BarsOf.class, WireCodecs::writeBarsOf, WireCodecs::readBarsOf),
        new WireCodec<>(ShardQuery.Symbols.class, (out, q) -> { }, in -> new ShardQuery.Symbols()),
        new WireCodec<>(ShardQuery.Stats.class, (out, q) -> { }, in -> new ShardQuery.Stats()),
        new WireCodec<>(ShardQuery.Owner.class, (out, q) -> { }, in -> new ShardQuery.Owner()),
        new WireCodec<>(DurableCheckpoints.class, WireCodecs::writeDurable, WireCodecs::readDurable),
        new WireCodec<>(ShardClaimed.class,
            (out, c) -> out.i32(c.shard()).i64(c.epoch()).text(c.node()), in -> new ShardClaimed(in.i32(), in.i64(), in.text())),
        new WireCodec<>(RelayedOutputs.class, WireCodecs::writeRelayed, WireCodecs::readRelayed),
        new WireCodec<>(NodeInterest.class, WireCodecs::writeInterest, WireCodecs::readInterest),
        new WireCodec<>(ShardReleased.class,
            (out, c) -> out.i32(c.shard()).i64(c.epoch()).text(c.node()).i64(c.stoppedAtNanos()).text(c.to()).i64(c.toEpoch()),
            in -> new ShardReleased(in.i32(), in.i64(), in.text(), in.i64(), in.text(), in.i64())),
        new WireCodec<>(ShardHandOff.class,
            (out, h) -> out.i32(h.shard()).i64(h.epoch()).text(h.node()).text(h.to()).i64(h.toEpoch()).i64(h.checkpointId())
                .bytes(h.state()).i64(h.stoppedAtNanos()),
            in -> new ShardHandOff(in.i32(), in.i64(), in.text(), in.text(), in.i64(), in.i64(), in.bytes(), in.i64())));
  }

  static void writeBatch(Wire.Out out, TickBatch b) {
    out.text(b.source()).i64(b.batchNo()).i32(b.shard()).text(b.correlationId()).i64(b.ingestNanos()).i64(b.knownEpoch()).i8(b.resent() ? 1 : 0);
    Map<String, Integer> feeds = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (Tick t : b.ticks()) {
      if (feeds.putIfAbsent(t.feed(), feeds.size()) == null) {
        order.add(t.feed());
      }
    }
    out.i32(order.size());
    order.forEach(out::text);
    out.i32(b.ticks().size());
    for (Tick t : b.ticks()) {
      out.i32(feeds.get(t.feed())).i64(t.seq()).text(t.symbol()).i64(t.ts());
      if (t instanceof TradeTick trade) {
        out.i8(TRADE).i64(trade.px()).i64(trade.qty());
      } else {
        QuoteTick q = (QuoteTick) t;
        out.i8(QUOTE).i64(q.bid()).i64(q.bidQty()).i64(q.ask()).i64(q.askQty());
      }
    }
  }

  static TickBatch readBatch(Wire.In in) {
    String source = in.text();
    long batchNo = in.i64();
    int shard = in.i32();
    String cid = in.text();
    long ingest = in.i64();
    long knownEpoch = in.i64();
    boolean resent = in.i8() != 0;
    int feedCount = in.count(4);
    String[] feeds = new String[feedCount];
    for (int i = 0; i < feedCount; i++) {
      feeds[i] = in.text();
    }
    int n = in.count(4 + 8 + 4 + 8 + 1 + 16);
    List<Tick> ticks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int f = in.i32();
      if (f < 0 || f >= feedCount) {
        throw new IllegalArgumentException("tick names feed " + f + " of " + feedCount);
      }
      long seq = in.i64();
      String symbol = in.text();
      long ts = in.i64();
      int kind = in.i8();
      if (kind == TRADE) {
        ticks.add(new TradeTick(feeds[f], seq, symbol, ts, in.i64(), in.i64()));
      } else if (kind == QUOTE) {
        ticks.add(new QuoteTick(feeds[f], seq, symbol, ts, in.i64(), in.i64(), in.i64(), in.i64()));
      } else {
        throw new IllegalArgumentException("unknown tick kind " + kind);
      }
    }
    return new TickBatch(source, batchNo, shard, cid, ingest, knownEpoch, resent, ticks);
  }

  static void writeAck(Wire.Out out, BatchAck a) {
    out.i64(a.batchNo()).i32(a.applied()).i64(a.epoch()).i64(a.checkpointId()).i32(a.rejects().size());
    for (Reject r : a.rejects()) {
      out.optText(r.feed()).i64(r.seq()).i64(r.line()).text(r.reason()).text(r.raw()).i64(r.ts());
    }
  }

  static BatchAck readAck(Wire.In in) {
    long batchNo = in.i64();
    int applied = in.i32();
    long epoch = in.i64();
    long checkpointId = in.i64();
    int n = in.count(1 + 8 + 8 + 4 + 4 + 8);
    List<Reject> rejects = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rejects.add(new Reject(in.optText(), in.i64(), in.i64(), in.text(), in.text(), in.i64()));
    }
    return new BatchAck(batchNo, applied, rejects, epoch, checkpointId);
  }

  static void writeBarsOf(Wire.Out out, ShardQuery.BarsOf q) {
    out.text(q.symbol()).text(q.interval().label()).i64(q.from() == null ? Long.MIN_VALUE : q.from())
        .i64(q.to() == null ? Long.MIN_VALUE : q.to()).i32(q.limit()).i8(q.includeOpen() ? 1 : 0);
  }

  static ShardQuery.BarsOf readBarsOf(Wire.In in) {
    String symbol = in.text();
    BarInterval interval = BarInterval.parse(in.text());
    long from = in.i64();
    long to = in.i64();
    return new ShardQuery.BarsOf(symbol, interval, from == Long.MIN_VALUE ? null : from, to == Long.MIN_VALUE ? null : to,
        in.i32(), in.i8() != 0);
  }

  static void writeRelayed(Wire.Out out, RelayedOutputs r) {
    out.text(r.fromNode()).i32(r.outputs().size());
    r.outputs().forEach(o -> out.text(o.address()).text(o.json()));
  }

  static RelayedOutputs readRelayed(Wire.In in) {
    String from = in.text();
    int n = in.count(8);
    List<RelayedOutputs.Output> outputs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      outputs.add(new RelayedOutputs.Output(in.text(), in.text()));
    }
    return new RelayedOutputs(from, outputs);
  }

  static void writeInterest(Wire.Out out, NodeInterest i) {
    long[] words = i.shards().toLongArray();
    out.text(i.node()).i8(i.rejects() ? 1 : 0).i32(words.length);
    for (long w : words) {
      out.i64(w);
    }
  }

  static NodeInterest readInterest(Wire.In in) {
    String node = in.text();
    boolean rejects = in.i8() != 0;
    int n = in.count(8);
    long[] words = new long[n];
    for (int i = 0; i < n; i++) {
      words[i] = in.i64();
    }
    return new NodeInterest(node, java.util.BitSet.valueOf(words), rejects);
  }

  static void writeDurable(Wire.Out out, DurableCheckpoints d) {
    out.i32(d.checkpoints().size());
    d.checkpoints().forEach(c -> out.i32(c.shard()).i64(c.epoch()).i64(c.checkpointId()));
  }

  static DurableCheckpoints readDurable(Wire.In in) {
    int n = in.count(20);
    List<DurableCheckpoints.Durable> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(new DurableCheckpoints.Durable(in.i32(), in.i64(), in.i64()));
    }
    return new DurableCheckpoints(list);
  }
}
