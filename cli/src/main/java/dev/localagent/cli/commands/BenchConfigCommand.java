package dev.localagent.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.bench.ConfigBench;
import dev.localagent.bench.StartupBench;
import dev.localagent.cli.ConfigSections;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.cli.YamlText;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench config}: parse + validate of the default config, cold and warm. */
@Command(
    name = "config",
    description = "Parse + validate the default config: cold (fresh JVM) and warm (configs/s), next to Jackson parsing the same content as a JSON dict.",
    footer = {"", "Examples:", "  localagent bench config", "  localagent bench config --seconds 5 --json"})
public final class BenchConfigCommand implements Callable<Integer> {
  static final double SEED_CONFIGS_PER_SECOND = 79_981;

  @Option(names = "--seconds", defaultValue = "3", description = "Measured seconds per warm loop (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--runs", defaultValue = "10", description = "Fresh-JVM runs for the cold figure (default: ${DEFAULT-VALUE}).")
  int runs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var root = (LocalAgentCommand) spec.root().userObject();
    var context = root.contextWithoutConfig();
    var tree = root.configLoad().orThrow().redactedTree();
    String yaml = YamlText.dump(tree);
    String json = new ObjectMapper().writeValueAsString(tree);
    var file = Files.createTempFile("bench-config", ".yaml");
    Files.writeString(file, yaml);
    String java = ProcessHandle.current().info().command().orElse("java");
    String jar = BenchSupport.cliJar().toString();
    var version = StartupBench.measure("version", List.of(java, "-XX:+UseSerialGC", "-jar", jar, "--version"), runs);
    var validate = StartupBench.measure("validate", List.of(java, "-XX:+UseSerialGC", "-jar", jar,
        "--config", file.toString(), "config", "validate"), runs);
    Files.delete(file);
    var warm = ConfigBench.run(ConfigSections.SCHEMA, yaml, json, seconds);
    var data = new LinkedHashMap<String, Object>();
    data.put("config_bytes", warm.bytes());
    data.put("cold_fresh_jvm_validate_ms", round(validate.medianMillis()));
    data.put("cold_fresh_jvm_version_ms", round(version.medianMillis()));
    data.put("cold_parse_validate_ms", round(validate.medianMillis() - version.medianMillis()));
    data.put("first_load_in_running_jvm_ms", round(warm.firstLoadMillis()));
    data.put("warm_configs_per_second", Math.round(warm.loadsPerSecond()));
    data.put("jackson_json_dict_parses_per_second", Math.round(warm.jsonParsesPerSecond()));
    data.put("seed_configs_per_second", Math.round(SEED_CONFIGS_PER_SECOND));
    context.err().println(BenchSupport.machine());
    Printer.of(context).print(data, style -> {
      var text = new StringBuilder();
      data.forEach((k, v) -> text.append(String.format("%-38s %s%n", k, v)));
      text.append(String.format("ours / Jackson JSON dict: %.2f; ours / seed: %.2f", warm.loadsPerSecond()
          / warm.jsonParsesPerSecond(), warm.loadsPerSecond() / SEED_CONFIGS_PER_SECOND));
      return text.toString();
    });
    return 0;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
