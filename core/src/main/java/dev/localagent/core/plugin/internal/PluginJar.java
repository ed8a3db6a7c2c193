package dev.localagent.core.plugin.internal;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.jar.JarFile;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The entries of one plugin jar, opened once when the plugin starts and read by name.
 *
 * <p>A plain jar (no signature, no {@code META-INF/versions/}, no zip64) is read through its
 * central directory by {@link Plain}: one file open, one read of the jar's tail, and for each
 * entry a positional read and an inflate with an {@link Inflater} from a pool shared by all
 * plugins. {@link ZipFile} would instead register a cleaner, stat the file again, and give every
 * jar its own zlib inflater (about 40 KiB of native memory, allocated and page-faulted in per
 * plugin and kept while the plugin is active); with thousands of plugins that was a tenth of
 * activation. Signed and multi-release jars go through {@link Verified}, a {@link JarFile} with
 * verification on and the running Java's version, so a signed jar whose content changed is
 * refused and versioned classes resolve exactly as the JDK does it.
 */
sealed interface PluginJar extends Closeable {

  /**
   * Opens {@code path}.
   *
   * @throws IOException when it is not a readable zip archive
   */
  static PluginJar open(Path path) throws IOException {
    PluginJar plain = Plain.open(path);
    return plain != null ? plain : new Verified(new JarFile(path.toFile(), true, ZipFile.OPEN_READ, JarFile.runtimeVersion()));
  }

  /** Whether the jar has an entry {@code name}; false once closed. */
  boolean contains(String name);

  /**
   * The entry's bytes, or null when there is no such entry or the jar was closed.
   *
   * @throws IOException when the entry cannot be read (damaged jar, or a signed entry that no
   *     longer matches its signature, reported as {@link SecurityException})
   */
  byte[] read(String name) throws IOException;

  /** The entry as a stream, or null when there is no such entry or the jar was closed. */
  InputStream stream(String name) throws IOException;

  /** A jar read through its central directory; see {@link PluginJar}. */
  final class Plain implements PluginJar {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int CEN_SIGNATURE = 0x02014b50;
    private static final int LOC_SIGNATURE = 0x04034b50;
    private static final int END_SIZE = 22;
    private static final int CEN_SIZE = 46;
    private static final int LOC_SIZE = 30;
    /** A zip archive ends with its central directory; one read of this size holds a small jar's. */
    private static final int TAIL = 8192;
    /** The end record plus the longest comment a zip archive can have. */
    private static final int MAX_END_SEARCH = END_SIZE + 0xFFFF;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    /** Inflaters for all plugins: reset after each entry, so they carry nothing between jars. */
    private static final ConcurrentLinkedQueue<Inflater> INFLATERS = new ConcurrentLinkedQueue<>();
    private static final int MAX_POOLED_INFLATERS = 2 * Runtime.getRuntime().availableProcessors();

    /** Where an entry is: its local header's offset, compressed and real size, method. */
    private record Entry(long localHeader, int compressedSize, int size, int method) {}

    /**
     * Not a FileChannel: an interrupt during a read (a cancelled tool call loading a class) would
     * close a FileChannel for good, and with it every later class load of the plugin.
     */
    private final RandomAccessFile file;
    private final Map<String, Entry> entries;
    private volatile boolean closed;

    private final long fileSize;

    private Plain(RandomAccessFile file, long fileSize, Map<String, Entry> entries) {
      this.file = file;
      this.fileSize = fileSize;
      this.entries = entries;
    }

    private static int utf8Length(String name) {
      int length = 0;
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        length += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
      }
      return length;
    }

    /** The jar read through its central directory, or null when it needs a {@link JarFile}. */
    static Plain open(Path path) throws IOException {
      var file = new RandomAccessFile(path.toFile(), "r");
      try {
        long size = file.length();
        Map<String, Entry> entries = centralDirectory(file, size);
        if (entries == null) {
          file.close();
          return null;
        }
        return new Plain(file, size, entries);
      } catch (IOException e) {
        file.close();
        throw e;
      } catch (RuntimeException e) {
        file.close();
        throw new IOException("not a readable jar: " + e, e);
      }
    }

