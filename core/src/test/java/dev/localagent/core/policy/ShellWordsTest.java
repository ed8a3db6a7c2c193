package dev.localagent.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.core.policy.ShellWords.Feature;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
  @Test
  void plainWordsWithQuotesAndEscapesSplitLikePythonsShlex() throws Exception {
    List<String> inputs = List.of(
        "git status",
        "  ls   -la\tsrc  ",
        "printf '%s\\n' 'a b' \"c d\" e\\ f",
        "echo \"it's\" 'say \"hi\"'",
        "grep -e 'a;b' -- \"x|y\" 'z&&w'",
        "echo a\"b\"'c'd",
        "echo \"back\\\\slash\" \"q\\\"uote\"",
        "echo ''",
        "echo \"\" x");
    String json = new ObjectMapper().writeValueAsString(inputs);
    // The oracle: Python's shlex in POSIX mode, a real shell-words implementation.
    Process python = new ProcessBuilder("python3", "-c",
        "import json,shlex,sys; print(json.dumps([shlex.split(s) for s in json.loads(sys.argv[1])]))", json)
        .redirectErrorStream(true).start();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor()).as(out).isZero();
    List<?> expected = new ObjectMapper().readValue(out, List.class);
    for (int i = 0; i < inputs.size(); i++) {
      ShellWords.Parsed parsed = ShellWords.parse(inputs.get(i));
      assertThat(parsed.needsShell()).as(inputs.get(i)).isFalse();
      assertThat(parsed.commands().getFirst()).as(inputs.get(i)).isEqualTo(expected.get(i));
    }
  }

  @Test
  void operatorsSplitCommandsAndAreNoted() {
    var parsed = ShellWords.parse("make && ./run | tee log; echo done || true &");
    assertThat(parsed.commands()).containsExactly(
        List.of("make"), List.of("./run"), List.of("tee", "log"), List.of("echo", "done"), List.of("true"));
    assertThat(parsed.features()).containsExactlyInAnyOrder(Feature.SEQUENCE, Feature.PIPE, Feature.BACKGROUND);
    assertThat(parsed.needsShell()).isTrue();
  }

  @Test
  void substitutionsVariablesRedirectsGlobsAndTildesAreNoted() {
    assertThat(ShellWords.parse("echo $(id)").features()).containsExactly(Feature.SUBSTITUTION);
    assertThat(ShellWords.parse("echo `id`").features()).containsExactly(Feature.SUBSTITUTION);
    assertThat(ShellWords.parse("echo \"$(id)\"").features()).containsExactly(Feature.SUBSTITUTION);
    assertThat(ShellWords.parse("echo $HOME").features()).containsExactly(Feature.VARIABLE);
    assertThat(ShellWords.parse("echo \"${X}\"").features()).containsExactly(Feature.VARIABLE);
    assertThat(ShellWords.parse("cat < in > out").features()).containsExactly(Feature.REDIRECT);
    assertThat(ShellWords.parse("ls *.java").features()).containsExactly(Feature.GLOB);
    assertThat(ShellWords.parse("cd ~/x").features()).containsExactly(Feature.TILDE);
    assertThat(ShellWords.parse("(cd x)").features()).containsExactly(Feature.SUBSHELL);
  }

  @Test
  void metacharactersInsideSingleQuotesOrEscapedAreLiteral() {
    var parsed = ShellWords.parse("echo '$(id)' '`id`' '; rm -rf /' \\$HOME a\\;b");
    assertThat(parsed.needsShell()).isFalse();
    assertThat(parsed.commands().getFirst()).containsExactly("echo", "$(id)", "`id`", "; rm -rf /", "$HOME", "a;b");
  }

  @Test
  void aHashStartsACommentOnlyAtAWordStart() {
    assertThat(ShellWords.parse("echo a#b").commands().getFirst()).containsExactly("echo", "a#b");
    assertThat(ShellWords.parse("echo a # rest").commands().getFirst()).containsExactly("echo", "a");
  }

  @Test
  void unterminatedQuotesAndTrailingBackslashAreSyntaxErrors() {
    assertThatThrownBy(() -> ShellWords.parse("echo 'x")).isInstanceOf(ShellWords.SyntaxException.class)
        .hasMessage("unterminated single quote at position 5");
    assertThatThrownBy(() -> ShellWords.parse("echo \"x")).hasMessage("unterminated double quote at position 5");
    assertThatThrownBy(() -> ShellWords.parse("echo x\\")).hasMessage("trailing backslash");
  }
}
