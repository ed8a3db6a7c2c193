package dev.localagent.core.plugin.internal;

import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginManifest;
import dev.localagent.core.plugin.PluginManifest.CommandDecl;
import dev.localagent.core.plugin.PluginManifest.Dependency;
import dev.localagent.core.plugin.PluginManifest.Permissions;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery index: one binary file with every known jar's key (path, size, mtime) and its
 * parsed manifest or failure, so a warm start reads this one file instead of N jars and needs no
 * JSON parser. Layout: header, a table of distinct strings (each stored and decoded once: ids,
 * paths, but also the API version or a schema shared by many plugins), then entries made of
 * string-table indexes and longs, keyed by directory and file name so a warm start never parses
 * or hashes a full path. A warm start runs mostly interpreted, so the reader does as
 * little per entry as it can: no per-string length checks through streams, no duplicate decoding.
 */
public final class IndexFile {
  private static final int MAGIC = 0x4C41_5049; // "LAPI"
  private static final int FORMAT = 3;

  private IndexFile() {}

  /** The index as read: jar keys up front, manifests decoded only when a jar matches its key. */
  public static final class Index {
    static final Index EMPTY = new Index(new byte[0], new String[0], Map.of());

    private record Key(long size, long mtime, int bodyOffset) {}

    private final byte[] bytes;
    private final String[] strings;
    private final Map<String, Map<String, Key>> byDir;

    private Index(byte[] bytes, String[] strings, Map<String, Map<String, Key>> byDir) {
      this.bytes = bytes;
      this.strings = strings;
      this.byDir = byDir;
    }

    public int size() {
      int n = 0;
      for (var entries : byDir.values()) n += entries.size();
      return n;
    }

    /** The cached candidate for {@code jar} when its size and mtime still match, else null. */
    public Candidate lookup(String dir, String fileName, Path jar, long size, long mtime) {
      Map<String, Key> entries = byDir.get(dir);
      Key key = entries == null ? null : entries.get(fileName);
      if (key == null || key.size() != size || key.mtime() != mtime) {
        return null;
      }
      try {
        return new Reader(bytes, key.bodyOffset(), strings).candidate(jar, size, mtime);
      } catch (RuntimeException e) {
        return null; // A corrupt entry is a miss: the jar is read again.
      }
    }
  }

