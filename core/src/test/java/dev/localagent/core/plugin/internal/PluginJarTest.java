package dev.localagent.core.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarTest {
  @TempDir Path dir;

  private static final byte[] TEXT = "hello plugin ".repeat(200).getBytes(StandardCharsets.UTF_8);

  /**
   * Writes a zip with the given entries, deflated unless the name ends with ".stored"; a name
   * with ".extra" gets an extra field in its local header too.
   */
  private Path zip(String name, byte[] prefix, Map<String, byte[]> entries) throws IOException {
    var bytes = new ByteArrayOutputStream();
    bytes.write(prefix);
    try (var out = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        var entry = new ZipEntry(e.getKey());
        if (e.getKey().endsWith(".stored")) {
          var crc = new CRC32();
          crc.update(e.getValue());
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(e.getValue().length);
          entry.setCrc(crc.getValue());
        }
        if (e.getKey().contains(".extra")) {
          entry.setExtra(new byte[] {0x34, 0x12, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8}); // An unknown 8-byte field.
        }
        out.putNextEntry(entry);
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    Path path = dir.resolve(name);
    Files.write(path, bytes.toByteArray());
    return path;
  }

  private static Map<String, byte[]> entries(Object... nameAndBytes) {
    var map = new LinkedHashMap<String, byte[]>();
    for (int i = 0; i < nameAndBytes.length; i += 2) {
      map.put((String) nameAndBytes[i], (byte[]) nameAndBytes[i + 1]);
    }
    return map;
  }

  @Test
  void aPlainJarIsReadThroughItsCentralDirectoryWithStoredAndDeflatedEntriesAndBytesBeforeTheArchive()
      throws IOException {
    Path path = zip("plain.jar", "#!/bin/sh\nexec java -jar \"$0\"\n".getBytes(StandardCharsets.UTF_8),
        entries("a/Deflated.class", TEXT, "b/data.stored", TEXT, "empty.txt", new byte[0]));
    try (PluginJar jar = PluginJar.open(path)) {
      assertThat(jar).isInstanceOf(PluginJar.Plain.class);
      assertThat(jar.read("a/Deflated.class")).isEqualTo(TEXT);
      assertThat(jar.read("b/data.stored")).isEqualTo(TEXT);
      assertThat(jar.read("empty.txt")).isEmpty();
      assertThat(jar.stream("a/Deflated.class").readAllBytes()).isEqualTo(TEXT);
      assertThat(jar.contains("b/data.stored")).isTrue();
      assertThat(jar.contains("missing.class")).isFalse();
      assertThat(jar.read("missing.class")).isNull();
      assertThat(jar.stream("missing.class")).isNull();
      jar.close();
      assertThat(jar.contains("a/Deflated.class")).isFalse();
      assertThat(jar.read("a/Deflated.class")).isNull();
    }
  }

  @Test
  void entriesWithLocalExtraFieldsOrNonAsciiNamesReadWhole() throws IOException {
    Path path = zip("extra.jar", new byte[0], entries("a/E.extra.class", TEXT, "b/s.extra.stored", TEXT,
        "ü/Ä€.class", TEXT, "c/last.extra.stored", "x".getBytes(StandardCharsets.UTF_8)));
    try (PluginJar jar = PluginJar.open(path)) {
      assertThat(jar).isInstanceOf(PluginJar.Plain.class);
      assertThat(jar.read("a/E.extra.class")).isEqualTo(TEXT);
      assertThat(jar.read("b/s.extra.stored")).isEqualTo(TEXT);
      assertThat(jar.read("ü/Ä€.class")).isEqualTo(TEXT);
      assertThat(jar.read("c/last.extra.stored")).containsExactly('x');
    }
  }

  @Test
  void aReadOnAnInterruptedThreadSucceedsAndLeavesTheJarUsableForLaterReads() throws IOException {
    Path path = zip("interrupted.jar", new byte[0], entries("a/A.class", TEXT, "b/B.class", TEXT));
    try (PluginJar jar = PluginJar.open(path)) {
      Thread.currentThread().interrupt();
      try {
        assertThat(jar.read("a/A.class")).isEqualTo(TEXT);
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
      assertThat(jar.read("b/B.class")).isEqualTo(TEXT);
    }
  }

  @Test
  void signedAndMultiReleaseJarsAreLeftToTheJdksVerifyingReader() throws IOException {
    Path signed = zip("signed.jar", new byte[0], entries(
        "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8),
        "META-INF/SIGNER.SF", new byte[] {1}, "a/A.class", TEXT));
    Path multiRelease = zip("mr.jar", new byte[0], entries(
        "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n".getBytes(StandardCharsets.UTF_8),
        "a/A.class", TEXT, "META-INF/versions/17/a/A.class", "versioned".getBytes(StandardCharsets.UTF_8)));
    try (PluginJar s = PluginJar.open(signed); PluginJar m = PluginJar.open(multiRelease)) {
      assertThat(s).isInstanceOf(PluginJar.Verified.class);
      assertThat(m).isInstanceOf(PluginJar.Verified.class);
      assertThat(new String(m.read("a/A.class"), StandardCharsets.UTF_8)).isEqualTo("versioned");
    }
  }

  @Test
  void aTruncatedJarIsRefusedWhenOpened() throws IOException {
    Path path = zip("cut.jar", new byte[0], entries("a/A.class", TEXT, "b/B.class", TEXT));
    byte[] whole = Files.readAllBytes(path);
    Files.write(path, Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> PluginJar.open(path)).isInstanceOf(IOException.class);
    Files.write(path, "not a jar".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> PluginJar.open(path)).isInstanceOf(ZipException.class);
  }

  @Test
  void anEntryDamagedAfterOpeningIsAnErrorNotWrongBytesAndTheOtherEntriesStillRead() throws IOException {
    Path path = zip("damaged.jar", new byte[0], entries("a/A.class", TEXT, "b/B.class", TEXT));
    long dataLength;
    try (var zip = new ZipFile(path.toFile())) {
      ZipEntry a = zip.getEntry("a/A.class");
      dataLength = a.getCompressedSize();
      assertThat(a.getMethod()).isEqualTo(ZipEntry.DEFLATED);
    }
    try (PluginJar jar = PluginJar.open(path)) {
      byte[] bytes = Files.readAllBytes(path);
      var header = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      // The first entry's data follows its local header: 30 bytes, the name and the extra field.
      long dataStart = 30 + Short.toUnsignedInt(header.getShort(26)) + Short.toUnsignedInt(header.getShort(28));
      // 0xFF starts a deflate block of the reserved type 3: always invalid.
      Arrays.fill(bytes, (int) dataStart, (int) (dataStart + dataLength), (byte) 0xFF);
      try (OutputStream out = Files.newOutputStream(path, java.nio.file.StandardOpenOption.WRITE)) {
        out.write(bytes);
      }
      assertThatThrownBy(() -> jar.read("a/A.class")).isInstanceOf(ZipException.class).hasMessageContaining("a/A.class");
      assertThat(jar.read("b/B.class")).isEqualTo(TEXT);
    }
  }

  @Test
  void manyJarsReadOnManyThreadsShareInflatersWithoutMixingUpEntries() throws Exception {
    var jars = new ArrayList<PluginJar>();
    for (int i = 0; i < 16; i++) {
      jars.add(PluginJar.open(zip("j" + i + ".jar", new byte[0],
          entries("x/Id.class", ("jar " + i + " ").repeat(300).getBytes(StandardCharsets.UTF_8)))));
    }
    try (var pool = Executors.newFixedThreadPool(4)) {
      var reads = new ArrayList<Future<Boolean>>();
      for (int round = 0; round < 50; round++) {
        for (int i = 0; i < jars.size(); i++) {
          PluginJar jar = jars.get(i);
          byte[] expected = ("jar " + i + " ").repeat(300).getBytes(StandardCharsets.UTF_8);
          reads.add(pool.submit((Callable<Boolean>) () -> Arrays.equals(jar.read("x/Id.class"), expected)));
        }
      }
      List<Boolean> results = new ArrayList<>();
      for (Future<Boolean> read : reads) {
        results.add(read.get());
      }
      assertThat(results).hasSize(800).containsOnly(true);
    } finally {
      for (PluginJar jar : jars) {
        jar.close();
      }
    }
  }
}
