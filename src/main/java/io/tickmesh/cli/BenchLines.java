package io.tickmesh.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one bench round, built in memory before the clock starts so that the publisher only
 * copies bytes. Each line of the bench file gets the identity {@link FileLineSource} would give it,
 * {@code "feed":<id>,"seq":<line number>} right after the opening brace, and its symbol a prefix of the
 * round.
 *
 * <p>Why the prefix: a node keeps each symbol's event-time watermark. A second round with the same
 * symbols and the same event times would be refused as late (allowed lateness 0), so each round trades
 * symbols of its own, as each pass of the baseline starts from fresh {@code SymbolState}s.
 */
final class BenchLines implements LineSource {
  private static final byte[] SYM_KEY = "\"sym\":\"".getBytes(StandardCharsets.UTF_8);

  private final List<OutLine> lines;
  private int next;

  private BenchLines(List<OutLine> lines) {
    this.lines = lines;
  }

  /** The lines of {@code templates} as feed {@code feed} sends them, symbols prefixed with {@code prefix}. */
  static BenchLines of(List<byte[]> templates, String feed, String prefix) {
    byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
    List<OutLine> lines = new ArrayList<>(templates.size());
    long seq = 0;
    for (byte[] template : templates) {
      seq++;
      lines.add(new OutLine(feed, seq, line(template, feed, seq, prefixBytes)));
    }
    return new BenchLines(lines);
  }

  /**
   * {@code templates} dealt to {@code parts} lists by symbol (every line of a symbol in the same list, in
   * file order), so that each can go over a connection of its own.
   */
  static List<List<byte[]>> bySymbol(List<byte[]> templates, int parts) {
    List<List<byte[]>> out = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      out.add(new ArrayList<>(templates.size() / parts + 1));
    }
    for (byte[] template : templates) {
      int sym = indexOf(template, SYM_KEY);
      if (sym < 0) {
        throw new IllegalArgumentException("not a bench line: " + new String(template, StandardCharsets.UTF_8));
      }
      int start = sym + SYM_KEY.length;
      int h = 0;
      for (int i = start; i < template.length && template[i] != '"'; i++) {
        h = 31 * h + template[i];
      }
      out.get(Math.floorMod(h, parts)).add(template);
    }
    return out;
  }

  private static byte[] line(byte[] template, String feed, long seq, byte[] prefix) {
    int sym = indexOf(template, SYM_KEY);
    if (template.length < 2 || template[0] != '{' || sym < 0) {
      throw new IllegalArgumentException(
          "not a bench line: " + new String(template, StandardCharsets.UTF_8));
    }
    byte[] identity = ("{\"feed\":\"" + feed + "\",\"seq\":" + seq + ",").getBytes(StandardCharsets.UTF_8);
    int name = sym + SYM_KEY.length;
    byte[] out = new byte[identity.length + template.length - 1 + prefix.length];
    System.arraycopy(identity, 0, out, 0, identity.length);
    int at = identity.length;
    System.arraycopy(template, 1, out, at, name - 1);
    at += name - 1;
    System.arraycopy(prefix, 0, out, at, prefix.length);
    at += prefix.length;
    System.arraycopy(template, name, out, at, template.length - name);
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The bytes of every line, in order, as the node receives them (without newlines). */
  List<byte[]> bytes() {
    List<byte[]> out = new ArrayList<>(lines.size());
    for (OutLine line : lines) {
      out.add(line.bytes());
    }
    return out;
  }

  @Override
  public OutLine next() {
    return next < lines.size() ? lines.get(next++) : null;
  }

  @Override
  public long expected() {
    return lines.size();
  }

  @Override
  public void close() {}
}
