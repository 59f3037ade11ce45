package org.vecino.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The bootstrap admin token when none is configured: made at first start, saved beside the database
 * with mode 600, and printed once.
 */
public final class AdminTokenFile {
  private AdminTokenFile() {}

  /** The result: the token, and whether it was just created (and so must be shown once). */
  public record Result(String token, boolean created, Path file) {}

  public static Result loadOrCreate(Path databaseFile) {
    Path dir = databaseFile.toAbsolutePath().getParent();
    Path file = dir.resolve("admin-token");
    try {
      if (Files.exists(file)) {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.length() >= 16) {
          return new Result(token, false, file);
        }
        Files.delete(file);
      }
      Files.createDirectories(dir);
      String token = TokenService.newSecret();
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        return loadOrCreate(databaseFile);
      }
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      return new Result(token, true, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
    }
  }
}
