package org.vecino.server.config;

/**
 * A missing, unknown or invalid setting. Its message is one line naming the setting, what is wrong
 * and where the value came from; it never contains a secret. The launcher prints the message and
 * exits with code 2 (no stack trace). Immutable.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one line naming the setting and what is wrong
   */
  public ConfigException(String message) {
    super(message);
  }
}
