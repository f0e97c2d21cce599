package io.tickmesh.cli;

/**
 * A publisher's window: the lines sent and not yet acknowledged or refused, in the order sent, each with
 * its number on the current connection. Those numbers rise from the first line to the last, so a
 * refusal, which names a line by its number, finds it by binary search. Parallel arrays in a ring that
 * doubles when full: no object and no map entry per line sent (it was an object, a boxed number and a
 * hash-map entry per line, about 70 bytes of garbage per line in a window of 200,000).
 *
 * <p>Threading: owned by one {@link PublisherVerticle}.
 */
final class SentWindow {
  private OutLine[] lines = new OutLine[1024];
  private long[] lineNos = new long[1024];
  private boolean[] refused = new boolean[1024];
  private int head;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Adds {@code line}, numbered {@code lineNo} on the connection (above every number already here). */
  void add(OutLine line, long lineNo) {
    if (size == lines.length) {
      grow();
    }
    int at = slot(size);
    lines[at] = line;
    lineNos[at] = lineNo;
    refused[at] = false;
    size++;
  }

  /** The {@code i}-th line from the oldest (0). */
  OutLine line(int i) {
    return lines[slot(i)];
  }

  /** Numbers the {@code i}-th line again (a new connection numbers its lines from 1, in this order). */
  void renumber(int i, long lineNo) {
    lineNos[slot(i)] = lineNo;
  }

  /** Whether the oldest line was refused by the node (settled: it will not be acknowledged). */
  boolean firstRefused() {
    return refused[head];
  }

  void removeFirst() {
    lines[head] = null;
    head = (head + 1) & (lines.length - 1);
    size--;
  }

  /** Marks the line numbered {@code lineNo} refused; false if no line here has that number. */
  boolean refuse(long lineNo) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long at = lineNos[slot(mid)];
      if (at < lineNo) {
        lo = mid + 1;
      } else if (at > lineNo) {
        hi = mid - 1;
      } else {
        refused[slot(mid)] = true;
        return true;
      }
    }
    return false;
  }

  private int slot(int i) {
    return (head + i) & (lines.length - 1);
  }

  private void grow() {
    int n = lines.length * 2;
    OutLine[] newLines = new OutLine[n];
    long[] newNos = new long[n];
    boolean[] newRefused = new boolean[n];
    for (int i = 0; i < size; i++) {
      int at = slot(i);
      newLines[i] = lines[at];
      newNos[i] = lineNos[at];
      newRefused[i] = refused[at];
    }
    lines = newLines;
    lineNos = newNos;
    refused = newRefused;
    head = 0;
  }
}
