package dev.localagent.core.plugin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Builds real plugin jars for tests: Java sources compiled with the JDK compiler against the test
 * class path (which holds the api classes), plus a plugin.json written from the builder's fields
 * or given verbatim.
 */
public final class PluginJarBuilder {
  private final String id;
  private String version = "1.0.0";
  private String api = "1.0";
  private String entry;
  private final List<String> dependencies = new ArrayList<>();
  private final List<String> tools = new ArrayList<>();
  private final List<String> commands = new ArrayList<>();
  private final List<String> providers = new ArrayList<>();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();
  private final Map<String, String> compileOnly = new LinkedHashMap<>();
  private String rawManifest;

  private PluginJarBuilder(String id) {
    this.id = id;
  }

  public static PluginJarBuilder plugin(String id) {
    return new PluginJarBuilder(id);
  }

  public PluginJarBuilder version(String v) {
    version = v;
    return this;
  }

  public PluginJarBuilder api(String v) {
    api = v;
    return this;
  }

  public PluginJarBuilder entry(String className) {
    entry = className;
    return this;
  }

  public PluginJarBuilder dependsOn(String depId, String range) {
    dependencies.add("{\"id\":\"" + depId + "\",\"version\":\"" + range + "\"}");
    return this;
  }

  public PluginJarBuilder optionallyDependsOn(String depId, String range) {
    dependencies.add("OPT{\"id\":\"" + depId + "\",\"version\":\"" + range + "\"}");
    return this;
  }

  public PluginJarBuilder tool(String name, String description) {
    tools.add("{\"name\":\"" + name + "\",\"description\":\"" + description
        + "\",\"parameters\":{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}}");
    return this;
  }

  public PluginJarBuilder command(String name, String help) {
    commands.add("{\"name\":\"" + name + "\",\"help\":\"" + help + "\"}");
    return this;
  }

  public PluginJarBuilder provider(String providerId) {
    providers.add("\"" + providerId + "\"");
    return this;
  }

  /** Adds a class compiled from {@code source}; the first one is the entry class by default. */
  public PluginJarBuilder source(String className, String source) {
    sources.put(className, source);
    if (entry == null) {
      entry = className;
    }
    return this;
  }

  /** A source needed to compile this plugin (e.g. a dependency's class) but not packed into it. */
  public PluginJarBuilder compileAgainst(String className, String source) {
    compileOnly.put(className, source);
    return this;
  }

  public PluginJarBuilder rawManifest(String json) {
    rawManifest = json;
    return this;
  }

  public PluginJarBuilder entryBytes(String path, byte[] bytes) {
    extraEntries.put(path, bytes);
    return this;
  }

  public String manifestJson() {
    if (rawManifest != null) {
      return rawManifest;
    }
    var required = dependencies.stream().filter(d -> !d.startsWith("OPT")).toList();
    var optional = dependencies.stream().filter(d -> d.startsWith("OPT")).map(d -> d.substring(3)).toList();
    return "{\"id\":\"" + id + "\",\"version\":\"" + version + "\",\"api_version\":\"" + api
        + "\",\"description\":\"test plugin " + id + "\",\"entry\":\"" + (entry == null ? "x.Missing" : entry)
        + "\",\"dependencies\":[" + String.join(",", required) + "],\"optional_dependencies\":["
        + String.join(",", optional) + "],\"provides\":{\"tools\":[" + String.join(",", tools)
        + "],\"commands\":[" + String.join(",", commands) + "],\"providers\":[" + String.join(",", providers)
        + "]},\"permissions\":{\"paths\":[\"$WORKDIR/**\"],\"exec\":false,\"network\":[]}}";
  }

  /** Writes the jar to {@code dir/<id>.jar} (or {@code fileName}) and returns its path. */
  public Path writeTo(Path dir) {
    return writeTo(dir, id + ".jar");
  }

  public Path writeTo(Path dir, String fileName) {
    var all = new LinkedHashMap<>(sources);
    all.putAll(compileOnly);
    var classes = new LinkedHashMap<>(sources.isEmpty() ? Map.<String, byte[]>of() : SourceCompiler.compile(all));
    classes.keySet().removeIf(name -> compileOnly.keySet().stream().anyMatch(c -> name.equals(c) || name.startsWith(c + "$")));
    try {
      Files.createDirectories(dir);
      Path jar = dir.resolve(fileName);
      try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
        put(out, "META-INF/localagent/plugin.json", manifestJson().getBytes(StandardCharsets.UTF_8));
        for (var e : classes.entrySet()) {
          put(out, e.getKey().replace('.', '/') + ".class", e.getValue());
        }
        for (var e : extraEntries.entrySet()) {
          put(out, e.getKey(), e.getValue());
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }
}
