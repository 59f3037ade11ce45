package org.vecino.core.transit.gtfs;

import java.util.Comparator;

/**
 * Orders line labels the way riders read them: runs of digits by their value, so {@code 2} comes
 * before {@code 10} and {@code N2} before {@code N10}; other text by character. Stateless.
 */
final class LineOrder implements Comparator<String> {
  static final LineOrder INSTANCE = new LineOrder();

  private LineOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int ei = digitsEnd(a, i);
        int ej = digitsEnd(b, j);
        int si = skipZeros(a, i, ei);
        int sj = skipZeros(b, j, ej);
        int byLength = Integer.compare(ei - si, ej - sj);
        if (byLength != 0) {
          return byLength;
        }
        for (int k = 0; k < ei - si; k++) {
          int c = Character.compare(a.charAt(si + k), b.charAt(sj + k));
          if (c != 0) {
            return c;
          }
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int byRest = Integer.compare(a.length() - i, b.length() - j);
    return byRest != 0 ? byRest : a.compareTo(b);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digitsEnd(String s, int i) {
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipZeros(String s, int i, int end) {
    while (i < end - 1 && s.charAt(i) == '0') {
      i++;
    }
    return i;
  }
}
