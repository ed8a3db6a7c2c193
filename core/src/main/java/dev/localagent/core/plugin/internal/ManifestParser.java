package dev.localagent.core.plugin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.plugin.PluginErrors;
import dev.localagent.core.plugin.PluginFailure;
import dev.localagent.core.plugin.PluginManifest;
import dev.localagent.core.plugin.PluginManifest.CommandDecl;
import dev.localagent.core.plugin.PluginManifest.Dependency;
import dev.localagent.core.plugin.PluginManifest.Permissions;
import dev.localagent.core.plugin.SemVer;
import dev.localagent.core.plugin.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns plugin.json text into a {@link PluginManifest}, or says exactly which field is wrong. */
public final class ManifestParser {
  // Only loaded on a cold start or for changed jars: a warm start never touches Jackson.
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern CLASS = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

  /** Thrown for an invalid manifest; carries the failure to report. */
  public static final class BadManifest extends Exception {
    private static final long serialVersionUID = 1L;

    BadManifest(String message) {
      super(message);
    }

    public PluginFailure failure(String where) {
      return new PluginFailure(
          PluginErrors.BAD_MANIFEST,
          where + ": " + getMessage(),
          "fix " + PluginManifest.PATH + " in the plugin (see docs/PLUGINS.md) or remove the jar");
    }
  }

  private ManifestParser() {}

  public static PluginManifest parse(byte[] json) throws BadManifest {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BadManifest("not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new BadManifest("cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadManifest("must be a JSON object");
    }
    String id = required(root, "id", ID, "lower-case letters, digits, '.', '_' or '-'");
    String version = required(root, "version", null, null);
    check(() -> SemVer.parse(version), "version");
    String apiVersion = required(root, "api_version", null, null);
    String entry = required(root, "entry", CLASS, "a fully qualified class name");
    JsonNode provides = root.path("provides");
    return new PluginManifest(
        id,
        version,
        apiVersion,
        root.path("description").asText(""),
        entry,
        dependencies(root),
        tools(provides.path("tools")),
        commands(provides.path("commands")),
        names(provides.path("providers"), "provides.providers"),
        permissions(root.path("permissions")));
  }

  private static List<Dependency> dependencies(JsonNode root) throws BadManifest {
    var deps = new ArrayList<Dependency>();
    addDependencies(root.path("dependencies"), false, deps);
    addDependencies(root.path("optional_dependencies"), true, deps);
    return deps;
  }

  private static void addDependencies(JsonNode array, boolean optional, List<Dependency> into)
      throws BadManifest {
    String field = optional ? "optional_dependencies" : "dependencies";
    for (JsonNode node : array(array, field)) {
      String id = required(node, "id", ID, "a plugin id");
      String range = node.path("version").asText("*");
      check(() -> VersionRange.parse(range), field + "." + id + ".version");
      into.add(new Dependency(id, range, optional));
    }
  }

  private static List<ToolSpec> tools(JsonNode array) throws BadManifest {
    var tools = new ArrayList<ToolSpec>();
    for (JsonNode node : array(array, "provides.tools")) {
      String name = required(node, "name", NAME, "letters, digits, '_' or '-', at most 64");
      JsonNode schema = node.path("parameters");
      if (!schema.isMissingNode() && !schema.isObject()) {
        throw new BadManifest("tool '" + name + "': parameters must be a JSON Schema object");
      }
      tools.add(
          new ToolSpec(
              name, node.path("description").asText(""), schema.isObject() ? schema.toString() : null));
    }
    return tools;
  }

  private static List<CommandDecl> commands(JsonNode array) throws BadManifest {
    var commands = new ArrayList<CommandDecl>();
    for (JsonNode node : array(array, "provides.commands")) {
      commands.add(new CommandDecl(required(node, "name", NAME, "a command name"), node.path("help").asText("")));
    }
    return commands;
  }

  private static Permissions permissions(JsonNode node) throws BadManifest {
    if (node.isMissingNode()) {
      return Permissions.NONE;
    }
    return new Permissions(
        strings(node.path("paths"), "permissions.paths"),
        node.path("exec").asBoolean(false),
        strings(node.path("network"), "permissions.network"));
  }

  private static List<String> names(JsonNode array, String field) throws BadManifest {
    var names = new ArrayList<String>();
    for (JsonNode node : array(array, field)) {
      names.add(node.isTextual() ? node.asText() : required(node, "id", NAME, "a provider id"));
    }
    return names;
  }

  private static List<String> strings(JsonNode array, String field) throws BadManifest {
    var values = new ArrayList<String>();
    for (JsonNode node : array(array, field)) {
      values.add(node.asText());
    }
    return values;
  }

  private static Iterable<JsonNode> array(JsonNode node, String field) throws BadManifest {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new BadManifest("'" + field + "' must be an array");
    }
    return node;
  }

  private static String required(JsonNode node, String field, Pattern pattern, String expected)
      throws BadManifest {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new BadManifest("required field '" + field + "' is missing or not a string");
    }
    String text = value.asText();
    if (pattern != null && !pattern.matcher(text).matches()) {
      throw new BadManifest("'" + field + "' is '" + text + "', expected " + expected);
    }
    return text;
  }

  private static void check(Runnable parse, String field) throws BadManifest {
    try {
      parse.run();
    } catch (IllegalArgumentException e) {
      throw new BadManifest("'" + field + "': " + e.getMessage());
    }
  }
}
