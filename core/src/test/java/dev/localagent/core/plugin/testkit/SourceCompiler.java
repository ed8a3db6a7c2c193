package dev.localagent.core.plugin.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Compiles Java sources in memory against the test class path; results are cached by source. */
public final class SourceCompiler {
  private static final Map<Map<String, String>, Map<String, byte[]>> CACHE = new ConcurrentHashMap<>();

  private SourceCompiler() {}

  /** Class name to class file bytes, for every class the sources define (nested ones too). */
  public static Map<String, byte[]> compile(Map<String, String> sources) {
    return CACHE.computeIfAbsent(Map.copyOf(sources), SourceCompiler::doCompile);
  }

  private static Map<String, byte[]> doCompile(Map<String, String> sources) {
    var compiler = ToolProvider.getSystemJavaCompiler();
    var outputs = new HashMap<String, ByteArrayOutputStream>();
    var standard = compiler.getStandardFileManager(null, null, null);
    JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location l, String name, JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), kind) {
          @Override
          public OutputStream openOutputStream() {
            return outputs.computeIfAbsent(name, n -> new ByteArrayOutputStream());
          }
        };
      }
    };
    var units = new ArrayList<JavaFileObject>();
    sources.forEach((name, code) -> units.add(
        new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
          }
        }));
    var log = new StringWriter();
    var options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none", "--release", "25");
    if (!compiler.getTask(log, manager, null, options, null, units).call()) {
      throw new IllegalStateException("test plugin sources do not compile:\n" + log);
    }
    var classes = new HashMap<String, byte[]>();
    outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    return classes;
  }
}
