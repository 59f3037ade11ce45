package org.vecino.core.transit.gtfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which services run on which date: weekly patterns of calendar.txt within their date ranges, then
 * the exceptions of calendar_dates.txt (type 1 adds the date, type 2 removes it). Services are
 * numbered 0..n-1. Immutable and thread-safe once built.
 */
final class ServiceCalendar {
  private final String[] ids;
  private final int[] weekMask;
  private final long[] startDay;
  private final long[] endDay;
  private final long[] exceptionDays;
  private final int[] exceptionStart;
  private final int[] exceptionCodes;
  private final long firstDay;
  private final long lastDay;

  private ServiceCalendar(Builder b) {
    int n = b.ids.size();
    ids = b.ids.toArray(new String[0]);
    weekMask = Arrays.copyOf(b.weekMask, n);
    startDay = Arrays.copyOf(b.startDay, n);
    endDay = Arrays.copyOf(b.endDay, n);
    exceptionDays = b.exceptions.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    exceptionStart = new int[exceptionDays.length + 1];
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < exceptionDays.length; i++) {
      exceptionStart[i] = codes.size();
      codes.addAll(b.exceptions.get(exceptionDays[i]));
    }
    exceptionStart[exceptionDays.length] = codes.size();
    exceptionCodes = codes.stream().mapToInt(Integer::intValue).toArray();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int s = 0; s < n; s++) {
      if (weekMask[s] != 0) {
        first = Math.min(first, startDay[s]);
        last = Math.max(last, endDay[s]);
      }
    }
    for (int i = 0; i < exceptionDays.length; i++) {
      for (int k = exceptionStart[i]; k < exceptionStart[i + 1]; k++) {
        if ((exceptionCodes[k] & 1) != 0) {
          first = Math.min(first, exceptionDays[i]);
          last = Math.max(last, exceptionDays[i]);
        }
      }
    }
    firstDay = first;
    lastDay = last;
  }

  int size() {
    return ids.length;
  }

  String id(int service) {
    return ids[service];
  }

  /** The first epoch day on which any service may run; Long.MAX_VALUE when none ever runs. */
  long firstDay() {
    return firstDay;
  }

  /** The last epoch day on which any service may run; Long.MIN_VALUE when none ever runs. */
  long lastDay() {
    return lastDay;
  }

  /** The services running on an epoch day, as a new set the caller owns. */
  BitSet activeOn(long epochDay) {
    BitSet active = new BitSet(ids.length);
    if (epochDay < firstDay || epochDay > lastDay) {
      return active;
    }
    int weekdayBit = 1 << Math.floorMod(epochDay + 3, 7); // epoch day 0 was a Thursday
    for (int s = 0; s < ids.length; s++) {
      if ((weekMask[s] & weekdayBit) != 0 && epochDay >= startDay[s] && epochDay <= endDay[s]) {
        active.set(s);
      }
    }
    int i = Arrays.binarySearch(exceptionDays, epochDay);
    if (i >= 0) {
      for (int k = exceptionStart[i]; k < exceptionStart[i + 1]; k++) {
        int code = exceptionCodes[k];
        active.set(code >>> 1, (code & 1) != 0);
      }
    }
    return active;
  }

  /** Collects services while the calendar files are read. Not thread-safe. */
  static final class Builder {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private int[] weekMask = new int[16];
    private long[] startDay = new long[16];
    private long[] endDay = new long[16];
    private final BitSet patterned = new BitSet();
    private final Map<Long, List<Integer>> exceptions = new HashMap<>();

    /** The number of a service, creating it (with no weekly pattern) when new. */
    int service(String id) {
      Integer s = index.get(id);
      if (s != null) {
        return s;
      }
      int n = ids.size();
      if (n == weekMask.length) {
        weekMask = Arrays.copyOf(weekMask, n * 2);
        startDay = Arrays.copyOf(startDay, n * 2);
        endDay = Arrays.copyOf(endDay, n * 2);
      }
      ids.add(id);
      index.put(id, n);
      return n;
    }

    /** The number of a known service, or -1. */
    int find(String id) {
      Integer s = index.get(id);
      return s == null ? -1 : s;
    }

    /** Whether the service already has a weekly pattern. */
    boolean hasPattern(int service) {
      return patterned.get(service);
    }

    /**
     * Sets a weekly pattern.
     *
     * @param mask bit 0 Monday .. bit 6 Sunday
     */
    void pattern(int service, int mask, long firstEpochDay, long lastEpochDay) {
      patterned.set(service);
      weekMask[service] = mask;
      startDay[service] = firstEpochDay;
      endDay[service] = lastEpochDay;
    }

    void exception(int service, long epochDay, boolean added) {
      exceptions
          .computeIfAbsent(epochDay, d -> new ArrayList<>())
          .add(service << 1 | (added ? 1 : 0));
    }

    ServiceCalendar build() {
      return new ServiceCalendar(this);
    }
  }
}
