package org.vecino.core.transit.gtfs;

import java.util.Arrays;

/** A growable array of ints, for reading big files without boxing. Not thread-safe. */
final class IntList {
  private int[] values;
  private int size;

  IntList(int capacity) {
    values = new int[Math.max(capacity, 8)];
  }

  void add(int v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length + (values.length >> 1) + 8);
    }
    values[size++] = v;
  }

  int get(int i) {
    return values[i];
  }

  void set(int i, int v) {
    values[i] = v;
  }

  int size() {
    return size;
  }

  /** The backing array (at least {@link #size()} long); the list must not be used afterwards. */
  int[] array() {
    return values;
  }

  /** A copy trimmed to the size. */
  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
