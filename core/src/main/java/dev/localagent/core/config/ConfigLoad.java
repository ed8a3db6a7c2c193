package dev.localagent.core.config;

import dev.localagent.core.error.LocalAgentException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What loading produced: the bound configuration when there were no errors, every problem found
 * (errors and warnings, in file order), and the files that were read, lowest layer first.
 */
public record ConfigLoad(Optional<LoadedConfig> config, List<ConfigProblem> problems, List<Path> files) {
  public ConfigLoad {
    problems = List.copyOf(problems);
    files = List.copyOf(files);
  }

  public List<ConfigProblem> errors() {
    return problems.stream().filter(ConfigProblem::isError).toList();
  }

  public List<ConfigProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  public boolean ok() {
    return config.isPresent();
  }

  /** The configuration, or the exception that tells the user every error and what to do. */
  public LoadedConfig orThrow() {
    return config.orElseThrow(this::failure);
  }

  public LocalAgentException failure() {
    var errors = errors();
    var first = errors.getFirst();
    var message = new StringBuilder("invalid configuration: ").append(first.describe());
    for (var more : errors.subList(1, errors.size())) {
      message.append(System.lineSeparator()).append("  ").append(more.describe());
    }
    return new LocalAgentException(first.code(), message.toString(),
        "fix the file named above (it was not changed); 'localagent config validate' rechecks it");
  }
}
