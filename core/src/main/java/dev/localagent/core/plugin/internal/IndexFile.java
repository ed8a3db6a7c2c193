package dev.localagent.core.plugin.internal;

import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginManifest;
import dev.localagent.core.plugin.PluginManifest.CommandDecl;
import dev.localagent.core.plugin.PluginManifest.Dependency;
import dev.localagent.core.plugin.PluginManifest.Permissions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery index: one binary file holding every known jar's key (path, size, mtime) and its
 * parsed manifest or failure, so a warm start reads this file instead of N jars and needs no JSON
 * parser. Length-prefixed UTF-8 strings; a version header makes an old format a cache miss.
 */
public final class IndexFile {
  private static final int MAGIC = 0x4C41_5049; // "LAPI"
  private static final int FORMAT = 1;

  private IndexFile() {}

  /** The entries by jar path; empty when the file is absent, unreadable or of another format. */
  public static Map<Path, Candidate> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      return Map.of();
    }
    try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
        return Map.of();
      }
      int count = in.readInt();
      var entries = new HashMap<Path, Candidate>(count * 2);
      for (int i = 0; i < count; i++) {
        Candidate candidate = readCandidate(in);
        entries.put(candidate.jar(), candidate);
      }
      return entries;
    } catch (IOException | RuntimeException e) {
      // A torn or foreign file is only a cache miss: discovery re-reads the jars.
      return Map.of();
    }
  }

  /** Writes the index atomically: a reader sees the old file or the new one, never a mix. */
  public static void write(Path file, List<Candidate> candidates) throws IOException {
    var buffer = new ByteArrayOutputStream(256 * candidates.size() + 16);
    try (var out = new DataOutputStream(buffer)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeInt(candidates.size());
      for (Candidate candidate : candidates) {
        writeCandidate(out, candidate);
      }
    }
    AtomicFiles.write(file, buffer.toByteArray());
  }

  private static void writeCandidate(DataOutputStream out, Candidate c) throws IOException {
    str(out, c.jar().toString());
    out.writeLong(c.size());
    out.writeLong(c.mtimeMillis());
    out.writeBoolean(c.manifest() != null);
    if (c.manifest() == null) {
      str(out, c.failure().code().id());
      str(out, c.failure().message());
      str(out, c.failure().hint());
      return;
    }
    PluginManifest m = c.manifest();
    for (String s : new String[] {m.id(), m.version(), m.apiVersion(), m.description(), m.entry()}) {
      str(out, s);
    }
    out.writeInt(m.dependencies().size());
    for (Dependency d : m.dependencies()) {
      str(out, d.id());
      str(out, d.versionRange());
      out.writeBoolean(d.optional());
    }
    out.writeInt(m.tools().size());
    for (ToolSpec t : m.tools()) {
      str(out, t.name());
      str(out, t.description());
      str(out, t.parametersSchema());
    }
    out.writeInt(m.commands().size());
    for (CommandDecl cmd : m.commands()) {
      str(out, cmd.name());
      str(out, cmd.help());
    }
    strings(out, m.providers());
    strings(out, m.permissions().paths());
    out.writeBoolean(m.permissions().exec());
    strings(out, m.permissions().network());
  }

  private static Candidate readCandidate(DataInputStream in) throws IOException {
    Path jar = Path.of(str(in));
    long size = in.readLong();
    long mtime = in.readLong();
    if (!in.readBoolean()) {
      var code = PluginErrors.byId(str(in)).orElseThrow(() -> new IOException("unknown code"));
      return new Candidate(jar, size, mtime, null, new PluginFailure(code, str(in), str(in)));
    }
    String id = str(in), version = str(in), api = str(in), description = str(in), entry = str(in);
    var deps = new ArrayList<Dependency>();
    for (int i = in.readInt(); i > 0; i--) {
      deps.add(new Dependency(str(in), str(in), in.readBoolean()));
    }
    var tools = new ArrayList<ToolSpec>();
    for (int i = in.readInt(); i > 0; i--) {
      tools.add(new ToolSpec(str(in), str(in), str(in)));
    }
    var commands = new ArrayList<CommandDecl>();
    for (int i = in.readInt(); i > 0; i--) {
      commands.add(new CommandDecl(str(in), str(in)));
    }
    List<String> providers = strings(in);
    var permissions = new Permissions(strings(in), in.readBoolean(), strings(in));
    var manifest =
        new PluginManifest(id, version, api, description, entry, deps, tools, commands, providers, permissions);
    return new Candidate(jar, size, mtime, manifest, null);
  }

  private static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      str(out, value);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    var values = new ArrayList<String>(n);
    for (int i = 0; i < n; i++) {
      values.add(str(in));
    }
    return values;
  }

  private static void str(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String str(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("corrupt string length " + length);
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