    /** Entries by name, or null when the jar is signed, multi-release or zip64. */
    private static Map<String, Entry> centralDirectory(RandomAccessFile file, long size) throws IOException {
      byte[] tail = readAt(file, size - Math.min(size, TAIL), (int) Math.min(size, TAIL));
      int end = findEnd(tail);
      if (end < 0 && size > TAIL) {
        tail = readAt(file, size - Math.min(size, MAX_END_SEARCH), (int) Math.min(size, MAX_END_SEARCH));
        end = findEnd(tail);
      }
      if (end < 0) {
        throw new ZipException("no end of central directory record (not a zip archive, or truncated)");
      }
      long tailStart = size - tail.length;
      int count = u16(tail, end + 10);
      long cenSize = u32(tail, end + 12);
      long cenOffset = u32(tail, end + 16);
      if (count == 0xFFFF || cenSize == 0xFFFFFFFFL || cenOffset == 0xFFFFFFFFL) {
        return null; // zip64: left to JarFile.
      }
      long cenStart = tailStart + end - cenSize;
      if (cenStart < 0 || cenOffset > cenStart || cenSize > Integer.MAX_VALUE) {
        throw new ZipException("central directory out of bounds");
      }
      byte[] cen;
      int pos;
      if (cenStart >= tailStart) {
        cen = tail;
        pos = (int) (cenStart - tailStart);
      } else {
        cen = readAt(file, cenStart, (int) cenSize);
        pos = 0;
      }
      int limit = pos + (int) cenSize;
      long prefix = cenStart - cenOffset; // Bytes before the archive (a launcher script, say).
      var entries = new HashMap<String, Entry>(count * 4 / 3 + 1);
      for (int i = 0; i < count; i++) {
        if (pos + CEN_SIZE > limit || u32(cen, pos) != CEN_SIGNATURE) {
          throw new ZipException("damaged central directory entry " + i);
        }
        int flags = u16(cen, pos + 8);
        int method = u16(cen, pos + 10);
        long compressed = u32(cen, pos + 20);
        long real = u32(cen, pos + 24);
        int nameLength = u16(cen, pos + 28);
        int next = pos + CEN_SIZE + nameLength + u16(cen, pos + 30) + u16(cen, pos + 32);
        long local = u32(cen, pos + 42);
        if (next > limit) {
          throw new ZipException("damaged central directory entry " + i);
        }
        if (compressed == 0xFFFFFFFFL || real == 0xFFFFFFFFL || local == 0xFFFFFFFFL) {
          return null; // zip64 entry.
        }
        // Names are UTF-8, as ZipFile and JarFile read them.
        String name = new String(cen, pos + CEN_SIZE, nameLength, StandardCharsets.UTF_8);
        if (name.startsWith("META-INF/") && (name.startsWith("META-INF/versions/") || isSignatureFile(name))) {
          return null;
        }
        if ((flags & 1) == 0 && real < Integer.MAX_VALUE - 8 && compressed < Integer.MAX_VALUE - 8) {
          // Encrypted or huge entries are left out: to the loader they do not exist.
          entries.putIfAbsent(name, new Entry(local + prefix, (int) compressed, (int) real, method));
        }
        pos = next;
      }
      return entries;
    }

    private static int findEnd(byte[] tail) {
      for (int i = tail.length - END_SIZE; i >= 0; i--) {
        if (u32(tail, i) == END_SIGNATURE) {
          return i;
        }
      }
      return -1;
    }

