package org.vecino.core.reminders.sms;

import java.util.Objects;

/**
 * What a text costs to send as SMS. Immutable.
 *
 * @param encoding the alphabet the text needs
 * @param segments how many SMS parts it takes (1 when it fits a single message)
 * @param characters the text's Unicode code points (an emoji counts 1, although it takes two UTF-16
 *     units and an extension character such as {@code €} takes two GSM septets)
 */
public record SmsCost(SmsEncoding encoding, int segments, int characters) {
  public SmsCost {
    Objects.requireNonNull(encoding, "encoding");
    if (segments < 1) {
      throw new IllegalArgumentException("segments must be at least 1");
    }
    if (characters < 1) {
      throw new IllegalArgumentException("characters must be at least 1");
    }
  }
}
