package org.vecino.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root (for the shipped {@code config/}) from a test. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    String prop = System.getProperty("vecino.repo");
    if (prop != null && Files.isDirectory(Path.of(prop, "config"))) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("config")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root (no config/ folder above)");
  }

  /** The sample city's GTFS feed shipped in {@code config/gtfs}. */
  public static Path sampleGtfs() {
    return root().resolve("config/gtfs");
  }

  /** The sample city's parking catalog shipped in {@code config/parking.json}. */
  public static Path sampleParking() {
    return root().resolve("config/parking.json");
  }

  /** The SMS template files shipped in {@code config/sms-templates}. */
  public static Path smsTemplates() {
    return root().resolve("config/sms-templates");
  }

  /** The office catalog shipped in {@code config/office.json}. */
  public static Path officeCatalog() {
    return root().resolve("config/office.json");
  }
}