    /*
     * Little-endian fields read straight from the array. A plugin's first classes load while
     * this code still runs interpreted, and there each ByteBuffer.getShort or getInt was a chain
     * of a dozen calls: with a thousand plugins in a fresh JVM that was a tenth of activation.
     */
    private static int u16(byte[] bytes, int at) {
      return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] bytes, int at) {
      return ((bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16
          | (long) (bytes[at + 3] & 0xFF) << 24);
    }

    /** The names JarFile treats as signature files: {@code META-INF/*.SF|DSA|RSA|EC}, {@code META-INF/SIG-*}. */
    private static boolean isSignatureFile(String name) {
      if (name.indexOf('/', "META-INF/".length()) >= 0) {
        return false;
      }
      String upper = name.toUpperCase(Locale.ROOT);
      return upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA") || upper.endsWith(".EC")
          || upper.startsWith("META-INF/SIG-");
    }

    private static byte[] readAt(RandomAccessFile file, long position, int length) throws IOException {
      byte[] bytes = new byte[length];
      synchronized (file) { // One file position, shared by the threads loading this plugin's classes.
        file.seek(position);
        try {
          file.readFully(bytes);
        } catch (EOFException e) {
          throw new EOFException("jar ends before its entries do (truncated)");
        }
      }
      return bytes;
    }

    @Override
    public boolean contains(String name) {
      return !closed && entries.containsKey(name);
    }

    @Override
    public byte[] read(String name) throws IOException {
      Entry entry = entries.get(name);
      if (entry == null || closed) {
        return null;
      }
      // One read for the local header and the data behind it, guessing that the header's name
      // and extra field are as long as the central directory's name (they nearly always are:
      // jar tools write no local extra field); a second read only when the guess was short.
      int guess = (int) Math.min(LOC_SIZE + utf8Length(name) + (long) entry.compressedSize(),
          Math.max(LOC_SIZE, fileSize - entry.localHeader()));
      byte[] local = readAt(file, entry.localHeader(), guess);
      if (u32(local, 0) != LOC_SIGNATURE) {
        throw new ZipException("damaged local header of " + name);
      }
      int header = LOC_SIZE + u16(local, 26) + u16(local, 28);
      byte[] compressed = header + (long) entry.compressedSize() <= guess
          ? Arrays.copyOfRange(local, header, header + entry.compressedSize())
          : readAt(file, entry.localHeader() + header, entry.compressedSize());
      return switch (entry.method()) {
        case STORED -> {
          if (entry.compressedSize() != entry.size()) {
            throw new ZipException("stored entry " + name + " has two sizes");
          }
          yield compressed;
        }
        case DEFLATED -> inflate(name, compressed, entry.size());
        default -> throw new ZipException("entry " + name + " uses unsupported compression method " + entry.method());
      };
    }

    private static byte[] inflate(String name, byte[] compressed, int size) throws ZipException {
      byte[] out = new byte[size];
      Inflater inflater = INFLATERS.poll();
      if (inflater == null) {
        inflater = new Inflater(true);
      }
      boolean reusable = true;
      try {
        inflater.setInput(compressed);
        int done = 0;
        while (done < size && !inflater.finished()) {
          int n = inflater.inflate(out, done, size - done);
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            break;
          }
          done += n;
        }
        if (done != size) {
          throw new ZipException("entry " + name + " is shorter than its recorded size (damaged jar)");
        }
        return out;
      } catch (DataFormatException e) {
        throw new ZipException("entry " + name + " is damaged: " + e.getMessage());
      } catch (RuntimeException e) {
        reusable = false;
        throw e;
      } finally {
        if (reusable && INFLATERS.size() < MAX_POOLED_INFLATERS) {
          inflater.reset();
          INFLATERS.offer(inflater);
        } else {
          inflater.end();
        }
      }
    }

    /** Reads the entry whole: plugin resources are small, and the stream then needs no closing. */
    @Override
    public InputStream stream(String name) throws IOException {
      byte[] bytes = read(name);
      return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      file.close();
    }
  }

  /** A signed or multi-release jar, read by the JDK with verification on. */
  record Verified(JarFile jar) implements PluginJar {
    @Override
    public boolean contains(String name) {
      return entry(name) != null;
    }

    @Override
    public byte[] read(String name) throws IOException {
      ZipEntry entry = entry(name);
      if (entry == null) {
        return null;
      }
      try (InputStream in = jar.getInputStream(entry)) {
        // The size from the central directory allocates once; readAllBytes grows buffers and copies.
        long size = entry.getSize();
        return size >= 0 && size < Integer.MAX_VALUE ? in.readNBytes((int) size) : in.readAllBytes();
      } catch (IllegalStateException closed) {
        return null;
      }
    }

    @Override
    public InputStream stream(String name) throws IOException {
      ZipEntry entry = entry(name);
      try {
        return entry == null ? null : jar.getInputStream(entry);
      } catch (IllegalStateException closed) {
        return null;
      }
    }

    /** The jar's entry, or null when absent or the jar was closed. */
    private ZipEntry entry(String name) {
      try {
        return jar.getEntry(name);
      } catch (IllegalStateException closed) {
        return null; // Like a closed URLClassLoader: a late lookup finds nothing instead of throwing.
      }
    }

    @Override
    public void close() throws IOException {
      jar.close();
    }
  }
}
