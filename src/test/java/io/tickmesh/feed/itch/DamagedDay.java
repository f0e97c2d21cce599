package io.tickmesh.feed.itch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A damaged copy of the fixture day in the BinaryFILE form with real length prefixes (the fixture has
 * none), so a reader can frame past each damaged message: adds with a side neither B nor S, a price of 0
 * and a symbol byte that is not printable; messages whose prefix is shorter or longer than their type's
 * length (cut short, or with bytes to spare); an unknown type inserted and a type byte flipped to one ITCH
 * does not have; an execution, a cancel and a delete of orders never added; and a file that ends inside
 * a message. The bytes are chosen by position among the messages of each type, so the copy is the same
 * on every run.
 */
public final class DamagedDay {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int adds;
  private int executions;
  private int cancels;
  private byte[] lastAdd;

  private DamagedDay() {}

  /** Writes the damaged day as {@code dir/ex20101224.damaged.ITCH_50} (same session name and date as the fixture). */
  public static Path write(Path dir) throws IOException {
    DamagedDay day = new DamagedDay();
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(ItchChecks.DAY));
    int count = 0;
    while (in.remaining() > 2) {
      in.getShort(); // zero in the fixture
      byte[] m = new byte[ItchReference.length((char) in.get(in.position()))];
      in.get(m);
      day.copy(m);
      if (++count % 3_000 == 0) {
        day.strangers(m);
      }
    }
    day.out.write(0);
    day.out.write(day.lastAdd.length);
    day.out.write(day.lastAdd, 0, 17); // the file ends here, inside this message
    Path file = dir.resolve("ex20101224.damaged.ITCH_50");
    Files.write(file, day.out.toByteArray());
    return file;
  }

  /** Copies one message of the fixture, damaging some by their position among their type. */
  private void copy(byte[] m) {
    switch (m[0]) {
      case 'A' -> {
        adds++;
        lastAdd = m;
        switch (adds) {
          case 100 -> m[19] = 'Z'; // side
          case 200 -> ByteBuffer.wrap(m).putInt(32, 0); // price
          case 300 -> m[25] = 0x01; // a symbol byte
          case 400 -> {
            put(m.length + 4, Arrays.copyOf(m, m.length + 4)); // four bytes to spare
            return;
          }
          default -> { }
        }
      }
      case 'E' -> {
        executions++;
        if (executions == 50) {
          put(20, m); // cut short: its prefix says 20 of its 31 bytes, and only those follow
          return;
        }
        if (executions == 70) {
          m[0] = 'e'; // a type ITCH 5.0 does not have
        }
      }
      case 'X' -> {
        cancels++;
        if (cancels == 10) {
          put(10, m);
          return;
        }
      }
      default -> { }
    }
    put(m.length, m);
  }

  /** After {@code neighbour}: an unknown type, and an execution, a cancel and a delete of orders never added. */
  private void strangers(byte[] neighbour) {
    put(9, new byte[] {'z', 0, 1, 0, 0, 0, 0, 0, 0});
    long ref = 990_000_000L + out.size();
    put(31, header('E', neighbour, 31).putLong(11, ref).putInt(19, 100).array());
    put(23, header('X', neighbour, 23).putLong(11, ref + 1).putInt(19, 50).array());
    put(19, header('D', neighbour, 19).putLong(11, ref + 2).array());
  }

  /** A message of {@code type} and {@code length} bytes with the neighbour's locate, tracking number and time. */
  private static ByteBuffer header(char type, byte[] neighbour, int length) {
    ByteBuffer m = ByteBuffer.allocate(length);
    m.put(neighbour, 0, 11).put(0, (byte) type);
    return m;
  }

  /** A prefix of {@code length}, then the first {@code length} bytes of {@code m}. */
  private void put(int length, byte[] m) {
    out.write(length >> 8);
    out.write(length & 0xff);
    out.write(m, 0, length);
  }
}
