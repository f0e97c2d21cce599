package io.tickmesh.shard;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The slots of the symbols a shard owns, by symbol: a hash table chained through the slots themselves
 * ({@link SymbolSlot#next}). Not a {@code HashMap}: its entry object took 32 bytes of every idle symbol,
 * while the slot had room for the link in its padding. Spread, load factor, growth and the order of
 * iteration are HashMap's; a shard never forgets a symbol, so the table only grows.
 *
 * <p>Not thread-safe: owned by one shard.
 */
final class SymbolTable implements Iterable<SymbolSlot> {
  private SymbolSlot[] buckets = new SymbolSlot[16];
  private int size;

  /** The slot of {@code symbol}, or null. */
  SymbolSlot get(String symbol) {
    for (SymbolSlot slot = buckets[index(symbol, buckets.length)]; slot != null; slot = slot.next) {
      if (slot.state.symbol().equals(symbol)) {
        return slot;
      }
    }
    return null;
  }

  /** Adds a slot whose symbol the table does not hold yet. */
  void add(SymbolSlot slot) {
    if (size >= buckets.length - (buckets.length >>> 2)) {
      grow();
    }
    append(slot, buckets);
    size++;
  }

  int size() {
    return size;
  }

  private void grow() {
    SymbolSlot[] grown = new SymbolSlot[buckets.length * 2];
    for (SymbolSlot head : buckets) {
      SymbolSlot slot = head;
      while (slot != null) {
        SymbolSlot next = slot.next;
        append(slot, grown);
        slot = next;
      }
    }
    buckets = grown;
  }

  /** Links {@code slot} at the end of its bucket's chain: the chains keep the order slots were added in. */
  private static void append(SymbolSlot slot, SymbolSlot[] into) {
    slot.next = null;
    int i = index(slot.state.symbol(), into.length);
    if (into[i] == null) {
      into[i] = slot;
      return;
    }
    SymbolSlot last = into[i];
    while (last.next != null) {
      last = last.next;
    }
    last.next = slot;
  }

  private static int index(String symbol, int length) {
    int h = symbol.hashCode();
    return (h ^ (h >>> 16)) & (length - 1);
  }

  /** Every slot, bucket by bucket; the table must not change meanwhile. */
  @Override
  public Iterator<SymbolSlot> iterator() {
    return new Iterator<>() {
      private int bucket;
      private SymbolSlot next = advance(null);

      private SymbolSlot advance(SymbolSlot from) {
        if (from != null && from.next != null) {
          return from.next;
        }
        while (bucket < buckets.length) {
          SymbolSlot head = buckets[bucket++];
          if (head != null) {
            return head;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public SymbolSlot next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        SymbolSlot slot = next;
        next = advance(slot);
        return slot;
      }
    };
  }
}
