package io.tickmesh.feed;

import io.tickmesh.model.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Parses tick lines of a CSV file whose header names the columns
 * {@code ts,sym,type,px,qty,bid,bidQty,ask,askQty} in any order, plus optional {@code feed} and
 * {@code seq}. An empty cell is an absent field; quoting is not supported. Values and reasons are those
 * of the JSON {@link TickParser}. Not thread-safe: one per file or connection.
 */
public final class CsvTickParser {
  private static final int REQUIRED = TickField.TS.bit | TickField.SYM.bit | TickField.TYPE.bit
      | TickField.TRADE_ONLY | TickField.QUOTE_ONLY;

  private final TickField[] columns;
  private final int[] cellEnds;
  private final TickFields fields;
  private final ByteSlice cell = new ByteSlice();

  private CsvTickParser(TickField[] columns, LongSupplier wallClockNanos, long maxClockSkewNanos) {
    this.columns = columns;
    this.cellEnds = new int[columns.length];
    this.fields = new TickFields(wallClockNanos, maxClockSkewNanos);
  }

  /** True if the line starts like a header of this format: a known column name followed by a comma. */
  public static boolean looksLikeCsvHeader(byte[] buf, int off, int len) {
    int from = off + bomLength(buf, off, len);
    int end = off + len;
    int comma = indexOf(buf, (byte) ',', from, end);
    return comma > from
        && TickField.byKey(new ByteSlice().set(buf, from, comma - from).toString()) != null;
  }

  /** A parser for the columns the header line {@code buf[off, off + len)} names; refuses bad headers. */
  public static CsvTickParser forHeader(
      byte[] buf, int off, int len, LongSupplier wallClockNanos, long maxClockSkewNanos) {
    List<TickField> columns = new ArrayList<>();
    int seen = 0;
    int from = off + bomLength(buf, off, len);
    int end = off + len;
    while (true) {
      int comma = indexOf(buf, (byte) ',', from, end);
      TickField f = column(buf, from, comma < 0 ? end : comma, seen);
      seen |= f.bit;
      columns.add(f);
      if (comma < 0) {
        break;
      }
      from = comma + 1;
    }
    if ((seen & REQUIRED) != REQUIRED) {
      throw new TickFormatException(
          "CSV header: missing column '" + TickField.first(REQUIRED & ~seen).key + "'");
    }
    if ((seen & TickField.FEED.bit) != 0 && (seen & TickField.SEQ.bit) == 0) {
      throw new TickFormatException("CSV header: a 'feed' column needs a 'seq' column");
    }
    return new CsvTickParser(columns.toArray(new TickField[0]), wallClockNanos, maxClockSkewNanos);
  }

  private static TickField column(byte[] buf, int from, int to, int seen) {
    String name = new ByteSlice().set(buf, from, to - from).toString();
    TickField f = TickField.byKey(name);
    if (f == null) {
      throw new TickFormatException("CSV header: unknown column " + Reasons.quote(name));
    }
    if ((seen & f.bit) != 0) {
      throw new TickFormatException("CSV header: duplicate column '" + f.key + "'");
    }
    return f;
  }

  /**
   * Parses the data line {@code buf[off, off + len)}, refused first if it is not strict UTF-8; identity
   * it lacks comes from {@code defaults}.
   */
  public Tick parse(byte[] buf, int off, int len, FeedDefaults defaults) {
    FieldValues.checkUtf8(buf, off, len);
    fields.reset();
    split(buf, off, off + len);
    int from = off;
    for (int i = 0; i < columns.length; i++) {
      int to = cellEnds[i];
      if (to > from) { // an empty cell is an absent field
        fields.value(columns[i], cell.set(buf, from, to - from), false);
      }
      from = to + 1;
    }
    return fields.build(defaults);
  }

  /** Finds where each cell ends, refusing a wrong cell count or a quote before any value is read. */
  private void split(byte[] buf, int from, int end) {
    int cells = 0;
    for (int i = from; i < end; i++) {
      byte b = buf[i];
      if (b == '"') {
        String column = cells < columns.length ? columns[cells].key : "cell " + (cells + 1);
        throw fields.fail(column + ": '\"' found: quoted CSV cells are not supported");
      }
      if (b == ',') {
        if (cells < columns.length) {
          cellEnds[cells] = i;
        }
        cells++;
      }
    }
    if (cells < columns.length) {
      cellEnds[cells] = end;
    }
    cells++;
    if (cells != columns.length) {
      throw fields.fail("expected " + columns.length + " CSV cells, got " + cells);
    }
  }

  private static int bomLength(byte[] buf, int off, int len) {
    boolean bom = len >= 3 && buf[off] == (byte) 0xEF && buf[off + 1] == (byte) 0xBB
        && buf[off + 2] == (byte) 0xBF;
    return bom ? 3 : 0;
  }

  private static int indexOf(byte[] buf, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