  /** Reads the index; an absent, torn or foreign file is an empty index (a cache miss). */
  public static Index read(Path file) {
    try {
      return decode(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      return Index.EMPTY;
    }
  }

  private static Index decode(byte[] bytes) {
    var in = new Reader(bytes, 0, null);
    if (in.getInt() != MAGIC || in.getInt() != FORMAT) {
      return Index.EMPTY;
    }
    String[] strings = new String[in.count(4)];
    for (int i = 0; i < strings.length; i++) {
      int length = in.getInt();
      strings[i] = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
      in.skip(length);
    }
    int count = in.count(28);
    var byDir = new HashMap<String, Map<String, Index.Key>>();
    Map<String, Index.Key> entries = null;
    String entriesDir = null;
    for (int i = 0; i < count; i++) {
      String dir = strings[in.getInt()];
      String name = strings[in.getInt()];
      long size = in.getLong();
      long mtime = in.getLong();
      int bodyLength = in.getInt();
      if (!dir.equals(entriesDir)) { // Entries come grouped by directory: one map look-up per group.
        entriesDir = dir;
        entries = byDir.get(dir);
        if (entries == null) {
          entries = new HashMap<>();
          byDir.put(dir, entries);
        }
      }
      entries.put(name, new Index.Key(size, mtime, in.position()));
      in.skip(bodyLength);
    }
    return new Index(bytes, strings, byDir);
  }

  /**
   * Decodes entries written by {@link Writer}, reading big-endian values straight from the array;
   * shared with the cached listing ({@link ListingFile}). A start runs this interpreted, a few
   * dozen values per plugin, and there each {@code ByteBuffer.getInt} was a chain of a dozen
   * calls (bounds check, scoped memory access, byte order): most of a cold start's index read.
   */
  static final class Reader {
    private final byte[] bytes;
    private final String[] strings;
    private int position;

    Reader(byte[] bytes, int position, String[] strings) {
      this.bytes = bytes;
      this.position = position;
      this.strings = strings;
    }

    int position() {
      return position;
    }

    void skip(int length) {
      if (length < 0 || length > bytes.length - position) {
        throw new BufferUnderflowException();
      }
      position += length;
    }

    byte get() {
      if (position >= bytes.length) {
        throw new BufferUnderflowException();
      }
      return bytes[position++];
    }

    int getInt() {
      int p = position;
      if (p > bytes.length - 4) {
        throw new BufferUnderflowException();
      }
      position = p + 4;
      return (bytes[p] << 24) | ((bytes[p + 1] & 0xFF) << 16) | ((bytes[p + 2] & 0xFF) << 8) | (bytes[p + 3] & 0xFF);
    }

    /**
     * A count of items at least {@code minBytes} long each: checked against what is left, so a
     * damaged count is a miss rather than an array too big to allocate.
     */
    int count(int minBytes) {
      int n = getInt();
      if (n < 0 || n > (bytes.length - position) / minBytes) {
        throw new BufferUnderflowException();
      }
      return n;
    }

    long getLong() {
      return ((long) getInt() << 32) | (getInt() & 0xFFFF_FFFFL);
    }

    String str() {
      return strings[getInt()];
    }

    List<String> strs() {
      int n = count(4);
      if (n == 0) return List.of();
      var values = new String[n];
      for (int i = 0; i < n; i++) values[i] = str();
      return List.of(values);
    }

    Candidate candidate(Path jar, long size, long mtime) {
      if (get() == 0) {
        var code = PluginErrors.byId(str()).orElseThrow(() -> new BufferUnderflowException());
        return new Candidate(jar, size, mtime, null, new PluginFailure(code, str(), str()));
      }
      return new Candidate(jar, size, mtime, manifest(), null);
    }

    PluginManifest manifest() {
      String id = str(), version = str(), api = str(), description = str(), entry = str();
      var deps = new ArrayList<Dependency>();
      for (int i = getInt(); i > 0; i--) {
        deps.add(new Dependency(str(), str(), get() == 1));
      }
      var tools = new ArrayList<ToolSpec>();
      for (int i = getInt(); i > 0; i--) {
        tools.add(new ToolSpec(str(), str(), str()));
      }
      var commands = new ArrayList<CommandDecl>();
      for (int i = getInt(); i > 0; i--) {
        commands.add(new CommandDecl(str(), str()));
      }
      List<String> providers = strs();
      var permissions = new Permissions(strs(), get() == 1, strs());
      return new PluginManifest(id, version, api, description, entry, deps, tools, commands, providers, permissions);
    }
  }

  /** Writes the index atomically: a reader sees the old file or the new one, never a mix. */
  public static void write(Path file, List<Candidate> candidates) throws IOException {
    var table = new HashMap<String, Integer>();
    var order = new ArrayList<String>();
    var body = new ByteArrayOutputStream(64 * candidates.size() + 16);
    try (var out = new DataOutputStream(body)) {
      out.writeInt(candidates.size());
      for (Candidate candidate : candidates) {
        var entry = new ByteArrayOutputStream(64);
        try (var entryOut = new DataOutputStream(entry)) {
          new Writer(entryOut, table, order).candidate(candidate);
        }
        var keyWriter = new Writer(out, table, order);
        keyWriter.str(candidate.jar().getParent().toString());
        keyWriter.str(candidate.jar().getFileName().toString());
        out.writeLong(candidate.size());
        out.writeLong(candidate.mtimeMillis());
        out.writeInt(entry.size());
        entry.writeTo(out);
      }
    }
    var all = new ByteArrayOutputStream(body.size() + 32 * order.size());
    try (var out = new DataOutputStream(all)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeInt(order.size());
      for (String s : order) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
      }
      body.writeTo(out);
    }
    AtomicFiles.write(file, all.toByteArray());
  }

  /** Encodes entries as string-table indexes; shared with the cached listing ({@link ListingFile}). */
  record Writer(DataOutputStream out, Map<String, Integer> table, List<String> order) {
    void str(String s) throws IOException {
      Integer index = table.get(s);
      if (index == null) {
        index = order.size();
        table.put(s, index);
        order.add(s);
      }
      out.writeInt(index);
    }

    void strs(List<String> values) throws IOException {
      out.writeInt(values.size());
      for (String v : values) str(v);
    }

    void candidate(Candidate c) throws IOException {
      out.writeByte(c.manifest() != null ? 1 : 0);
      if (c.manifest() == null) {
        str(c.failure().code().id());
        str(c.failure().message());
        str(c.failure().hint());
        return;
      }
      manifest(c.manifest());
    }

    void manifest(PluginManifest m) throws IOException {
      for (String s : new String[] {m.id(), m.version(), m.apiVersion(), m.description(), m.entry()}) {
        str(s);
      }
      out.writeInt(m.dependencies().size());
      for (Dependency d : m.dependencies()) {
        str(d.id());
        str(d.versionRange());
        out.writeByte(d.optional() ? 1 : 0);
      }
      out.writeInt(m.tools().size());
      for (ToolSpec t : m.tools()) {
        str(t.name());
        str(t.description());
        str(t.parametersSchema());
      }
      out.writeInt(m.commands().size());
      for (CommandDecl cmd : m.commands()) {
        str(cmd.name());
        str(cmd.help());
      }
      strs(m.providers());
      strs(m.permissions().paths());
      out.writeByte(m.permissions().exec() ? 1 : 0);
      strs(m.permissions().network());
    }
  }
}
