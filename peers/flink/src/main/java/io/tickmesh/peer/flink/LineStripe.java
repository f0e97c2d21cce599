package io.tickmesh.peer.flink;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;

/**
 * One source split: stripe {@code stripe} of {@code stripes}, the held lines in blocks of {@value #BLOCK}
 * dealt out in turn, from line {@code next} on. Striping keeps every reader's event time close to the
 * others' (each reads in file order, which is ts order): with halves instead, the second reader's windows
 * would all stay open until the first reader finished.
 */
public record LineStripe(String linesId, int stripe, int stripes, int next)
    implements IteratorSourceSplit<byte[], LineStripe.Lines> {
  /** Lines in a block. */
  static final int BLOCK = 512;

  /** Stripe {@code stripe} of {@code stripes} from its first line. */
  static LineStripe first(String linesId, int stripe, int stripes) {
    return new LineStripe(linesId, stripe, stripes, stripe * BLOCK);
  }

  @Override
  public String splitId() {
    return Integer.toString(stripe);
  }

  @Override
  public Lines getIterator() {
    return new Lines(HeldLines.get(linesId), stripes, next);
  }

  @Override
  public LineStripe getUpdatedSplitForIterator(Lines lines) {
    return new LineStripe(linesId, stripe, stripes, lines.next);
  }

  /** The lines of a stripe, in file order. Not thread-safe: one reader's. */
  public static final class Lines implements Iterator<byte[]> {
    private final List<byte[]> all;
    private final int skip;
    private int next;

    Lines(List<byte[]> all, int stripes, int next) {
      this.all = all;
      this.skip = (stripes - 1) * BLOCK;
      this.next = next;
    }

    @Override
    public boolean hasNext() {
      return next < all.size();
    }

    @Override
    public byte[] next() {
      if (next >= all.size()) {
        throw new NoSuchElementException();
      }
      byte[] line = all.get(next++);
      if (next % BLOCK == 0) {
        next += skip;
      }
      return line;
    }
  }
}
