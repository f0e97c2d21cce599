package io.tickmesh.codec;

/**
 * An output address, {@code <prefix><symbol>}, asked of a map keyed by address strings without making
 * the string: {@link LocalConsumers#any(AddressProbe)} for every trade, quote and bar a shard emits,
 * where building {@code "bars.1s." + symbol} and hashing it anew cost more than the lookup itself.
 *
 * <p>It relies on what {@link java.util.Map#containsKey} promises: a mapping for a key {@code k} such that
 * {@code Objects.equals(key, k)}, which calls this probe's {@link #equals} with the map's key. Its hash is
 * the address string's, composed from the prefix's and the symbol's (a {@code String} caches its own):
 * {@code hash(a + b) == hash(a) * 31^length(b) + hash(b)}. Never a key of a map itself: its equality is
 * one-sided (a string is never equal to a probe).
 *
 * <p>Threading: mutable, reused for each question; owned by one shard's publisher.
 */
public final class AddressProbe {
  private final String prefix;
  private final int prefixHash;
  private String symbol;
  private int hash;

  /** A probe of addresses {@code <prefix><symbol>}, e.g. {@code "trades."}. */
  public AddressProbe(String prefix) {
    this.prefix = prefix;
    this.prefixHash = prefix.hashCode();
  }

  /** This probe, set to the address of {@code symbol}. */
  public AddressProbe of(String symbol) {
    int h = prefixHash;
    for (int i = symbol.length(); i > 0; i--) {
      h *= 31;
    }
    this.symbol = symbol;
    this.hash = h + symbol.hashCode();
    return this;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** True for the address string this probe stands for. */
  @Override
  @SuppressWarnings("EqualsUnsafeCast")
  public boolean equals(Object other) {
    return other instanceof String s && s.length() == prefix.length() + symbol.length() && s.startsWith(prefix)
        && s.regionMatches(prefix.length(), symbol, 0, symbol.length());
  }

  /** The address itself (made anew). */
  @Override
  public String toString() {
    return prefix + symbol;
  }
}
