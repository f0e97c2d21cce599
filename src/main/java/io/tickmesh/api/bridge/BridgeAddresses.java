package io.tickmesh.api.bridge;

import io.tickmesh.codec.Addresses;
import java.util.regex.Pattern;

/**
 * What bridge clients may do: receive the contract's outputs ({@code quotes.<SYM>}, {@code trades.<SYM>},
 * {@code bars.<interval>.<SYM>}, {@code book.<SYM>}, {@code rejects}) and send one request, {@code snapshot.quote}. Nothing
 * else gets in: a client can never reach a shard, the store or any internal {@code tm.} address.
 */
final class BridgeAddresses {
  private static final String SYMBOL = "[A-Za-z0-9._:/-]{1,32}";
  /** Outbound addresses, as one regular expression (the SockJS bridge's permission format). */
  static final String OUTBOUND_REGEX =
      "(quotes|trades|book)\\." + SYMBOL + "|bars\\.[0-9]{1,6}(ms|s|m|h|d)\\." + SYMBOL + "|" + Addresses.REJECTS;
  private static final Pattern OUTBOUND = Pattern.compile(OUTBOUND_REGEX);
  /** The longest address a client may name; anything longer is refused before it is looked at. */
  static final int MAX_ADDRESS_LENGTH = 64;

  private BridgeAddresses() {}

  static boolean outbound(String address) {
    return address != null && address.length() <= MAX_ADDRESS_LENGTH && OUTBOUND.matcher(address).matches();
  }

  /** Whether every message on {@code address} is a whole state, so a newer one may replace an older one unsent. */
  static boolean wholeState(String address) {
    return address.startsWith("quotes.") || address.startsWith("book.");
  }

  static boolean inbound(String address) {
    return Addresses.SNAPSHOT_QUOTE.equals(address);
  }
}
