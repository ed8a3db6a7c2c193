package dev.localagent.core.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides allow / ask / deny for a tool call from {@link PolicyConfig}. For shell.exec the
 * command is parsed into argv words first: deny rules win over everything; a command string
 * with substitutions, variables, redirects, globs or subshells always asks unless shell.exec is
 * set to {@code allow}; otherwise it is allowed when every simple command in it matches an allow
 * rule, and asks when not.
 */
public final class Policy {
  public static final String SHELL_TOOL = "shell.exec";
  private static final Set<String> READ_ONLY = Set.of("fs.read", "fs.list", "fs.glob", "fs.search");
  private static final Set<ShellWords.Feature> NEEDS_A_PERSON = EnumSet.of(
      ShellWords.Feature.SUBSTITUTION, ShellWords.Feature.VARIABLE, ShellWords.Feature.REDIRECT,
      ShellWords.Feature.SUBSHELL, ShellWords.Feature.BACKGROUND, ShellWords.Feature.GLOB,
      ShellWords.Feature.TILDE);

  private final PolicyConfig config;
  private final List<CommandRule> allow = new ArrayList<>();
  private final List<CommandRule> deny = new ArrayList<>();

  public Policy(PolicyConfig config) {
    this.config = config;
    config.allowCommands().forEach(rule -> allow.add(CommandRule.parse("policy.allow_commands", rule)));
    config.denyCommands().forEach(rule -> deny.add(CommandRule.parse("policy.deny_commands", rule)));
  }

  /** The configured or default mode of a tool: allow, ask or deny. */
  public String modeOf(String tool) {
    String exact = config.tools().get(tool);
    if (exact != null) {
      return exact;
    }
    Optional<String> byPrefix = config.tools().entrySet().stream()
        .filter(e -> e.getKey().endsWith("*") && tool.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
        .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
        .map(Map.Entry::getValue);
    return byPrefix.orElse(READ_ONLY.contains(tool) ? "allow" : "ask");
  }

  public PolicyDecision decide(String tool, Map<String, Object> arguments) {
    if (tool.equals(SHELL_TOOL)) {
      return decideCommand(ShellCommand.of(arguments.get("command")));
    }
    return switch (modeOf(tool)) {
      case "allow" -> PolicyDecision.allow("policy.tools mode for " + tool + " is allow", "");
      case "deny" -> PolicyDecision.deny("policy.tools sets " + tool + " to deny", "policy.tools." + tool);
      default -> PolicyDecision.ask(tool + " asks before running");
    };
  }

  private PolicyDecision decideCommand(ShellCommand command) {
    for (List<String> argv : command.commands()) {
      for (CommandRule rule : deny) {
        if (rule.matches(argv)) {
          return PolicyDecision.deny("command '" + String.join(" ", argv) + "' matches a deny rule", rule.text());
        }
      }
    }
    String mode = modeOf(SHELL_TOOL);
    if (mode.equals("deny")) {
      return PolicyDecision.deny("policy.tools sets shell.exec to deny", "policy.tools.shell.exec");
    }
    if (mode.equals("allow")) {
      return PolicyDecision.allow("policy.tools mode for shell.exec is allow", "");
    }
    if (command.unparsable()) {
      return PolicyDecision.ask("the command could not be parsed");
    }
    var risky = EnumSet.noneOf(ShellWords.Feature.class);
    risky.addAll(command.features());
    risky.retainAll(NEEDS_A_PERSON);
    if (!risky.isEmpty()) {
      return PolicyDecision.ask("the command uses shell syntax " + risky.toString().toLowerCase());
    }
    var matched = new ArrayList<String>();
    for (List<String> argv : command.commands()) {
      Optional<CommandRule> rule = allow.stream().filter(r -> r.matches(argv)).findFirst();
      if (rule.isEmpty()) {
        return PolicyDecision.ask("no allow rule matches '" + String.join(" ", argv) + "'");
      }
      matched.add(rule.get().text());
    }
    return PolicyDecision.allow("every command matches an allow rule", String.join(", ", matched));
  }
}
