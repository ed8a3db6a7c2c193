package dev.localagent.core.plugin.internal;

import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginManifest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipFile;

/**
 * Finds plugin jars and reads their manifests, never their classes. Jars whose path, size and
 * modification time match the index are taken from it; the others are read in parallel on
 * virtual threads (one short-lived thread per jar; the work is file I/O and a small JSON parse).
 */
public final class Discovery {

  /** What a scan found, in directory order, and whether the index needs rewriting. */
  public record Result(List<Candidate> candidates, int jarsRead, boolean indexStale) {}

  private Discovery() {}

  public static Result scan(List<Path> dirs, Path indexFile) {
    IndexFile.Index index = indexFile == null ? IndexFile.Index.EMPTY : IndexFile.read(indexFile);
    var found = new ArrayList<Candidate>();
    var jars = new ArrayList<Path>();
    var keys = new ArrayList<long[]>();
    var toRead = new ArrayList<Integer>();
    for (Path dir : dirs) {
      String dirKey = dir.toAbsolutePath().normalize().toString();
      for (Path jar : jars(dir)) {
        long[] key = key(jar);
        if (key == null) {
          continue; // Vanished between listing and stat: not a plugin any more.
        }
        Candidate cached = index.lookup(dirKey, jar.getFileName().toString(), jar, key[0], key[1]);
        if (cached == null) {
          toRead.add(found.size());
        }
        found.add(cached);
        jars.add(jar);
        keys.add(key);
      }
    }
    readAll(found, toRead, jars, keys);
    boolean stale = !toRead.isEmpty() || index.size() != found.size();
    return new Result(found, toRead.size(), stale);
  }

  private static void readAll(List<Candidate> found, List<Integer> toRead, List<Path> jars, List<long[]> keys) {
    if (toRead.size() <= 2) {
      toRead.forEach(i -> found.set(i, read(jars.get(i), keys.get(i))));
      return;
    }
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<Candidate>>(toRead.size());
      for (int i : toRead) {
        futures.add(executor.submit(() -> read(jars.get(i), keys.get(i))));
      }
      for (int k = 0; k < toRead.size(); k++) {
        found.set(toRead.get(k), futures.get(k).get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("plugin discovery was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("plugin discovery failed", e.getCause());
    }
  }

  /** Reads one jar's manifest; every failure becomes a candidate carrying its reason. */
  public static Candidate read(Path jar, long[] key) {
    byte[] json;
    try (var zip = new ZipFile(jar.toFile())) {
      var entry = zip.getEntry(PluginManifest.PATH);
      if (entry == null) {
        return failed(jar, key, PluginErrors.BAD_MANIFEST, jar.getFileName() + " has no " + PluginManifest.PATH,
            "add the manifest (see docs/PLUGINS.md) or remove the jar from the plugin directory");
      }
      try (var in = zip.getInputStream(entry)) {
        json = in.readAllBytes();
      }
    } catch (IOException e) {
      return failed(jar, key, PluginErrors.UNREADABLE_JAR,
          jar.getFileName() + " cannot be opened as a jar: " + e.getMessage(),
          "replace it with a complete copy or remove it");
    }
    try {
      return new Candidate(jar, key[0], key[1], ManifestParser.parse(json), null);
    } catch (ManifestParser.BadManifest e) {
      return new Candidate(jar, key[0], key[1], null, e.failure(jar.getFileName().toString()));
    }
  }

  private static Candidate failed(Path jar, long[] key, dev.localagent.core.error.ErrorCode code, String message, String hint) {
    return new Candidate(jar, key[0], key[1], null, new PluginFailure(code, message, hint));
  }

  /**
   * The {@code *.jar} files directly in {@code dir}, sorted by name so order is stable. Listed as
   * names ({@link File#list}) and sorted as strings, not as {@code Path}s from a directory
   * stream: with a thousand jars, building and comparing the paths was a quarter of a warm
   * start's discovery. For ASCII names string order is {@code Path} order; others are sorted as
   * paths, so the order (which decides which of two jars with the same id wins) never changes.
   */
  static List<Path> jars(Path dir) {
    Path base = dir.toAbsolutePath().normalize();
    String[] names = jarNames(base);
    var jars = new ArrayList<Path>(names.length);
    for (String name : names) {
      jars.add(base.resolve(name));
    }
    return jars;
  }

  /**
   * The names of the {@code *.jar} files directly in {@code base} (absolute and normalized), in
   * the order {@link #jars} gives them: the one listing both discovery and the cached listing
   * ({@link ListingFile}) compare against.
   */
  static String[] jarNames(Path base) {
    // null: absent, not a directory or unreadable. None holds plugins we can use; doctor names it.
    String[] names = new File(base.toString()).list();
    if (names == null) {
      return new String[0];
    }
    int count = 0;
    boolean ascii = true;
    for (String name : names) {
      if (name.endsWith(".jar")) {
        names[count++] = name;
        ascii = ascii && isAscii(name);
      }
    }
    String[] jars = Arrays.copyOf(names, count);
    Arrays.sort(jars);
    if (!ascii) {
      // Path order, which for non-ASCII names differs from String order.
      var paths = new ArrayList<Path>(count);
      for (String name : jars) {
        paths.add(base.resolve(name));
      }
      paths.sort(null);
      for (int i = 0; i < count; i++) {
        jars[i] = paths.get(i).getFileName().toString();
      }
    }
    return jars;
  }

  static boolean isAscii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Size and modification time, or null when the file is gone. */
  static long[] key(Path jar) {
    try {
      var attrs = Files.readAttributes(jar, BasicFileAttributes.class);
      return new long[] {attrs.size(), attrs.lastModifiedTime().toMillis()};
    } catch (IOException e) {
      return null;
    }
  }
}
