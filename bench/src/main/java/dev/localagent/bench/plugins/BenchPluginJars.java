package dev.localagent.bench.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Generates real plugin jars for the plugin benchmark. Each jar holds a LocalAgent manifest and
 * a PF4J manifest, a LocalAgent entry class whose tool is named after the plugin, a PF4J plugin
 * class, and a bundled library class both entry classes call when they start. The classes are
 * compiled once per run with the JDK compiler and written into every jar.
 */
final class BenchPluginJars {
  private static final Map<String, String> SOURCES = Map.of(
      "bench.gen.lib.Checksum", """
          package bench.gen.lib;
          /** The "bundled library": a small class the plugin loads from its own jar. */
          public final class Checksum {
            public static long of(String text) {
              long h = 1125899906842597L;
              for (int i = 0; i < text.length(); i++) h = 31 * h + text.charAt(i);
              return h;
            }
          }
          """,
      "bench.gen.BenchTool", """
          package bench.gen;
          import dev.localagent.api.tool.*;
          // String.concat, not '+': an indy concatenation bootstraps once per class loader, which
          // would measure the JDK's StringConcatFactory rather than either plugin system.
          public final class BenchTool implements Tool {
            private final String id;
            private final long seed;
            public BenchTool(String id) { this.id = id; this.seed = bench.gen.lib.Checksum.of(id); }
            @Override public ToolSpec spec() { return new ToolSpec("tool_".concat(id.replace('-', '_')), "bench", null); }
            @Override public ToolResult call(ToolRequest r, ToolOutput o) { return ToolResult.success(id.concat(":").concat(Long.toString(seed))); }
          }
          """,
      "bench.gen.BenchPlugin", """
          package bench.gen;
          import dev.localagent.api.plugin.*;
          import dev.localagent.api.tool.*;
          import java.util.List;
          public final class BenchPlugin implements Plugin {
            private volatile Tool tool;
            @Override public void start(PluginContext context) { tool = new BenchTool(context.pluginId()); }
            @Override public List<Tool> tools() { return List.of(tool); }
          }
          """,
      "bench.gen.Pf4jBenchPlugin", """
          package bench.gen;
          /** The same work as BenchPlugin: create the tool (loading the bundled library) and ask its spec. */
          public final class Pf4jBenchPlugin extends org.pf4j.Plugin {
            private volatile dev.localagent.api.tool.Tool tool;
            @SuppressWarnings("deprecation") public Pf4jBenchPlugin(org.pf4j.PluginWrapper wrapper) { super(wrapper); }
            @Override public void start() { tool = new BenchTool(getWrapper().getPluginId()); tool.spec(); }
          }
          """);

  private final Map<String, byte[]> classes;

  BenchPluginJars() {
    this.classes = compile();
  }

  /** Writes plugins {@code bench-00000 .. bench-(n-1)} into {@code dir}. */
  List<Path> write(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    var jars = new ArrayList<Path>(n);
    for (int i = 0; i < n; i++) {
      String id = "bench-%05d".formatted(i);
      Path jar = dir.resolve(id + ".jar");
      try (var out = new JarOutputStream(Files.newOutputStream(jar), pf4jManifest(id))) {
        put(out, "META-INF/localagent/plugin.json", manifest(id).getBytes(StandardCharsets.UTF_8));
        for (var c : classes.entrySet()) {
          put(out, c.getKey().replace('.', '/') + ".class", c.getValue());
        }
      }
      jars.add(jar);
    }
    return jars;
  }

  private static String manifest(String id) {
    String tool = "tool_" + id.replace('-', '_');
    return """
        {"id":"%s","version":"1.0.0","api_version":"1.0","description":"generated benchmark plugin %s",
         "entry":"bench.gen.BenchPlugin",
         "provides":{"tools":[{"name":"%s","description":"Returns the plugin id and a checksum.",
           "parameters":{"type":"object","properties":{"text":{"type":"string","description":"ignored"}}}}]},
         "permissions":{"paths":[],"exec":false,"network":[]}}
        """.formatted(id, id, tool);
  }

  private static Manifest pf4jManifest(String id) {
    var manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Plugin-Id", id);
    main.putValue("Plugin-Version", "1.0.0");
    main.putValue("Plugin-Class", "bench.gen.Pf4jBenchPlugin");
    main.putValue("Plugin-Description", "generated benchmark plugin " + id);
    return manifest;
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  private static Map<String, byte[]> compile() {
    var compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("the plugin benchmark needs a JDK (javax.tools compiler), not a JRE");
    }
    var outputs = new HashMap<String, ByteArrayOutputStream>();
    var manager = new ForwardingJavaFileManager<>(compiler.getStandardFileManager(null, null, null)) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location l, String name, JavaFileObject.Kind kind, FileObject s) {
        return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), kind) {
          @Override
          public OutputStream openOutputStream() {
            return outputs.computeIfAbsent(name, k -> new ByteArrayOutputStream());
          }
        };
      }
    };
    var units = new ArrayList<JavaFileObject>();
    SOURCES.forEach((name, code) -> units.add(new SimpleJavaFileObject(
        URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignore) {
        return code;
      }
    }));
    var log = new StringWriter();
    var options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none");
    if (!compiler.getTask(log, manager, null, options, null, units).call()) {
      throw new IllegalStateException("benchmark plugin sources do not compile:\n" + log);
    }
    var classes = new HashMap<String, byte[]>();
    outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    return classes;
  }
}
