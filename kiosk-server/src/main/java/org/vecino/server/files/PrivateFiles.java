package org.vecino.server.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and folders that hold personal data or secrets (the database, the broker's store, tokens):
 * created readable by their owner only (files 0600, folders 0700), and tightened to that when an
 * older install left them open. On a file system without POSIX permissions the files are created as
 * the system does. Stateless and thread-safe.
 */
public final class PrivateFiles {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /**
   * Creates {@code dir} and its missing parents; the ones created here are private (0700). An
   * existing folder is left as it is (an operator may share a parent folder on purpose); the files
   * in it are protected one by one.
   */
  public static void createFolder(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createFolder(parent);
    }
    try {
      Files.createDirectory(absolute, attribute(FOLDER));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(absolute)) {
        throw new FileSystemException(absolute.toString(), null, "exists and is not a folder");
      }
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(absolute);
    }
  }

  /**
   * Makes {@code file} exist and be private: created empty with mode 0600 when missing, tightened
   * to 0600 when it exists with more permissions.
   *
   * @return whether the file was created here
   */
  public static boolean ensurePrivateFile(Path file) throws IOException {
    createFolder(file.toAbsolutePath().normalize().getParent());
    try {
      Files.createFile(file, attribute(FILE));
      return true;
    } catch (FileAlreadyExistsException e) {
      restrict(file);
      return false;
    } catch (UnsupportedOperationException e) {
      if (!Files.exists(file)) {
        Files.createFile(file);
        return true;
      }
      return false;
    }
  }

  /** Tightens an existing file or folder to owner-only; does nothing when it does not exist. */
  public static void restrict(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try {
      Set<PosixFilePermission> wanted = Files.isDirectory(path) ? FOLDER : FILE;
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
      if (!wanted.containsAll(now)) {
        Files.setPosixFilePermissions(path, wanted);
        LOG.info(
            "{} was readable by others ({}); now {}",
            path,
            PosixFilePermissions.toString(now),
            PosixFilePermissions.toString(wanted));
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to tighten.
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> p) {
    return PosixFilePermissions.asFileAttribute(p);
  }
}
