package io.tickmesh.model;

/**
 * An output as it goes out on {@code quotes.<SYM>}, {@code trades.<SYM>} or {@code bars.<i>.<SYM>}: the
 * value (a {@link Quote}, {@link TradeTick} or {@link Bar}) with {@code pubSeq}, its number on that
 * address. Numbers start at 1 when the owning shard starts and grow by one per message on the address,
 * so a subscriber that sees anything but previous + 1 knows it missed something (or the shard
 * restarted) and resynchronises from a snapshot.
 */
public record Published(long pubSeq, Object value) {
  /** Only the three output values, numbered from 1. */
  public Published {
    if (pubSeq <= 0 || !(value instanceof Quote || value instanceof TradeTick || value instanceof Bar)) {
      throw new IllegalArgumentException("a published output is a numbered quote, trade or bar");
    }
  }
}
