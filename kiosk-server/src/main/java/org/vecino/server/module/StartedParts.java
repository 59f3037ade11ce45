package org.vecino.server.module;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a module has started, stopped in reverse order: a module adds each part once it has started,
 * and {@link #closeAll()} closes them, newest first, logging (not throwing) what fails, as {@code
 * Vecino}'s stop does. Thread-safe.
 */
public final class StartedParts {
  private static final Logger LOG = LoggerFactory.getLogger(StartedParts.class);

  private final Deque<AutoCloseable> parts = new ArrayDeque<>();

  /** Records a started part; it will be closed before every part added earlier. */
  public synchronized void add(AutoCloseable part) {
    parts.push(part);
  }

  /** Closes every part added, newest first; safe to call twice. */
  public synchronized void closeAll() {
    while (!parts.isEmpty()) {
      AutoCloseable part = parts.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}", part, e);
      }
    }
  }
}
