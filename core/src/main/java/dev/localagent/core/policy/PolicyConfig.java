package dev.localagent.core.policy;

import dev.localagent.core.config.ConfigSection;
import dev.localagent.core.error.LocalAgentException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code policy} section of config.yaml: a mode per tool ({@code allow}, {@code ask},
 * {@code deny}; a key may end in {@code *}), argv rules for shell.exec, and whether to write the
 * audit log. Tools not listed use the built-in defaults: reads allowed, everything else asks.
 *
 * <pre>
 * policy:
 *   tools: { fs.write: allow, "mcp.*": deny }
 *   allow_commands: ["git status **", "mvn -q **", "ls **"]
 *   deny_commands: ["rm -rf **"]
 *   audit: true
 * </pre>
 */
public record PolicyConfig(
    Map<String, String> tools, List<String> allowCommands, List<String> denyCommands, boolean audit) {
  static final Set<String> MODES = Set.of("allow", "ask", "deny");

  public static final PolicyConfig DEFAULT =
      new PolicyConfig(Map.of(), List.of(), List.of("sudo **", "su **", "doas **"), true);

  public static final ConfigSection<PolicyConfig> SECTION =
      new ConfigSection<>("policy", PolicyConfig.class, DEFAULT);

  /**
   * @throws LocalAgentException (LA-POLICY-004) for an unknown mode or a rule that is not plain words
   */
  public PolicyConfig {
    tools = tools == null ? Map.of() : Map.copyOf(tools);
    allowCommands = allowCommands == null ? List.of() : List.copyOf(allowCommands);
    denyCommands = denyCommands == null ? List.of() : List.copyOf(denyCommands);
    tools.forEach((tool, mode) -> {
      if (!MODES.contains(mode)) {
        throw new LocalAgentException(PolicyErrors.BAD_CONFIG,
            "policy.tools." + tool + " is '" + mode + "'", "use one of allow, ask, deny");
      }
    });
    allowCommands.forEach(rule -> CommandRule.parse("policy.allow_commands", rule));
    denyCommands.forEach(rule -> CommandRule.parse("policy.deny_commands", rule));
  }
}
