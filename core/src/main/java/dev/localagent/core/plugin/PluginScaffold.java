package dev.localagent.core.plugin;

import dev.localagent.api.LocalAgentApi;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.plugin.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a new plugin project: a Maven pom that compiles against the api jar, the manifest, a
 * plugin class with one tool, and a JUnit test of that tool.
 */
public final class PluginScaffold {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  private PluginScaffold() {}

  /**
   * Creates {@code dir} with the project for plugin {@code id}.
   *
   * @return the files written, relative to {@code dir}
   * @throws LocalAgentException when the id is invalid or {@code dir} exists and is not empty
   */
  public static List<Path> create(Path dir, String id, String apiArtifactVersion) {
    if (!ID.matcher(id).matches()) {
      throw new LocalAgentException(PluginErrors.INSTALL_REFUSED, "'" + id + "' is not a valid plugin id",
          "use lower-case letters, digits and '-', starting with a letter, e.g. word-count");
    }
    try {
      if (Files.isDirectory(dir) && Files.list(dir).findAny().isPresent()) {
        throw new LocalAgentException(PluginErrors.INSTALL_REFUSED, dir + " already exists and is not empty",
            "choose another directory with --dir or remove it");
      }
      var files = files(id, apiArtifactVersion);
      for (var file : files.entrySet()) {
        AtomicFiles.write(dir.resolve(file.getKey()), file.getValue().getBytes(StandardCharsets.UTF_8));
      }
      return files.keySet().stream().map(Path::of).toList();
    } catch (IOException e) {
      throw new LocalAgentException(dev.localagent.core.error.GeneralErrors.IO,
          "cannot write the plugin project to " + dir + ": " + e.getMessage(), "check that the directory is writable", e);
    }
  }

  /** The Java package for a plugin id: {@code word-count} becomes {@code plugin.word_count}. */
  public static String packageFor(String id) {
    return "plugin." + id.replace('-', '_');
  }

  /** {@code word-count} becomes {@code WordCount}. */
  public static String classPrefix(String id) {
    var name = new StringBuilder();
    for (String part : id.split("-")) {
      if (!part.isEmpty()) name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }

  private static Map<String, String> files(String id, String apiVersion) {
    String pkg = packageFor(id);
    String path = pkg.replace('.', '/');
    String prefix = classPrefix(id);
    String tool = id.replace('-', '_');
    var files = new LinkedHashMap<String, String>();
    files.put("pom.xml", ScaffoldTemplates.pom(id, apiVersion));
    files.put("src/main/resources/" + PluginManifest.PATH,
        ScaffoldTemplates.manifest(id, LocalAgentApi.VERSION, pkg + "." + prefix + "Plugin", tool));
    files.put("src/main/java/" + path + "/" + prefix + "Plugin.java", ScaffoldTemplates.plugin(pkg, prefix));
    files.put("src/main/java/" + path + "/" + prefix + "Tool.java", ScaffoldTemplates.tool(pkg, prefix, tool));
    files.put("src/test/java/" + path + "/" + prefix + "ToolTest.java", ScaffoldTemplates.test(pkg, prefix));
    return files;
  }
}
