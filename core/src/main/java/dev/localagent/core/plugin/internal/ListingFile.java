package dev.localagent.core.plugin.internal;

import dev.localagent.api.LocalAgentApi;
import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginInfo;
import dev.localagent.core.plugin.PluginInfo.Status;
import dev.localagent.core.plugin.PluginManifest;
import dev.localagent.core.plugin.PluginSummary;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.SortedSet;
import java.util.zip.CRC32;

/**
 * The resolved listing: what {@code plugins list} prints (every plugin's status and failure, and
 * the manifest for {@code --json}), saved after a full discovery and resolution and keyed by all
 * the outcome depends on: each plugin directory with its jars' names, sizes and modification
 * times in discovery order, the effective set of disabled ids (config and state file), and the
 * API version and the build (its jar's size and mtime) that resolved them. A warm listing whose key still matches is one file read, one
 * directory listing and a stat per jar: no index decoding, no resolver, no slots. Anything else
 * (an added, removed or changed jar, an enable or disable, another directory) is a miss, and the
 * caller takes the full path, which writes the file again.
 *
 * <p>Layout (big-endian): magic, format, the file's length and a CRC32 of everything after the
 * 16-byte header (a torn or damaged file is a miss), a string table (end offsets, then the UTF-8
 * bytes; a string is decoded only when asked for, so the table path never decodes schemas),
 * the key, the rows as fixed groups of ints read in one bulk copy, then each row's manifest in
 * {@link IndexFile}'s entry encoding. The reader runs interpreted in a fresh JVM, so it works in
 * bulk where it can and does per plugin only what printing needs.
 */
public final class ListingFile {
  private static final int MAGIC = 0x4C41_504C; // "LAPL"
  /**
   * Bump whenever the layout changes. Another build's verdicts are refused by {@link #PRODUCER}.
   */
  private static final int FORMAT = 1;
  private static final int HEADER = 16;
  /**
   * The API version and the build of this code: a listing holds the resolver's verdicts and
   * messages, so one written by another build (an upgrade, a rebuild in a checkout) is a miss.
   * The package-private {@code read} and {@code write} take it as a parameter, so a test can
   * play another build.
   */
  private static final String PRODUCER = LocalAgentApi.VERSION + " " + buildStamp();
  private static final int ROW_INTS = 10; // id, version, status, jar dir, jar name, description, tools, code, message+hint, body
  private static final Status[] STATUSES = Status.values();

  private ListingFile() {}

  /** A listing read from the file whose key matched the plugin directories as they are now. */
  public static final class Listing {
    private final ByteBuffer buffer;
    private final Strings strings;
    private final int[] rows;
    private final int bodies;

    private Listing(ByteBuffer buffer, Strings strings, int[] rows, int bodies) {
      this.buffer = buffer;
      this.strings = strings;
      this.rows = rows;
      this.bodies = bodies;
    }

    /** What the table prints, in the resolver's order. */
    public List<PluginSummary> summaries() {
      var summaries = new PluginSummary[rows.length / ROW_INTS];
      for (int i = 0, r = 0; i < summaries.length; i++, r += ROW_INTS) {
        summaries[i] = new PluginSummary(strings.get(rows[r]), strings.get(rows[r + 1]), STATUSES[rows[r + 2]],
            rows[r + 5] < 0 ? "" : strings.get(rows[r + 5]), rows[r + 6], failure(r));
      }
      return Arrays.asList(summaries);
    }

    /** Every plugin as the full path's {@code PluginHost.plugins()} gives it, manifests decoded. */
    public List<PluginInfo> plugins() {
      String[] all = strings.all();
      var plugins = new ArrayList<PluginInfo>(rows.length / ROW_INTS);
      for (int r = 0; r < rows.length; r += ROW_INTS) {
        PluginManifest manifest = rows[r + 9] < 0 ? null
            : new IndexFile.Reader(buffer.array(), bodies + rows[r + 9], all).manifest();
        Path jar = Path.of(all[rows[r + 3]], all[rows[r + 4]]);
        plugins.add(new PluginInfo(all[rows[r]], jar, manifest, STATUSES[rows[r + 2]], failure(r)));
      }
      return plugins;
    }

    private PluginFailure failure(int r) {
      if (rows[r + 7] < 0) {
        return null;
      }
      ErrorCode code = PluginErrors.byId(strings.get(rows[r + 7]))
          .orElseThrow(() -> new IllegalStateException("unknown error code in the plugin listing"));
      int messageAndHint = rows[r + 8];
      return new PluginFailure(code, strings.get(messageAndHint), strings.get(messageAndHint + 1));
    }
  }

