package dev.localagent.core.tool.builtin;

import static dev.localagent.core.tool.builtin.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellExecToolTest {
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp", "PLAIN", "visible");
  private static final long CAP = 1024 * 1024;

  @TempDir Path workdir;
  private final ShellExecTool shell = new ShellExecTool(ENV, CAP);

  @Test
  void argvArgumentsReachTheProgramLiterallyNeverAShell() {
    ToolResult r = call(shell, workdir, "command", List.of("printf", "%s\\n",
        "a; touch pwned1", "$(touch pwned2)", "`touch pwned3`", "x && touch pwned4 | cat > out"));
    assertThat(r.ok()).isTrue();
    assertThat(r.content()).isEqualTo("a; touch pwned1\n$(touch pwned2)\n`touch pwned3`\nx && touch pwned4 | cat > out\n");
    assertThat(workdir.toFile().list()).isEmpty();
  }

  @Test
  void quotedInjectionInACommandStringStaysLiteral() {
    ToolResult r = call(shell, workdir, "command", "printf '%s|' 'a; touch pwned' \"b c\" d\\ e '$(touch pwned2)'");
    assertThat(r.content()).isEqualTo("a; touch pwned|b c|d e|$(touch pwned2)|");
    assertThat(workdir.toFile().list()).isEmpty();
  }

  @Test
  void aCommandStringWithShellSyntaxRunsUnderSh() {
    assertThat(call(shell, workdir, "command", "echo hello | tr a-z A-Z").content()).isEqualTo("HELLO\n");
  }

  @Test
  void secretsAreRemovedFromTheChildEnvironment() {
    var env = Map.of("PATH", "/usr/bin:/bin", "PLAIN", "visible", "OPENAI_API_KEY", "sk-live-123456789",
        "GITHUB_TOKEN", "ghp_abc", "DB_PASSWORD", "hunter2", "AWS_SECRET_ACCESS_KEY", "aws-secret");
    String out = call(new ShellExecTool(env, CAP), workdir, "command", List.of("env")).content();
    assertThat(out).contains("PLAIN=visible")
        .doesNotContain("OPENAI_API_KEY", "sk-live", "GITHUB_TOKEN", "DB_PASSWORD", "hunter2", "AWS_SECRET", "aws-secret");
  }

  @Test
  void nonZeroExitIsAnErrorWithTheOutputAndStatus() {
    ToolResult r = call(shell, workdir, "command", List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
    assertThat(r.errorCode()).isEqualTo("LA-TOOL-010");
    assertThat(r.content()).contains("out\n", "err\n").endsWith("[exit status 3]");
  }

  @Test
  void unknownProgramAndBadSyntaxAreClearErrors() {
    ToolResult missing = call(shell, workdir, "command", List.of("no-such-program-xyz"));
    assertThat(missing.errorCode()).isEqualTo("LA-TOOL-011");
    assertThat(missing.content()).isEqualTo("program 'no-such-program-xyz' was not found on PATH");
    assertThat(call(shell, workdir, "command", "echo 'unterminated").errorCode()).isEqualTo("LA-TOOL-001");
    assertThat(call(shell, workdir, "command", 42).errorCode()).isEqualTo("LA-TOOL-001");
  }

  @Test
  void runsInTheGivenSubdirectory() throws IOException {
    Files.createDirectories(workdir.resolve("sub"));
    assertThat(call(shell, workdir, "command", List.of("pwd"), "cwd", "sub").content())
        .isEqualTo(workdir.toRealPath().resolve("sub") + "\n");
  }

  @Test
  void withoutACwdTheCommandRunsInTheWorkdirEvenWhenItIsReachedThroughASymlink() throws IOException {
    Path real = Files.createDirectories(workdir.resolve("real"));
    Path link = Files.createSymbolicLink(workdir.resolve("link"), real);
    assertThat(call(shell, link, "command", List.of("pwd")).content()).isEqualTo(real.toRealPath() + "\n");
    assertThat(call(shell, link, "command", List.of("pwd"), "cwd", ".").content()).isEqualTo(real.toRealPath() + "\n");
  }

  @Test
  void aMissingWorkdirOrOneThatIsAFileIsReportedAsSuchNotAsAFailedStart() throws IOException {
    ToolResult missing = call(shell, workdir.resolve("gone"), "command", List.of("pwd"));
    assertThat(missing.errorCode()).isEqualTo("LA-TOOL-003");
    assertThat(missing.content()).isEqualTo("the workdir " + workdir.resolve("gone") + " does not exist");
    Path file = Files.writeString(workdir.resolve("file"), "x");
    ToolResult notADirectory = call(shell, file, "command", List.of("pwd"));
    assertThat(notADirectory.errorCode()).isEqualTo("LA-TOOL-001");
    assertThat(notADirectory.content()).isEqualTo("argument 'cwd' is not a directory");
  }

  @Test
  void timeoutKillsTheWholeTreeIncludingTheGrandchild() {
    ToolResult r = call(shell, workdir, "command", List.of("sh", "-c", "sleep 300 & echo $!; wait"), "timeout_seconds", 1);
    assertThat(r.errorCode()).isEqualTo("LA-TOOL-009");
    long grandchild = Long.parseLong(r.content().lines().findFirst().orElseThrow().trim());
    assertThat(Processes.awaitDeath(grandchild, Duration.ofSeconds(5))).as("grandchild %d killed", grandchild).isTrue();
  }

  @Test
  void aBackgroundedChildThatOutlivesItsParentIsKilledWhenTheCommandEnds() {
    ToolResult r = call(shell, workdir, "command", "sleep 300 & echo $!");
    assertThat(r.ok()).isTrue();
    long orphan = Long.parseLong(r.content().trim());
    assertThat(Processes.awaitDeath(orphan, Duration.ofSeconds(5))).as("orphan %d killed", orphan).isTrue();
  }

  @Test
  void cancellingTheCallKillsTheTree() throws Exception {
    assertCancelKillsTheTree(Thread.ofPlatform());
  }

  @Test
  void cancellingACallOnAVirtualThreadKillsTheTreeAfterTheHandOff() throws Exception {
    assertCancelKillsTheTree(Thread.ofVirtual());
  }

  /** Interrupts a caller blocked in a command with a background child; both must die. */
  private void assertCancelKillsTheTree(Thread.Builder callers) throws Exception {
    var pid = new AtomicLong();
    var started = new CountDownLatch(1);
    ToolOutput output = (stream, chunk) -> {
      pid.set(Long.parseLong(chunk.trim()));
      started.countDown();
    };
    var thrown = new AtomicReference<Throwable>();
    Thread caller = callers.start(() -> {
      try {
        shell.call(new ToolRequest("c", Map.of("command", List.of("sh", "-c", "sleep 300 & echo $!; wait")), workdir), output);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(Duration.ofSeconds(10));
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(Processes.awaitDeath(pid.get(), Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void longCommandsOnVirtualThreadsLeaveTheCarriersFreeForOtherVirtualThreads() throws Exception {
    // More waiting commands than carrier threads: if each pinned its carrier in poll(2), the
    // virtual thread that lets them finish could never run and they would all time out.
    int commands = 2 * Runtime.getRuntime().availableProcessors() + 1;
    var results = new java.util.concurrent.CopyOnWriteArrayList<ToolResult>();
    var waiting = new CountDownLatch(commands);
    ToolOutput output = (stream, chunk) -> waiting.countDown();
    var callers = new java.util.ArrayList<Thread>();
    for (int i = 0; i < commands; i++) {
      callers.add(Thread.ofVirtual().start(() -> results.add(call(shell, workdir, output, "command",
          List.of("sh", "-c", "echo waiting; while [ ! -e go ]; do sleep 0.01; done"), "timeout_seconds", 60))));
    }
    assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
    Thread.ofVirtual().start(() -> {
      try {
        Files.writeString(workdir.resolve("go"), "");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).join(Duration.ofSeconds(30));
    for (Thread caller : callers) {
      caller.join(Duration.ofSeconds(30));
    }
    assertThat(results).hasSize(commands).allSatisfy(r -> assertThat(r.ok()).as(r.content()).isTrue());
  }

  @Test
  void aDaemonHoldingTheOutputPipeIsCutOffAtTheTimeoutAndTheOutputKept() {
    ToolResult r = call(shell, workdir, "command", List.of("sh", "-c", "setsid sleep 300 & echo $!"), "timeout_seconds", 1);
    long daemon = Long.parseLong(r.content().trim());
    try {
      assertThat(r.ok()).as(r.content()).isTrue(); // the command itself exited 0
    } finally {
      ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly); // it left the group: not ours to kill
    }
  }

  @Test
  void hundredMegabytesOfOutputAreCappedAndTheCommandStillCompletes() {
    var streamed = new AtomicLong();
    ToolResult r = call(shell, workdir, (s, chunk) -> streamed.addAndGet(chunk.length()),
        "command", "head -c 104857600 /dev/zero | tr '\\0' x");
    assertThat(r.ok()).isTrue();
    assertThat(r.content()).startsWith("xxxx").endsWith("[output truncated: 103809024 more bytes not shown]");
    assertThat(r.content().length()).isLessThan((int) CAP + 100);
    assertThat(streamed.get()).isEqualTo(CAP);
  }

  @Test
  void outputIsStreamedWhileTheCommandRuns() throws Exception {
    var first = new CountDownLatch(1);
    var chunks = new java.util.concurrent.CopyOnWriteArrayList<String>();
    ToolOutput output = (stream, chunk) -> {
      chunks.add(stream + ":" + chunk);
      first.countDown();
    };
    CompletableFuture<ToolResult> done = CompletableFuture.supplyAsync(() -> call(shell, workdir, output,
        "command", List.of("sh", "-c", "echo first; while [ ! -e go ]; do sleep 0.01; done; echo second >&2")));
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(done).isNotDone();
    Files.writeString(workdir.resolve("go"), "");
    assertThat(done.get(10, TimeUnit.SECONDS).ok()).isTrue();
    assertThat(chunks).containsExactly("stdout:first\n", "stderr:second\n");
  }

  @Test
  void aCommandLineTooLongForThePooledNativeMemoryStillReachesTheProgramIntact() throws IOException {
    Path sub = Files.createDirectories(workdir.resolve("d".repeat(200)).resolve("é".repeat(100)));
    String first = "x".repeat(6000);
    String second = "ü€".repeat(2000); // multi-byte UTF-8: 10,000 bytes
    ToolResult r = call(shell, workdir, "command", List.of("printf", "%s\\n%s\\n", first, second),
        "cwd", workdir.relativize(sub).toString());
    assertThat(r.ok()).isTrue();
    assertThat(r.content()).isEqualTo(first + "\n" + second + "\n");
    assertThat(call(shell, workdir, "command", List.of("pwd"), "cwd", workdir.relativize(sub).toString()).content())
        .isEqualTo(sub.toRealPath() + "\n"); // and the pooled memory is reusable after the overflow
  }

  @Test
  void concurrentCommandsSharingThePooledNativeMemoryEachGetTheirOwnOutputAndStatus() throws Exception {
    int callers = 8; // more than the pool holds on a small machine, so some blocks are made on demand
    int perCaller = 40;
    var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    var start = new CountDownLatch(1);
    var threads = new java.util.ArrayList<Thread>();
    for (int c = 0; c < callers; c++) {
      int caller = c;
      Thread.Builder builder = c % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
      threads.add(builder.start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perCaller; i++) {
          String tag = caller + "-" + i;
          ToolResult r = call(shell, workdir, "command", List.of("sh", "-c", "echo out-$0; echo err-$0 >&2; exit $1",
              tag, Integer.toString(i % 3)));
          boolean right = (i % 3 == 0) == r.ok() && r.content().contains("out-" + tag + "\n")
              && r.content().contains("err-" + tag + "\n") && r.content().split("-" + caller + "-").length == 3
              && (i % 3 == 0 || r.content().endsWith("[exit status " + i % 3 + "]"));
          if (!right) {
            failures.add(tag + ": " + r.content());
          }
        }
      }));
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void anEmptyCommandStringIsRefused() {
    assertThat(call(shell, workdir, "command", " ").content()).isEqualTo("argument 'command' must not be empty");
  }

  @Test
  void commandsAreSpawnedNativelyInTheirOwnSessionOnThisLinuxMachine() {
    assertThat(NativeSpawn.AVAILABLE).as("FFM posix_spawn").isTrue();
    String ids = call(shell, workdir, "command", List.of("sh", "-c", "echo $$ $(ps -o sid= -p $$)")).content().trim();
    String[] pidAndSession = ids.split("\\s+");
    assertThat(pidAndSession[1]).as("session id equals the command's pid").isEqualTo(pidAndSession[0]);
  }

  @Test
  void theCommandInheritsNoDescriptorsButStdioAndReadsEmptyStdin() {
    assertThat(call(shell, workdir, "command", List.of("sh", "-c", "ls /proc/$$/fd")).content()).isEqualTo("0\n1\n2\n");
    assertThat(call(shell, workdir, "command", List.of("cat")).content()).isEmpty();
  }
}
