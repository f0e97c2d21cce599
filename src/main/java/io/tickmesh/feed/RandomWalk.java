package io.tickmesh.feed;

import io.tickmesh.model.Decimals;
import io.tickmesh.model.QuoteTick;
import io.tickmesh.model.Tick;
import io.tickmesh.model.TradeTick;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random walk over N symbols: the same seed gives the same stream of trades and quotes. Prices
 * move in cents around a mid, quotes straddle it, trades print at the bid, the ask or the mid. Used by
 * the in-node simulator, the {@code sim} command and the load command. Not thread-safe.
 */
public final class RandomWalk {
  private static final String[] NAMES = {
    "AAPL", "MSFT", "AMZN", "GOOG", "META", "NVDA", "TSLA", "BRK.B", "JPM", "V",
    "JNJ", "WMT", "PG", "MA", "XOM", "HD", "CVX", "KO", "PEP", "ABBV",
    "MRK", "AVGO", "COST", "LLY", "ORCL", "BAC", "ADBE", "CRM", "NFLX", "AMD",
    "INTC", "CSCO", "TMO", "ACN", "MCD", "NKE", "DIS", "WFC", "TXN", "QCOM",
    "IBM", "GS", "CAT", "BA", "SBUX", "UPS", "AMGN", "HON", "SPY", "QQQ"
  };
  private static final long CENT = Decimals.ONE / 100;

  private final SplittableRandom random;
  private final String feed;
  private final List<String> symbols;
  private final long[] mids;
  private final int tradePercent;
  private long seq;

  /** {@code symbols} symbols, a {@code tradePercent}% share of trades, ticks stamped with {@code feed}. */
  public RandomWalk(int symbols, long seed, String feed, int tradePercent) {
    this.random = new SplittableRandom(seed);
    this.feed = feed;
    this.tradePercent = tradePercent;
    this.symbols = new ArrayList<>(symbols);
    this.mids = new long[symbols];
    for (int i = 0; i < symbols; i++) {
      this.symbols.add(symbolName(i));
      mids[i] = (1_000 + random.nextLong(49_000)) * CENT;
    }
  }

  /** The name of simulated symbol {@code i}: well-known tickers first, then {@code SYM00050} and on. */
  public static String symbolName(int i) {
    return i < NAMES.length ? NAMES[i] : String.format("SYM%05d", i);
  }

  /** The simulated symbols. */
  public List<String> symbols() {
    return List.copyOf(symbols);
  }

  /** The next tick, stamped {@code ts}. */
  public Tick next(long ts) {
    int i = random.nextInt(mids.length);
    long step = (random.nextInt(5) - 2) * CENT;
    mids[i] = Math.max(CENT * 10, mids[i] + step);
    long spread = (1 + random.nextInt(3)) * CENT;
    long bid = mids[i] - spread;
    long ask = mids[i] + spread;
    seq++;
    if (random.nextInt(100) < tradePercent) {
      int side = random.nextInt(3);
      long px = side == 0 ? bid : side == 1 ? ask : mids[i];
      long qty = (1 + random.nextInt(1_000)) * Decimals.ONE;
      return new TradeTick(feed, seq, symbols.get(i), ts, px, qty);
    }
    long bidQty = (1 + random.nextInt(50)) * 100 * Decimals.ONE;
    long askQty = (1 + random.nextInt(50)) * 100 * Decimals.ONE;
    return new QuoteTick(feed, seq, symbols.get(i), ts, bid, bidQty, ask, askQty);
  }
}
