package org.vecino.core.transit.gtfs;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one load, keeping at most {@link #LIMIT}; the rest are only counted and
 * summed up in a last entry. Not thread-safe.
 */
final class Problems {
  static final int LIMIT = 10_000;
  private final List<GtfsProblem> list = new ArrayList<>();
  private long dropped;

  void add(String file, long line, String field, String message) {
    if (list.size() < LIMIT) {
      list.add(new GtfsProblem(file, line, field, message));
    } else {
      dropped++;
    }
  }

  List<GtfsProblem> toList() {
    List<GtfsProblem> all = new ArrayList<>(list);
    if (dropped > 0) {
      all.add(new GtfsProblem("", 0, "", dropped + " more problems not listed"));
    }
    return List.copyOf(all);
  }
}
