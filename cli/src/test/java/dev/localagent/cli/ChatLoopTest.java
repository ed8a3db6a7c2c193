package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.cli.Style;
import dev.localagent.core.config.Config;
import dev.localagent.core.config.Dirs;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatLoopTest {
  @TempDir Path home;

  @Test
  void chatRunsTurnsSwitchesModelAndJoinsContinuedLines() throws Exception {
    try (var server = FakeModelServer.start()) {
      server.enqueue(Reply.openAiText("first reply"), Reply.openAiText("second reply"));
      var env = Map.of("HOME", home.toString());
      var context = new AppContext(Dirs.fromEnvironment(env, home), Config.defaults(), env,
          new PrintWriter(System.out), new PrintWriter(System.err), new GlobalOptions());
      String input = "hello\n/model other-model\nline one\\\nline two\n/nonsense\n/tools\n/exit\n";
      var screen = new ByteArrayOutputStream();
      // A pipe kept open like a terminal: a closed byte-array stream reads as end-of-input at once.
      var keyboard = new PipedInputStream(4096);
      var typing = new PipedOutputStream(keyboard);
      typing.write(input.getBytes(StandardCharsets.UTF_8));
      typing.flush();
      try (var wiring = AgentWiring.open(context, server.openAiUrl(), "fake-model", null);
          // A stream-only terminal: the builder would put a pty in between, whose output pump may
          // still be copying when the terminal closes, so the tail of the screen went missing.
          var terminal = new DumbTerminal("test", "dumb", keyboard, screen, StandardCharsets.UTF_8);
          typing) {
        var reader = ChatLoop.lineReader(terminal, home.resolve("history"));
        new ChatLoop(wiring, reader, terminal.writer(), Style.PLAIN, wiring.store.create()).run();
        terminal.writer().flush();
      }
      String shown = screen.toString(StandardCharsets.UTF_8);
      assertThat(shown).contains("first reply", "model: other-model", "second reply",
          "fs.read  Read a text file", "shell.exec  Run a command", "unknown command /nonsense");
      var requests = server.chatRequests();
      assertThat(requests).hasSize(2);
      assertThat(requests.get(0).body().get("model").asText()).isEqualTo("fake-model");
      assertThat(requests.get(1).body().get("model").asText()).isEqualTo("other-model");
      var messages = requests.get(1).body().get("messages");
      assertThat(messages.get(messages.size() - 1).get("content").asText()).isEqualTo("line one\nline two");
    }
  }
}
