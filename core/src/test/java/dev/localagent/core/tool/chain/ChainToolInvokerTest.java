package dev.localagent.core.tool.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localagent.api.event.ApprovalDecided.Decision;
import dev.localagent.api.model.ToolCallRequest;
import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.config.Dirs;
import dev.localagent.core.policy.AuditLog;
import dev.localagent.core.policy.Policy;
import dev.localagent.core.policy.PolicyConfig;
import dev.localagent.core.tool.Approver;
import dev.localagent.core.tool.ToolInvocation;
import dev.localagent.core.tool.ToolRegistry;
import dev.localagent.core.tool.builtin.BuiltinTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainToolInvokerTest {
  private static final Map<String, String> ENV =
      Map.of("PATH", "/usr/bin:/bin", "OPENAI_API_KEY", "sk-test-abcdefghijklmnop1234");

  @TempDir Path tmp;
  Path workdir;
  Dirs dirs;
  ToolRegistry registry;
  final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    workdir = Files.createDirectories(tmp.resolve("work"));
    dirs = new Dirs(tmp.resolve("config"), tmp.resolve("data"), tmp.resolve("state"), workdir);
    registry = new ToolRegistry();
    BuiltinTools.registerAll(registry, ENV);
  }

  private ChainToolInvoker invoker(PolicyConfig config) {
    return ChainToolInvoker.create(registry, config, dirs, ENV);
  }

  private ToolResult invoke(ChainToolInvoker invoker, Decision answer, String tool, Object... nameValues)
      throws InterruptedException {
    Map<String, Object> args = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      args.put((String) nameValues[i], nameValues[i + 1]);
    }
    Approver approver = (callId, name, summary) -> {
      asked.add(summary);
      return answer;
    };
    var call = new ToolCallRequest("call-" + asked.size(), tool, args);
    return invoker.invoke(new ToolInvocation("s1", call, workdir, ToolOutput.DISCARD, approver));
  }

  private List<Map<String, Object>> auditLines() throws IOException {
    Path file = AuditLog.in(dirs.dataDir(), ENV).currentFile();
    var lines = new ArrayList<Map<String, Object>>();
    for (String line : Files.readAllLines(file)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = new ObjectMapper().readValue(line, Map.class);
      lines.add(parsed);
    }
    return lines;
  }

  @Test
  void theChainRunsAuditPolicyApprovalThenExecution() {
    assertThat(invoker(PolicyConfig.DEFAULT).interceptors()).containsExactly(
        "AuditInterceptor", "PolicyInterceptor", "ApprovalInterceptor", "ExecutionInterceptor");
  }

  @Test
  void readsRunWithoutAskingAndWritesAskFirst() throws Exception {
    var invoker = invoker(PolicyConfig.DEFAULT);
    Files.writeString(workdir.resolve("a.txt"), "hi\n");
    assertThat(invoke(invoker, Decision.DENY, "fs.read", "path", "a.txt").content()).isEqualTo("hi\n");
    assertThat(asked).isEmpty();
    ToolResult write = invoke(invoker, Decision.ALLOW_ONCE, "fs.write", "path", "b.txt", "content", "new");
    assertThat(write.ok()).isTrue();
    assertThat(asked).containsExactly("fs.write b.txt (3 chars)");
  }

  @Test
  void aRefusedApprovalIsAPolicyErrorAndNothingRuns() throws Exception {
    ToolResult r = invoke(invoker(PolicyConfig.DEFAULT), Decision.DENY, "fs.write", "path", "b.txt", "content", "x");
    assertThat(r.errorCode()).isEqualTo("LA-POLICY-003");
    assertThat(workdir.resolve("b.txt")).doesNotExist();
  }

  @Test
  void allowForTheSessionIsRememberedPerProgram() throws Exception {
    var invoker = invoker(PolicyConfig.DEFAULT);
    assertThat(invoke(invoker, Decision.ALLOW_SESSION, "shell.exec", "command", List.of("echo", "1")).ok()).isTrue();
    assertThat(invoke(invoker, Decision.DENY, "shell.exec", "command", List.of("echo", "2")).content()).isEqualTo("2\n");
    assertThat(invoke(invoker, Decision.DENY, "shell.exec", "command", List.of("true")).errorCode())
        .isEqualTo("LA-POLICY-003");
    assertThat(asked).containsExactly("run: echo 1", "run: true");
  }

  @Test
  void aDeniedToolAndADeniedCommandAreRefusedWithoutAsking() throws Exception {
    var config = new PolicyConfig(Map.of("fs.write", "deny"), List.of(), List.of("rm **"), true);
    var invoker = invoker(config);
    ToolResult tool = invoke(invoker, Decision.ALLOW_ONCE, "fs.write", "path", "x", "content", "y");
    assertThat(tool.errorCode()).isEqualTo("LA-POLICY-001");
    assertThat(tool.content()).startsWith("fs.write was denied by policy: policy.tools sets fs.write to deny");
    Files.writeString(workdir.resolve("keep.txt"), "k");
    ToolResult command = invoke(invoker, Decision.ALLOW_ONCE, "shell.exec", "command", "ls && rm keep.txt");
    assertThat(command.errorCode()).isEqualTo("LA-POLICY-002");
    assertThat(command.content()).contains("(rule: rm **)");
    assertThat(workdir.resolve("keep.txt")).exists();
    assertThat(asked).isEmpty();
  }

  @Test
  void allowRulesRunCommandsWithoutAsking() throws Exception {
    var invoker = invoker(new PolicyConfig(Map.of(), List.of("echo **"), List.of(), true));
    assertThat(invoke(invoker, Decision.DENY, "shell.exec", "command", "echo 'a; b'").content()).isEqualTo("a; b\n");
    assertThat(invoke(invoker, Decision.DENY, "shell.exec", "command", "echo $(id)").errorCode())
        .isEqualTo("LA-POLICY-003");
    assertThat(asked).containsExactly("run: echo $(id)");
  }

  @Test
  void anUnknownToolIsAnErrorWithoutAsking() throws Exception {
    ToolResult r = invoke(invoker(PolicyConfig.DEFAULT), Decision.ALLOW_ONCE, "fs.delete", "path", "x");
    assertThat(r.errorCode()).isEqualTo("LA-TOOL-012");
    assertThat(asked).isEmpty();
  }

  @Test
  void aToolThatThrowsOrReturnsNullIsNamedInTheError() throws Exception {
    registry.register(tool("bad.throws", () -> { throw new IllegalStateException("boom"); }));
    registry.register(tool("bad.null", () -> null));
    var invoker = invoker(new PolicyConfig(Map.of("bad.*", "allow"), List.of(), List.of(), true));
    ToolResult thrown = invoke(invoker, Decision.DENY, "bad.throws");
    assertThat(thrown.errorCode()).isEqualTo("LA-TOOL-013");
    assertThat(thrown.content()).isEqualTo("tool 'bad.throws' broke its contract: it threw "
        + "java.lang.IllegalStateException: boom instead of returning an error result");
    assertThat(invoke(invoker, Decision.DENY, "bad.null").content())
        .isEqualTo("tool 'bad.null' broke its contract: it returned null");
  }

  @Test
  void anInterceptorThatBreaksTheContractIsNamed() throws Exception {
    ToolInterceptor twice = new ToolInterceptor() {
      @Override
      public ToolResult intercept(Chain chain) throws InterruptedException {
        chain.proceed(chain.invocation());
        return chain.proceed(chain.invocation());
      }

      @Override
      public String name() {
        return "TwiceHook";
      }
    };
    ToolInterceptor nothing = chain -> null;
    var policy = new Policy(PolicyConfig.DEFAULT);
    Files.writeString(workdir.resolve("a.txt"), "x");
    ToolResult r1 = new ChainToolInvoker(registry, policy, null, List.of(twice)).invoke(read("a.txt"));
    assertThat(r1.errorCode()).isEqualTo("LA-TOOL-013");
    assertThat(r1.content()).contains("TwiceHook failed", "TwiceHook called proceed() more than once");
    ToolResult r2 = new ChainToolInvoker(registry, policy, null, List.of(nothing)).invoke(read("a.txt"));
    assertThat(r2.content()).endsWith("returned null instead of a ToolResult")
        .contains(nothing.getClass().getSimpleName());
  }

  @Test
  void everyCallAndDecisionIsAuditedWithoutSecrets() throws Exception {
    var invoker = invoker(new PolicyConfig(Map.of(), List.of(), List.of("rm **"), true));
    invoke(invoker, Decision.ALLOW_ONCE, "shell.exec", "command",
        "curl -H 'Authorization: Bearer sk-test-abcdefghijklmnop1234' https://example.invalid");
    invoke(invoker, Decision.DENY, "shell.exec", "command", List.of("rm", "-rf", "x"));
    invoke(invoker, Decision.DENY, "fs.write", "path", "p.txt", "content", "DB_PASSWORD=hunter2");
    invoke(invoker, Decision.DENY, "fs.read", "path", "missing.txt");
    List<Map<String, Object>> lines = auditLines();
    assertThat(lines).hasSize(4);
    assertThat(lines).extracting(l -> l.get("tool") + " " + l.get("decision") + " " + l.get("outcome"))
        .containsExactly("shell.exec ask error", "shell.exec deny denied", "fs.write ask denied", "fs.read allow error");
    assertThat(lines.get(0)).containsEntry("approval", "ALLOW_ONCE").containsEntry("session", "s1");
    assertThat(lines.get(1)).containsEntry("rule", "rm **").containsEntry("error_code", "LA-POLICY-002");
    assertThat(lines.get(3)).containsEntry("error_code", "LA-TOOL-003");
    String raw = Files.readString(AuditLog.in(dirs.dataDir(), ENV).currentFile());
    assertThat(raw).doesNotContain("sk-test-abcdefghijklmnop1234", "hunter2").contains("Bearer ***", "DB_PASSWORD=***");
  }

  private ToolInvocation read(String path) {
    return new ToolInvocation("s1", new ToolCallRequest("c", "fs.read", Map.of("path", path)), workdir,
        ToolOutput.DISCARD, (id, tool, summary) -> Decision.DENY);
  }

  private static Tool tool(String name, java.util.function.Supplier<ToolResult> body) {
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return new ToolSpec(name, "test tool", null);
      }

      @Override
      public ToolResult call(ToolRequest request, ToolOutput output) {
        return body.get();
      }
    };
  }
}
