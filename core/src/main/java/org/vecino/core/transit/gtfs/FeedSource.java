package org.vecino.core.transit.gtfs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Where a feed's files come from: a folder or a zip archive. Not thread-safe. */
abstract class FeedSource implements Closeable {

  /** A folder of {@code .txt} files, or a zip file holding them (at its root or in one folder). */
  static FeedSource open(Path path) {
    if (Files.isDirectory(path)) {
      return new Folder(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new GtfsLoadException(null, null, "GTFS feed " + path + " does not exist");
    }
    try {
      return new Zip(new ZipFile(path.toFile(), StandardCharsets.UTF_8));
    } catch (ZipException e) {
      throw new GtfsLoadException(null, "GTFS feed " + path + " is neither a folder nor a zip", e);
    } catch (IOException e) {
      throw new GtfsLoadException(null, "cannot read GTFS feed " + path + ": " + e.getMessage(), e);
    }
  }

  abstract boolean has(String file);

  /** The file as UTF-8 text; only call when {@link #has} says it is there. */
  abstract Reader open(String file) throws IOException;

  @Override
  public void close() throws IOException {}

  private static Reader utf8(InputStream in) {
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static final class Folder extends FeedSource {
    private final Path dir;

    Folder(Path dir) {
      this.dir = dir;
    }

    @Override
    boolean has(String file) {
      return Files.isRegularFile(dir.resolve(file));
    }

    @Override
    Reader open(String file) throws IOException {
      return utf8(Files.newInputStream(dir.resolve(file)));
    }
  }

  private static final class Zip extends FeedSource {
    private final ZipFile zip;
    private final Map<String, ZipEntry> byName = new HashMap<>();

    Zip(ZipFile zip) {
      this.zip = zip;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        if (e.isDirectory() || name.startsWith("__MACOSX/")) {
          continue;
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        ZipEntry known = byName.get(base);
        // Prefer the shallowest copy: files at the root win over files in a folder.
        if (known == null || depth(name) < depth(known.getName())) {
          byName.put(base, e);
        }
      }
    }

    private static int depth(String name) {
      return (int) name.chars().filter(c -> c == '/').count();
    }

    @Override
    boolean has(String file) {
      return byName.containsKey(file);
    }

    @Override
    Reader open(String file) throws IOException {
      return utf8(zip.getInputStream(byName.get(file)));
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }
}
