package io.tickmesh.shard;

import io.tickmesh.model.BarInterval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * A compact, versioned binary checkpoint of a shard's analytics, from which a restarted node continues
 * exactly where the shard was: per symbol the last trade, top of book, lastTs, highest trade ts (and so
 * the lateness bound), the session, and per interval the open bars and the closed bars a late trade may
 * still revise, with their revision numbers and pending revisions; and per feed the highest handled seq,
 * so that ticks resent after the checkpoint are skipped.
 *
 * <p>Not in a snapshot: the retained history of closed bars ({@code BarHistory}), which with the store
 * enabled is read from PostgreSQL, and would make a checkpoint hundreds of times larger; so after a
 * restore {@link SymbolState#closedBars} starts empty. Nor the arrival time of the highest ts: it is a
 * reading of another process's monotonic clock, so on restore it is taken as {@code nowNanos}, and a
 * quiet symbol's bars close by the wall clock one grace period after the restore at the earliest.
 * Allowed lateness, grace and intervals come from the settings given to {@link #decode}.
 *
 * <p>Format, big-endian where fixed: magic {@code "TMSS"} (4 bytes), format version (2 bytes, now 1),
 * total length (4 bytes), body, CRC-32C of everything before it (4 bytes). Body of version 1, in
 * varints: feed seqs (count, then feed and seq), the bar settings table of {@link IntervalMapping},
 * symbols (count, then {@link SymbolStateCodec} each). A later version keeps the header and reads older
 * bodies by migrating them, or refuses them in {@link #decode} with a message naming both versions.
 *
 * <p>Pure and stateless; the states must not be changed while they are encoded (a shard encodes on its
 * own context).
 */
public final class ShardSnapshot {
  /** "TMSS": Tickmesh shard snapshot. */
  static final int MAGIC = 0x544D5353;
  /** The format version written, and the only one read. */
  static final int VERSION = 1;
  static final int HEADER_BYTES = 10;
  static final int CHECKSUM_BYTES = 4;
  private static final int LENGTH_AT = 6;

  /**
   * What {@link #decode} restored: the symbols' states, the highest handled seq per feed (least recently
   * used first, so restoring in order keeps the order), and what did not fit the configured intervals:
   * intervals dropped with the number of their bars dropped, intervals new and empty, and one warning
   * sentence per change for the log (also when the allowed lateness was raised).
   */
  public record Restored(
      List<SymbolState> symbols,
      Map<String, Long> feedSeqs,
      List<BarInterval> droppedIntervals,
      long droppedBars,
      List<BarInterval> newIntervals,
      List<String> warnings) {
    /** Copies, keeping the order of the feeds. */
    public Restored {
      symbols = List.copyOf(symbols);
      feedSeqs = Collections.unmodifiableMap(new LinkedHashMap<>(feedSeqs));
      droppedIntervals = List.copyOf(droppedIntervals);
      newIntervals = List.copyOf(newIntervals);
      warnings = List.copyOf(warnings);
    }
  }

  private ShardSnapshot() {}

  /** The snapshot of {@code symbols} and {@code seqs}. */
  public static byte[] encode(Collection<SymbolState> symbols, AppliedSeqs seqs) {
    SnapshotWriter out = new SnapshotWriter();
    out.writeFixedInt(MAGIC);
    out.writeFixedShort(VERSION);
    out.writeFixedInt(0); // the length, known at the end
    writeFeedSeqs(seqs, out);
    List<BarSettings> table = new ArrayList<>(1); // one entry per distinct settings: nearly always one
    for (SymbolState state : symbols) {
      var unused = entryOf(state.settings(), table);
    }
    IntervalMapping.write(table, out);
    out.writeVarLong(symbols.size());
    for (SymbolState state : symbols) {
      SymbolStateCodec.write(state, entryOf(state.settings(), table), out);
    }
    out.setFixedInt(LENGTH_AT, out.size() + CHECKSUM_BYTES);
    CRC32C crc = new CRC32C();
    crc.update(out.buffer(), 0, out.size());
    out.writeFixedInt((int) crc.getValue());
    return out.toByteArray();
  }

  private static void writeFeedSeqs(AppliedSeqs seqs, SnapshotWriter out) {
    List<String> feeds = new ArrayList<>();
    List<Long> highest = new ArrayList<>();
    seqs.forEach(
        (feed, seq) -> {
          feeds.add(feed);
          highest.add(seq);
        });
    out.writeVarLong(feeds.size());
    for (int i = 0; i < feeds.size(); i++) {
      out.writeFeed(feeds.get(i));
      out.writeSignedVarLong(highest.get(i));
    }
  }

  /** Index of {@code settings} in {@code table}, added if missing (a shard has one entry). */
  private static int entryOf(BarSettings settings, List<BarSettings> table) {
    for (int i = 0; i < table.size(); i++) {
      if (table.get(i).equals(settings)) {
        return i;
      }
    }
    table.add(settings);
    return table.size() - 1;
  }

  /**
   * Restores a snapshot with the configured {@code settings}; {@code nowNanos} is the monotonic clock
   * ({@code System.nanoTime()}) at the restore, taken as the arrival of each symbol's highest ts. Throws
   * IllegalArgumentException with a message saying what is wrong if the bytes are not a snapshot, are
   * truncated or corrupt, or have a format version this code does not read.
   */
  public static Restored decode(byte[] bytes, BarSettings settings, long nowNanos) {
    SnapshotHeader.check(bytes);
    SnapshotReader in = new SnapshotReader(bytes, HEADER_BYTES, bytes.length - CHECKSUM_BYTES);
    try {
      Map<String, Long> seqs = readFeedSeqs(in);
      IntervalMapping mapping = IntervalMapping.read(in, settings);
      int count = in.readCount("symbol");
      List<SymbolState> states = new ArrayList<>(count);
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < count; i++) {
        SymbolState state = SymbolStateCodec.read(in, mapping, settings, nowNanos);
        if (!seen.add(state.symbol())) {
          throw in.corrupt("the symbol appears twice");
        }
        states.add(state);
      }
      if (in.remaining() != 0) {
        throw in.corrupt(in.remaining() + " bytes left after the last symbol");
      }
      return new Restored(states, seqs, mapping.droppedIntervals(), mapping.droppedBars(),
          mapping.addedIntervals(), mapping.warnings());
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      // every read is checked, so this would be a bug here; still, the caller is promised one type
      throw new IllegalArgumentException(in.corrupt("unexpected " + e).getMessage(), e);
    }
  }

  private static Map<String, Long> readFeedSeqs(SnapshotReader in) {
    int count = in.readCount("feed seq");
    Map<String, Long> seqs = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String feed = in.readFeed();
      if (seqs.put(feed, in.readSignedVarLong()) != null) {
        throw in.corrupt("feed " + feed + " has two highest seqs");
      }
    }
    return seqs;
  }
}