  /** The string table: end offsets up front, each string decoded on first use. */
  private static final class Strings {
    private final byte[] bytes;
    private final int start;
    private final int[] ends;
    private final String[] decoded;

    Strings(byte[] bytes, int start, int[] ends) {
      this.bytes = bytes;
      this.start = start;
      this.ends = ends;
      this.decoded = new String[ends.length];
    }

    String get(int i) {
      String s = decoded[i];
      if (s == null) {
        int from = i == 0 ? 0 : ends[i - 1];
        s = new String(bytes, start + from, ends[i] - from, StandardCharsets.UTF_8);
        decoded[i] = s;
      }
      return s;
    }

    String[] all() {
      for (int i = 0; i < decoded.length; i++) {
        get(i);
      }
      return decoded;
    }

    int length() {
      return ends.length == 0 ? 0 : ends[ends.length - 1];
    }
  }

  /**
   * The listing when the file is intact and its key matches {@code dirs} as they are now and
   * {@code disabled}; null on any difference or damage (the caller then takes the full path).
   */
  public static Listing read(Path file, List<Path> dirs, SortedSet<String> disabled) {
    return read(file, dirs, disabled, PRODUCER);
  }

  /** {@link #read(Path, List, SortedSet)} as the build {@code producer} reads it (tests play other builds). */
  static Listing read(Path file, List<Path> dirs, SortedSet<String> disabled, String producer) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
    try {
      return decode(bytes, dirs, disabled, producer);
    } catch (RuntimeException e) {
      return null; // Damaged in a way the length and checksum did not catch: still only a miss.
    }
  }

  private static Listing decode(byte[] bytes, List<Path> dirs, SortedSet<String> disabled, String producer) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < HEADER || in.getInt() != MAGIC || in.getInt() != FORMAT || in.getInt() != bytes.length) {
      return null;
    }
    var crc = new CRC32();
    crc.update(bytes, HEADER, bytes.length - HEADER);
    if (in.getInt() != (int) crc.getValue()) {
      return null;
    }
    int[] ends = ints(in, in.getInt());
    var strings = new Strings(bytes, in.position(), ends);
    in.position(in.position() + strings.length());
    if (!strings.get(in.getInt()).equals(producer) || !sameDisabled(in, strings, disabled)
        || in.getInt() != dirs.size()) {
      return null;
    }
    for (Path dir : dirs) {
      if (!sameJars(in, strings, dir.toAbsolutePath().normalize())) {
        return null;
      }
    }
    int[] rows = ints(in, in.getInt() * ROW_INTS);
    return new Listing(in, strings, rows, in.position());
  }

  /**
   * Size and modification time of the jar this class was loaded from, or of this class's file
   * when it runs from a classes directory (tests, the IDE); "unknown" where neither can be read,
   * which leaves the API version and {@link #FORMAT} as the only guard against another build.
   */
  private static String buildStamp() {
    try {
      var source = ListingFile.class.getProtectionDomain().getCodeSource();
      Path location = source == null ? null : Path.of(source.getLocation().toURI());
      if (location != null && Files.isDirectory(location)) {
        location = location.resolve(ListingFile.class.getName().replace('.', '/') + ".class");
      }
      if (location != null) {
        BasicFileAttributes attributes = Files.readAttributes(location, BasicFileAttributes.class);
        return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      // fall through: no stamp to compare
    }
    return "unknown";
  }

  private static boolean sameDisabled(ByteBuffer in, Strings strings, SortedSet<String> disabled) {
    int count = in.getInt();
    if (count != disabled.size()) {
      return false;
    }
    int[] ids = ints(in, count);
    int i = 0;
    for (String id : disabled) { // A sorted set, written in the same order.
      if (!strings.get(ids[i++]).equals(id)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code base} holds exactly the recorded jars, each with its recorded size and mtime. */
  private static boolean sameJars(ByteBuffer in, Strings strings, Path base) {
    if (!strings.get(in.getInt()).equals(base.toString())) {
      return false;
    }
    int count = in.getInt();
    int[] names = ints(in, count);
    long[] sizes = longs(in, count);
    long[] mtimes = longs(in, count);
    String[] present = Discovery.jarNames(base);
    if (present.length != count) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (!present[i].equals(strings.get(names[i]))) {
        return false;
      }
      try {
        var attributes = Files.readAttributes(base.resolve(present[i]), BasicFileAttributes.class);
        if (attributes.size() != sizes[i] || attributes.lastModifiedTime().toMillis() != mtimes[i]) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private static int[] ints(ByteBuffer in, int count) {
    int[] values = new int[count];
    in.asIntBuffer().get(values);
    in.position(in.position() + 4 * count);
    return values;
  }

  private static long[] longs(ByteBuffer in, int count) {
    long[] values = new long[count];
    in.asLongBuffer().get(values);
    in.position(in.position() + 8 * count);
    return values;
  }

  /**
   * Writes the listing of one generation atomically: {@code candidates} in discovery order as the
   * key, {@code plugins} as resolved. Does nothing when the candidates do not group by
   * {@code dirs} as discovery lists them (then no key could ever match).
   */
  public static void write(Path file, List<Path> dirs, SortedSet<String> disabled, List<Candidate> candidates,
      List<PluginInfo> plugins) throws IOException {
    write(file, dirs, disabled, candidates, plugins, PRODUCER);
  }

  /** {@link #write(Path, List, SortedSet, List, List)} as the build {@code producer} writes it. */
  static void write(Path file, List<Path> dirs, SortedSet<String> disabled, List<Candidate> candidates,
      List<PluginInfo> plugins, String producer) throws IOException {
    var table = new HashMap<String, Integer>();
    var order = new ArrayList<String>();
    var rest = new ByteArrayOutputStream(64 * candidates.size() + 64);
    var bodies = new ByteArrayOutputStream(128 * plugins.size() + 16);
    try (var out = new DataOutputStream(rest); var bodyOut = new DataOutputStream(bodies)) {
      var strings = new IndexFile.Writer(out, table, order);
      var bodyWriter = new IndexFile.Writer(bodyOut, table, order);
      strings.str(producer);
      out.writeInt(disabled.size());
      for (String id : disabled) {
        strings.str(id);
      }
      out.writeInt(dirs.size());
      int next = 0;
      for (Path dir : dirs) {
        String dirKey = dir.toAbsolutePath().normalize().toString();
        int from = next;
        while (next < candidates.size() && candidates.get(next).jar().getParent().toString().equals(dirKey)) {
          next++;
        }
        strings.str(dirKey);
        out.writeInt(next - from);
        for (int i = from; i < next; i++) {
          strings.str(candidates.get(i).jar().getFileName().toString());
        }
        for (int i = from; i < next; i++) {
          out.writeLong(candidates.get(i).size());
        }
        for (int i = from; i < next; i++) {
          out.writeLong(candidates.get(i).mtimeMillis());
        }
      }
      if (next != candidates.size()) {
        return;
      }
      out.writeInt(plugins.size());
      for (PluginInfo p : plugins) {
        PluginManifest m = p.manifest();
        strings.str(p.id());
        strings.str(p.version());
        out.writeInt(p.status().ordinal());
        strings.str(p.jar().getParent().toString());
        strings.str(p.jar().getFileName().toString());
        if (m == null) {
          out.writeInt(-1);
          out.writeInt(0);
        } else {
          strings.str(m.description());
          out.writeInt(m.tools().size());
        }
        if (p.failure() == null) {
          out.writeInt(-1);
          out.writeInt(-1);
        } else {
          strings.str(p.failure().code().id());
          out.writeInt(pair(order, p.failure().message(), p.failure().hint()));
        }
        if (m == null) {
          out.writeInt(-1);
        } else {
          out.writeInt(bodies.size());
          bodyWriter.manifest(m);
          bodyOut.flush();
        }
      }
    }
    var all = new ByteArrayOutputStream(HEADER + rest.size() + bodies.size() + 32 * order.size());
    try (var out = new DataOutputStream(all)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeInt(0); // length and checksum, filled in below
      out.writeInt(0);
      var encoded = new byte[order.size()][];
      int end = 0;
      out.writeInt(order.size());
      for (int i = 0; i < encoded.length; i++) {
        encoded[i] = order.get(i).getBytes(StandardCharsets.UTF_8);
        end += encoded[i].length;
        out.writeInt(end);
      }
      for (byte[] s : encoded) {
        out.write(s);
      }
      rest.writeTo(out);
      bodies.writeTo(out);
    }
    byte[] bytes = all.toByteArray();
    var crc = new CRC32();
    crc.update(bytes, HEADER, bytes.length - HEADER);
    ByteBuffer.wrap(bytes).putInt(8, bytes.length).putInt(12, (int) crc.getValue());
    AtomicFiles.write(file, bytes);
  }

  /**
   * A failure's message and hint as two adjacent table entries, so a row needs one int for both.
   * They are appended as a fresh pair (not shared with earlier entries) to keep them adjacent.
   */
  private static int pair(List<String> order, String message, String hint) {
    int index = order.size();
    order.add(message);
    order.add(hint);
    return index;
  }
}
