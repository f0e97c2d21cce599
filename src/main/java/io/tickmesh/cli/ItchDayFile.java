package io.tickmesh.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a seeded, valid ITCH 5.0 day in the BinaryFILE form (2-byte lengths) for {@code bench-itch}: a
 * start-of-day event, a directory entry (R) and a trading action (H, trading) per symbol, then order
 * traffic as a book sees it on a busy day: adds, and deletes, executions, cancels and replaces of orders
 * that rest (45, 20, 20 and 15 % of the rest), with about {@value #RESTING_PER_SYMBOL} orders resting per
 * instrument once the day is under way (adds are 55 % of messages below that and 40 % above), every book
 * uncrossed (bids below, asks above a fixed mid). Prices have 4 implied decimals on a 1-cent grid.
 */
final class ItchDayFile {
  private static final long NINE_THIRTY_NS = (9 * 3600L + 30 * 60) * 1_000_000_000L;
  /** Orders resting per instrument the day keeps near: most orders end soon after they are added, as on a real day. */
  static final int RESTING_PER_SYMBOL = 200;

  private final Random random;
  private final int symbols;
  private final long[] mids;
  private final OutputStream out;
  private final byte[] msg = new byte[64];
  // resting orders: reference, symbol (locate - 1), side, price, shares; a removed slot takes the last one
  private long[] refs = new long[1 << 16];
  private int[] orderSymbol = new int[1 << 16];
  private boolean[] buys = new boolean[1 << 16];
  private long[] prices = new long[1 << 16];
  private long[] shares = new long[1 << 16];
  private int live;
  private long nextRef = 1;
  private long nextMatch = 1;
  private long ts = NINE_THIRTY_NS;

  private ItchDayFile(OutputStream out, int symbols, long seed) {
    this.out = out;
    this.symbols = symbols;
    this.random = new Random(seed);
    this.mids = new long[symbols];
    for (int s = 0; s < symbols; s++) {
      mids[s] = (20 + random.nextInt(300)) * 10_000L;
    }
  }

  /** Writes {@code messages} messages (at least the header's) for {@code symbols} symbols to {@code file}, unless it exists. */
  static boolean ensure(Path file, int symbols, long messages, long seed) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
      new ItchDayFile(out, symbols, seed).write(messages);
    }
    Files.move(partial, file);
    return true;
  }

  /** The symbol of locate {@code s + 1}: S0, S1, … */
  static String symbol(int s) {
    return "S" + s;
  }

  private void write(long messages) throws IOException {
    header('S', 0, 12);
    msg[11] = 'O';
    emit(12);
    long written = 1;
    for (int s = 0; s < symbols; s++, written += 2) {
      header('R', s + 1, 39);
      text(11, symbol(s), 8);
      text(19, "QN", 2);
      u32(21, 100);
      text(25, "NCZ PNN1N", 9);
      u32(34, 0);
      msg[38] = 'N';
      emit(39);
      header('H', s + 1, 25);
      text(11, symbol(s), 8);
      text(19, "T     ", 6);
      emit(25);
    }
    for (; written < messages; written++) {
      ts += 1 + random.nextInt(2_000);
      // adds outnumber the orders' ends below the resting target and fall behind them above it
      int addPercent = live < symbols * 4 ? 100 : live < symbols * RESTING_PER_SYMBOL ? 55 : 40;
      int roll = random.nextInt(100);
      if (random.nextInt(100) < addPercent) {
        add();
      } else if (roll < 45) {
        delete();
      } else if (roll < 65) {
        execute();
      } else if (roll < 85) {
        cancel();
      } else {
        replace();
      }
    }
  }

  private void add() throws IOException {
    int s = random.nextInt(symbols);
    boolean buy = random.nextBoolean();
    long price = mids[s] + (buy ? -1 : 1) * (1 + random.nextInt(20)) * 100L;
    long size = (1 + random.nextInt(10)) * 100L;
    header('A', s + 1, 36);
    u64(11, nextRef);
    msg[19] = (byte) (buy ? 'B' : 'S');
    u32(20, size);
    text(24, symbol(s), 8);
    u32(32, price);
    emit(36);
    rest(nextRef++, s, buy, price, size);
  }

  private void delete() throws IOException {
    int o = random.nextInt(live);
    header('D', orderSymbol[o] + 1, 19);
    u64(11, refs[o]);
    emit(19);
    forget(o);
  }

  private void execute() throws IOException {
    int o = random.nextInt(live);
    long n = Math.min(shares[o], 100L * (1 + random.nextInt(3)));
    header('E', orderSymbol[o] + 1, 31);
    u64(11, refs[o]);
    u32(19, n);
    u64(23, nextMatch++);
    emit(31);
    take(o, n);
  }

  private void cancel() throws IOException {
    int o = random.nextInt(live);
    long n = Math.max(1, shares[o] / 2);
    header('X', orderSymbol[o] + 1, 23);
    u64(11, refs[o]);
    u32(19, n);
    emit(23);
    take(o, n);
  }

  private void replace() throws IOException {
    int o = random.nextInt(live);
    long price = prices[o] + (buys[o] ? -100L : 100L);
    long size = (1 + random.nextInt(10)) * 100L;
    header('U', orderSymbol[o] + 1, 35);
    u64(11, refs[o]);
    u64(19, nextRef);
    u32(27, size);
    u32(31, price);
    emit(35);
    refs[o] = nextRef++;
    prices[o] = price;
    shares[o] = size;
  }

  private void take(int o, long n) {
    shares[o] -= n;
    if (shares[o] == 0) {
      forget(o);
    }
  }

  private void rest(long ref, int s, boolean buy, long price, long size) {
    if (live == refs.length) {
      refs = java.util.Arrays.copyOf(refs, live * 2);
      orderSymbol = java.util.Arrays.copyOf(orderSymbol, live * 2);
      buys = java.util.Arrays.copyOf(buys, live * 2);
      prices = java.util.Arrays.copyOf(prices, live * 2);
      shares = java.util.Arrays.copyOf(shares, live * 2);
    }
    refs[live] = ref;
    orderSymbol[live] = s;
    buys[live] = buy;
    prices[live] = price;
    shares[live] = size;
    live++;
  }

  private void forget(int o) {
    live--;
    refs[o] = refs[live];
    orderSymbol[o] = orderSymbol[live];
    buys[o] = buys[live];
    prices[o] = prices[live];
    shares[o] = shares[live];
  }

  private void header(char type, int locate, int length) {
    java.util.Arrays.fill(msg, 0, length, (byte) 0);
    msg[0] = (byte) type;
    msg[1] = (byte) (locate >> 8);
    msg[2] = (byte) locate;
    for (int i = 0; i < 6; i++) {
      msg[5 + i] = (byte) (ts >>> (8 * (5 - i)));
    }
  }

  private void text(int at, String s, int width) {
    for (int i = 0; i < width; i++) {
      msg[at + i] = (byte) (i < s.length() ? s.charAt(i) : ' ');
    }
  }

  private void u32(int at, long v) {
    for (int i = 0; i < 4; i++) {
      msg[at + i] = (byte) (v >>> (8 * (3 - i)));
    }
  }

  private void u64(int at, long v) {
    u32(at, v >>> 32);
    u32(at + 4, v);
  }

  private void emit(int length) throws IOException {
    out.write(length >> 8);
    out.write(length);
    out.write(msg, 0, length);
  }
}
