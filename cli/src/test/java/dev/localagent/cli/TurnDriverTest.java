package dev.localagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.TurnDone;
import dev.localagent.cli.render.JsonLinesRenderer;
import dev.localagent.core.agent.DefaultAgentEngine;
import dev.localagent.core.session.InMemorySessionStore;
import dev.localagent.core.session.SessionErrors;
import dev.localagent.core.testkit.AgentHarness;
import dev.localagent.core.testkit.FakeModelServer;
import dev.localagent.core.testkit.RefusingSessionStore;
import dev.localagent.core.testkit.Reply;
import dev.localagent.core.tool.ToolRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnDriverTest {
  @TempDir Path root;

  @Test
  void aTurnWhoseEndTheStoreRefusesIsNamedOnceAndEndsWhenTheStoreTakesItAgain() throws Exception {
    var refusing = new AtomicBoolean(true);
    var store = new RefusingSessionStore(new InMemorySessionStore(), refusing, new AtomicBoolean(true));
    var log = store.create();
    var warnings = new LinkedBlockingQueue<String>();
    var rendered = new StringWriter();
    try (var server = FakeModelServer.start();
        var agent = AgentHarness.builder(root).openAi(server).build();
        var engine = new DefaultAgentEngine(store, agent.engine.provider(), new ToolRegistry(),
            invocation -> { throw new AssertionError("no tools"); }, agent.engine.settings())) {
      server.enqueue(Reply.openAiText("never recorded"));
      var driver = new TurnDriver(engine, log, new JsonLinesRenderer(new PrintWriter(rendered)),
          request -> { throw new AssertionError("no approvals"); }, "test", warnings::add);

      CompletableFuture<TurnDriver.Result> result = CompletableFuture.supplyAsync(() -> driver.run("first"));

      String warning = warnings.poll(30, TimeUnit.SECONDS);
      assertThat(warning).isNotNull()
          .contains(log.sessionId(), SessionErrors.LOCKED.id(), "refused", "free disk space", "Ctrl-C");
      assertThat(result).isNotDone();

      refusing.set(false);
      TurnDriver.Result done = result.get(30, TimeUnit.SECONDS);
      assertThat(done.done().reason()).isEqualTo(TurnDone.Reason.ERROR);
      assertThat(done.lastError().code()).isEqualTo(SessionErrors.LOCKED.id());
      assertThat(warnings).as("the same reason is named once").isEmpty();
      assertThat(rendered.toString()).contains("turn.done");
    }
  }
}
