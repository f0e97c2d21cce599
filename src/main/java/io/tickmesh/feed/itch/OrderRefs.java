package io.tickmesh.feed.itch;

import java.util.Arrays;

/**
 * Resting orders by reference number: an open-addressing table of primitive keys (no boxed {@code Long},
 * no entry object per order), linear probing, deletion by shifting back the run behind. Grows at half
 * full. Pure; not thread-safe (one actor).
 */
final class OrderRefs<V> {
  private long[] keys;
  private Object[] values;
  private int size;

  OrderRefs() {
    this(1 << 12);
  }

  /** A table of {@code capacity} slots to begin with (a power of two). */
  OrderRefs(int capacity) {
    keys = new long[capacity];
    values = new Object[capacity];
  }

  /** The order of {@code ref}, or null. */
  @SuppressWarnings("unchecked")
  V get(long ref) {
    int mask = keys.length - 1;
    for (int i = slot(ref, mask); values[i] != null; i = (i + 1) & mask) {
      if (keys[i] == ref) {
        return (V) values[i];
      }
    }
    return null;
  }

  boolean containsKey(long ref) {
    return get(ref) != null;
  }

  /** Files {@code order} under {@code ref} (not there yet). */
  void put(long ref, V order) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(ref, mask);
    while (values[i] != null && keys[i] != ref) {
      i = (i + 1) & mask;
    }
    if (values[i] == null) {
      size++;
    }
    keys[i] = ref;
    values[i] = order;
  }

  /** Forgets {@code ref}, if it is there. */
  void remove(long ref) {
    int mask = keys.length - 1;
    int i = slot(ref, mask);
    while (values[i] != null && keys[i] != ref) {
      i = (i + 1) & mask;
    }
    if (values[i] == null) {
      return;
    }
    size--;
    // shift back the entries of the run behind the hole whose home slot is not between the hole and them
    int hole = i;
    for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      int home = slot(keys[j], mask);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    values[hole] = null;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int k = 0; k < oldKeys.length; k++) {
      if (oldValues[k] != null) {
        int i = slot(oldKeys[k], mask);
        while (values[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[k];
        values[i] = oldValues[k];
      }
    }
    Arrays.fill(oldValues, null);
  }

  private static int slot(long ref, int mask) {
    long h = ref * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
