package dev.localagent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  record Endpoint(String name, int port) {}

  record ProviderSettings(Secret apiKey, List<Endpoint> endpoints, Map<String, Object> extra) {
    static final ProviderSettings DEFAULT = new ProviderSettings(Secret.NONE, List.of(), Map.of());
  }

  static final ConfigSection<ProviderSettings> SECTION =
      new ConfigSection<>("provider", ProviderSettings.class, ProviderSettings.DEFAULT);

  @TempDir Path temp;
  final Map<String, String> env = new HashMap<>();

  private ConfigLoad load(String yaml) throws Exception {
    env.put("HOME", temp.toString());
    Path file = Files.writeString(temp.resolve("config.yaml"), yaml);
    var dirs = new Dirs(temp.resolve("c"), temp.resolve("d"), temp.resolve("s"), temp.resolve("w"));
    return new ConfigLoader(ConfigSchema.of(SECTION))
        .load(new ConfigLoader.Inputs(dirs, Optional.of(file), env, List.of()));
  }

  @Test
  void secretFromAnEnvironmentVariableIsResolvedAndNeverPrinted() throws Exception {
    env.put("TEST_API_KEY", "sk-12345");

    var config = load("provider:\n  api_key: {env: TEST_API_KEY}\n").orThrow();

    Secret key = config.section(SECTION).apiKey();
    assertThat(key.reveal()).isEqualTo("sk-12345");
    assertThat(key.origin()).isEqualTo("env TEST_API_KEY");
    assertThat(key.toString()).isEqualTo("********");
    assertThat(config.section(SECTION).toString()).doesNotContain("sk-12345");
    assertThat(config.redactedTree().toString()).doesNotContain("sk-12345").contains("api_key=********");
  }

  @Test
  void secretFromAFileUnderHomeIsReadAndStripped() throws Exception {
    Files.createDirectories(temp.resolve(".secrets"));
    Files.writeString(temp.resolve(".secrets/key"), "from-file\n");

    var config = load("provider:\n  api_key: {file: ~/.secrets/key}\n").orThrow();

    assertThat(config.section(SECTION).apiKey().reveal()).isEqualTo("from-file");
  }

  @Test
  void secretWrittenAsVariableReferenceIsExpanded() throws Exception {
    env.put("TOKEN", "t0k3n");

    assertThat(load("provider:\n  api_key: ${TOKEN}\n").orThrow().section(SECTION).apiKey().reveal())
        .isEqualTo("t0k3n");
  }

  @Test
  void missingSecretVariableIsALocatedError() throws Exception {
    var result = load("provider:\n  api_key:\n    env: NOT_SET_ANYWHERE\n");

    assertThat(result.ok()).isFalse();
    var error = result.errors().getFirst();
    assertThat(error.code()).isEqualTo(ConfigErrors.MISSING_ENV);
    assertThat(error.keyPath()).isEqualTo("provider.api_key");
    assertThat(error.location().line()).isEqualTo(2);
    assertThat(error.describe()).contains("NOT_SET_ANYWHERE").doesNotContain("Exception");
  }

  @Test
  void missingSecretFileIsALocatedError() throws Exception {
    var result = load("provider:\n  api_key: {file: /nonexistent/key}\n");

    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(ConfigErrors.UNREADABLE);
      assertThat(e.describe()).contains("config.yaml:2:3").contains("/nonexistent/key");
    });
  }

  @Test
  void errorsInsideListsNameTheIndex() throws Exception {
    var result = load("provider:\n  endpoints:\n    - {name: a, port: 1}\n    - {name: b, port: x}\n");

    assertThat(result.errors()).singleElement().satisfies(e -> {
      assertThat(e.keyPath()).isEqualTo("provider.endpoints[1].port");
      assertThat(e.location().line()).isEqualTo(4);
      assertThat(e.expected()).isEqualTo("an integer");
      assertThat(e.found()).isEqualTo("\"x\"");
    });
  }

  @Test
  void unknownKeysInsideListElementsWarnButFreeFormMapsAcceptAnything() throws Exception {
    var result = load("provider:\n  endpoints:\n    - {name: a, port: 1, prot: 1}\n  extra: {anything: [1, 2]}\n");

    assertThat(result.ok()).isTrue();
    assertThat(result.warnings()).singleElement().satisfies(w -> {
      assertThat(w.keyPath()).isEqualTo("provider.endpoints[0].prot");
      assertThat(w.hint()).contains("did you mean 'port'?");
    });
    assertThat(result.orThrow().section(SECTION).extra()).containsEntry("anything", List.of(1, 2));
  }

  @Test
  void aDocumentThatIsNotAMappingIsRejected() throws Exception {
    var result = load("- just\n- a list\n");

    assertThat(result.errors()).singleElement()
        .satisfies(e -> assertThat(e.describe()).contains("expected a mapping of sections, found a list"));
  }

  @Test
  void emptyFileMeansDefaults() throws Exception {
    var result = load("# nothing yet\n");

    assertThat(result.problems()).isEmpty();
    assertThat(result.orThrow().section(SECTION)).isEqualTo(ProviderSettings.DEFAULT);
  }

  @Test
  void environmentKeysUseDoubleUnderscoreForNesting() {
    assertThat(ConfigLoader.envKeyPath("LOCALAGENT_GATEWAY__PORT")).isEqualTo("gateway.port");
    assertThat(ConfigLoader.envKeyPath("LOCALAGENT_PERFORMANCE_ALERTS__ERROR_RATE__WARNING_PERCENT"))
        .isEqualTo("performance_alerts.error_rate.warning_percent");
  }

  @Test
  void expanderLeavesEscapedReferencesLiteral() {
    var missing = new java.util.ArrayList<String>();
    var expander = new EnvExpander(Map.of("A", "1", "EMPTY", ""));

    assertThat(expander.expand("x${A}y $${A} ${EMPTY:-d} ${B:-} ${C}", missing::add)).isEqualTo("x1y ${A} d  ");
    assertThat(missing).containsExactly("C");
  }
}
