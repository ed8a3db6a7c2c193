package dev.localagent.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsCommandsTest {
  @TempDir Path home;
  FakeModelServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeModelServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private String runTurn(String prompt, String answer) {
    server.enqueue(Reply.openAiText(answer));
    var result = CliRun.run(home, "run", "--provider", server.openAiUrl(), prompt);
    assertThat(result.exitCode()).isZero();
    return result.err().replaceAll("(?s).*session (\\S+) .*", "$1");
  }

  @Test
  void listShowsEachSessionWithItsFirstPromptAsTitle() throws Exception {
    String first = runTurn("fix the parser", "done");
    String second = runTurn("write the docs", "ok");

    var text = CliRun.run(home, "sessions", "list");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains(first, "fix the parser", second, "write the docs");

    var json = CliRun.run(home, "sessions", "list", "--json");
    var array = new ObjectMapper().readTree(json.out());
    assertThat(array).hasSize(2);
    assertThat(array).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrder(first, second);
    assertThat(array.get(0).get("lastSeq").asLong()).isEqualTo(4);
  }

  @Test
  void showReplaysTheConversationAndJsonShowsTheRawEvents() {
    String id = runTurn("what is 2+2", "four");
    var text = CliRun.run(home, "sessions", "show", id);
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).isEqualTo("> what is 2+2\nfour\n");
    var json = CliRun.run(home, "sessions", "show", id, "--json");
    assertThat(json.out().lines()).hasSize(4).first().asString().contains("\"type\":\"user.message\"");
  }

  @Test
  void exportWritesJsonlOrMarkdownAtomicallyToAFile() throws Exception {
    String id = runTurn("hello there", "general kenobi");
    Path jsonl = home.resolve("out.jsonl");
    assertThat(CliRun.run(home, "sessions", "export", id, "-o", jsonl.toString()).exitCode()).isZero();
    assertThat(Files.readAllLines(jsonl)).last().asString().contains("\"type\":\"turn.done\"");
    assertThat(Files.readAllLines(jsonl)).isEqualTo(Files.readAllLines(home.resolve("data/localagent/sessions/" + id + ".jsonl")));
    var markdown = CliRun.run(home, "sessions", "export", id, "--format", "markdown");
    assertThat(markdown.out()).contains("# Session " + id, "## User\n\nhello there", "## Assistant\n\ngeneral kenobi");
    try (var files = Files.list(home)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".export-"));
    }
  }

  @Test
  void rmDeletesASessionAndAnUnknownIdExitsNotFound() {
    String id = runTurn("temp", "x");
    assertThat(CliRun.run(home, "sessions", "rm", id).out()).contains("removed " + id);
    assertThat(CliRun.run(home, "sessions", "list").out()).doesNotContain(id);
    var again = CliRun.run(home, "sessions", "rm", id);
    assertThat(again.exitCode()).isEqualTo(8);
    assertThat(again.err()).contains("error[LA-SESSION-001]");
    var show = CliRun.run(home, "sessions", "show", "../../etc/passwd");
    assertThat(show.exitCode()).isEqualTo(2);
    assertThat(show.err()).contains("LA-SESSION-004");
  }
}
