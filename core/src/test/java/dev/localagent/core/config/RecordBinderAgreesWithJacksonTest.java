package dev.localagent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.core.agent.AgentConfig;
import dev.localagent.core.alerts.PerformanceAlertsConfig;
import dev.localagent.core.logging.LoggingConfig;
import dev.localagent.core.mcp.McpConfig;
import dev.localagent.core.plugin.PluginsConfig;
import dev.localagent.core.policy.PolicyConfig;
import dev.localagent.core.provider.ProvidersConfig;
import dev.localagent.core.session.SessionsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader binds sections by hand ({@link RecordBinder}) since Jackson databind cost ~400 ms of
 * every start. Here both bind the same files: every value of a wide list, in every kind of field,
 * must give the same record or the same error (code, key path, location, expected, found, hint).
 */
class RecordBinderAgreesWithJacksonTest {
  enum Level { LOW, HIGH }

  record Inner(String url, int port) {
    Inner(String url) {
      this(url, 1);
    }

    Inner {
      if (port > 65_535) {
        throw new IllegalArgumentException("port must be <= 65535, was " + port);
      }
    }
  }

  record Probe(int count, long big, double ratio, boolean flag, Integer boxed, Level level, String name,
      List<String> tags, Map<String, Integer> limits, Secret key, Duration pause, ByteSize size, Inner inner,
      List<Inner> inners, Map<String, Object> free) {
    static final Probe DEFAULT = new Probe(1, 2L, 0.5, true, 3, Level.LOW, "n", List.of("t"), Map.of("a", 1),
        Secret.NONE, Duration.ofSeconds(2), ByteSize.ofMegabytes(1), new Inner("u", 80), List.of(), Map.of());
  }

  static final ConfigSection<Probe> PROBE = new ConfigSection<>("probe", Probe.class, Probe.DEFAULT);

  static final ConfigSchema SCHEMA = ConfigSchema.of(PROBE, LoggingConfig.SECTION, PerformanceAlertsConfig.SECTION,
      SessionsConfig.SECTION, ProvidersConfig.SECTION, AgentConfig.SECTION, PluginsConfig.SECTION,
      PolicyConfig.SECTION, McpConfig.SECTION);

  static final List<String> VALUES = List.of("1", "-3", "0", "9999999999", "99999999999999999999999", "1.5", "1e3",
      "-0.0", ".inf", "true", "false", "\"12\"", "\" 12 \"", "\"+5\"", "\"1.5\"", "\"x\"", "\"\"", "\"null\"", "~",
      "[1, 2]", "[]", "{a: 1}", "{}", "\"True\"", "\"FALSE\"", "\"yes\"", "0x10", "\"0x10\"", "2", "7", "-1", "high",
      "HiGh", "\"2s\"", "2s", "500MB", "\"500 mb\"", "{env: K}", "{env: MISSING}", "{file: /nonexistent/k}",
      "{env: K, file: f}", "{x: 1}", "\"redis://a\"", "{url: u, port: 70000}", "{url: u, port: x}", "[{url: u}]",
      "[{url: u, port: 70000}, {url: v}]", "[{url: u, port: [1]}]", "[a, ~]", "[1, {a: 1}]", "{a: x}", "{a: ~}",
      "{a: {b: 1}}");

  @TempDir Path temp;

