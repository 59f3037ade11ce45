package org.vecino.core.reminders.sms;

/** The two SMS alphabets Vecino sends with, named as on the gateway's wire. */
public enum SmsEncoding {
  /** The GSM 03.38 7-bit default alphabet with its extension table. */
  GSM_7("GSM-7"),
  /** UTF-16 (UCS-2 on the wire, surrogate pairs kept whole). */
  UCS_2("UCS-2");

  private final String wireName;

  SmsEncoding(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON ({@code "GSM-7"}, {@code "UCS-2"}). */
  public String wireName() {
    return wireName;
  }
}