  @Test
  void everyFieldOfAProbeRecordBindsEveryValueAsJacksonDid() throws Exception {
    var disagreements = new ArrayList<String>();
    for (var component : Probe.class.getRecordComponents()) {
      String key = UnknownKeys.snakeCase(component.getName());
      for (String value : VALUES) {
        compare("probe:\n  " + key + ": " + value + "\n", PROBE, disagreements);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void everyShippedCoreSectionBindsSampleFilesAsJacksonDid() throws Exception {
    var disagreements = new ArrayList<String>();
    var files = List.of("", "logging: {level: DEBUG, file: \" /tmp/x \"}", "logging: {level: 9}",
        "performance_alerts: {interval: 5ms}", "performance_alerts: {error_rate: {warning_percent: 20}}",
        "performance_alerts: {memory_usage: {warning: 2GB}, plugin_loading: {plugins: \"10\"}}",
        "sessions: {fsync: sometimes}", "sessions: {fsync_interval_ms: 1.5}",
        "providers: {entries: [{name: a, kind: openai, base_url: \"http://h:1/\", api_key: {env: K}}]}",
        "providers: {entries: [{name: a}, {name: a}]}", "providers: {entries: [{name: a, num_ctx: x}]}",
        "providers: {entries: [{kind: ollama}]}", "providers: {entries: [{name: b, base_url: ftp://x}]}",
        "agent: {max_steps: -1, system_prompt: hi}", "agent: {max_steps: {}}",
        "plugins: {extra_dirs: [a, b], disabled: x, settings: {p: {k: [1, {a: 2}]}}}",
        "plugins: {settings: {p: 1}}", "policy: {tools: {fs.write: allow, x: maybe}}",
        "policy: {allow_commands: [\"git status **\"], audit: \"false\"}",
        "mcp: {servers: {s: {command: [npx, x], env: {A: {env: K}}}}, call_timeout: 3s}",
        "mcp: {servers: {s: {url: \"http://h/\", headers: {H: 5}}}}", "mcp: {servers: {\"bad name\": {url: x}}}",
        "mcp: {servers: {s: {}}}", "mcp: {startup_timeout: 0s}");
    for (String file : files) {
      for (var section : SCHEMA.sections()) {
        compare(file + "\n", section, disagreements);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void defaultsAreWrittenAsTheSameTreeJacksonWrote() {
    var mapper = JacksonConfigMapper.create();
    for (var section : SCHEMA.sections()) {
      assertThat(PlainTree.of(section.defaults())).as(section.key())
          .isEqualTo(mapper.convertValue(section.defaults(), LinkedHashMap.class));
    }
  }

  private void compare(String yaml, ConfigSection<?> section, List<String> disagreements) throws IOException {
    Map<String, String> env = Map.of("K", "secret-value", "HOME", temp.toString());
    Path file = Files.writeString(temp.resolve("config.yaml"), yaml);
    var dirs = new Dirs(temp.resolve("c"), temp.resolve("d"), temp.resolve("s"), temp.resolve("w"));
    var load = new ConfigLoader(ConfigSchema.of(section))
        .load(new ConfigLoader.Inputs(dirs, Optional.of(file), env, List.of()));
    Object ours = load.config().<Object>map(c -> c.section(section)).orElse(null);
    List<ConfigProblem> ourErrors = load.errors();

    var jackson = jacksonBind(yaml, file.toString(), section, env);
    Object theirs = jackson instanceof ConfigProblem ? null : jackson;
    List<ConfigProblem> theirErrors = jackson instanceof ConfigProblem p ? List.of(improved(p, ourErrors)) : List.of();
    if (!String.valueOf(ours).equals(String.valueOf(theirs)) || !ourErrors.equals(theirErrors)
        || (ours != null && !ours.equals(theirs))) {
      disagreements.add(section.key() + " <- " + yaml.strip() + "\n    ours:    " + ours + " " + ourErrors
          + "\n    jackson: " + theirs + " " + theirErrors);
    }
  }

  /**
   * The one intended difference: inside a list, the Jackson binding looked the found value up by
   * a dotted path that cannot hold an index and always said "nothing (null)"; ours names the value.
   */
  private static ConfigProblem improved(ConfigProblem theirs, List<ConfigProblem> ours) {
    if (theirs.keyPath().contains("[") && theirs.found().equals("nothing (null)") && ours.size() == 1) {
      return new ConfigProblem(theirs.severity(), theirs.code(), theirs.location(), theirs.keyPath(),
          theirs.expected(), ours.getFirst().found(), theirs.hint());
    }
    return theirs;
  }

  /** The loader's steps before RecordBinder, for one file layer: defaults, file, strip, Jackson. */
  private static Object jacksonBind(String yaml, String source, ConfigSection<?> section, Map<String, String> env)
      throws IOException {
    var mapper = JacksonConfigMapper.create();
    var merged = ConfigTree.empty();
    merged.root().put(section.key(), mapper.convertValue(section.defaults(), LinkedHashMap.class));
    var layer = YamlLayer.parse(source, yaml, env);
    merged.mergeFrom(layer.tree());
    merged.root().keySet().removeIf(k -> !k.equals(section.key()));
    Object node = merged.root().get(section.key());
    UnknownKeys.strip(merged, section.key(), node, section.type(), new ArrayList<>());
    try {
      return mapper.readerFor(section.type()).withAttribute(JacksonConfigMapper.ENV_ATTRIBUTE, env)
          .readValue((JsonNode) mapper.valueToTree(node));
    } catch (JsonMappingException e) {
      return JacksonBindingErrors.describe(e, section, merged);
    } catch (IOException e) {
      return JacksonBindingErrors.describe(new JsonMappingException(null, e.getMessage(), e), section, merged);
    }
  }
}
