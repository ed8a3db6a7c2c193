package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.policy.ShellWords;
import dev.localagent.core.tool.ToolErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code shell.exec}: runs a command in the workdir. An argv array, or a string without shell
 * syntax, runs directly with no shell, so quotes, {@code ;}, {@code $(..)} and backticks inside
 * arguments reach the program literally; a string with shell syntax runs under {@code /bin/sh
 * -c}. Secrets are removed from the environment, output is streamed and capped, and on timeout,
 * cancel or exit the command's whole process tree is killed.
 */
public final class ShellExecTool implements Tool {
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
  static final long DEFAULT_TIMEOUT_SECONDS = 120;
  private static final ToolSpec SPEC = new ToolSpec("shell.exec", "Run a command in the workdir. Give an argv"
      + " array (no shell) or a command string (shell syntax runs under /bin/sh). Output is capped;"
      + " the command and everything it started are killed at the timeout.", """
      {"type":"object","properties":{
        "command":{"oneOf":[{"type":"string"},{"type":"array","items":{"type":"string"},"minItems":1}],
                   "description":"argv array, or a shell command string"},
        "cwd":{"type":"string","description":"directory relative to the workdir; default '.'"},
        "timeout_seconds":{"type":"integer","minimum":1,"maximum":3600}},
       "required":["command"],"additionalProperties":false}""");

  private final ChildEnvironment environment;
  private final long maxOutputBytes;

  /** Runs commands with {@code environment} minus secret-named variables. */
  public ShellExecTool(Map<String, String> environment, long maxOutputBytes) {
    this.environment = new ChildEnvironment(environment);
    this.maxOutputBytes = maxOutputBytes;
  }

  @Override
  public ToolSpec spec() {
    return SPEC;
  }

  @Override
  public ToolResult call(ToolRequest request, ToolOutput output) throws InterruptedException {
    try {
      var args = new Args(request);
      List<String> argv = argv(args.raw("command"), args);
      String cwdArgument = args.string("cwd", ".");
      long timeout = args.number("timeout_seconds", DEFAULT_TIMEOUT_SECONDS, 1, 3600);
      if (cwdArgument.equals(".")) {
        // The workdir itself: nothing to confine, and the child's chdir(2) checks that it is an
        // existing directory, so the realpath and stat calls (about half of the CPU shell.exec
        // spent per command beyond the system calls a C loop makes, docs/CAPACITY.md) are only
        // made to explain a failed start.
        return run(argv, request.workdir(), TimeUnit.SECONDS.toNanos(timeout), output, request);
      }
      return run(argv, directory(Workspace.of(request), cwdArgument), TimeUnit.SECONDS.toNanos(timeout), output, null);
    } catch (ToolFailure f) {
      return f.result();
    }
  }

  /** {@code cwd} resolved inside the workdir; it must be a directory. */
  private static Path directory(Workspace workspace, String cwd) {
    Path dir = workspace.existing(cwd);
    if (!Files.isDirectory(dir)) {
      throw Args.bad("cwd", "is not a directory");
    }
    return dir;
  }

  private List<String> argv(Object command, Args args) {
    if (command instanceof String text) {
      if (text.isBlank()) {
        throw Args.bad("command", "must not be empty");
      }
      ShellWords.Parsed parsed;
      try {
        parsed = ShellWords.parse(text);
      } catch (ShellWords.SyntaxException e) {
        throw Args.bad("command", "is not valid shell syntax: " + e.getMessage());
      }
      return parsed.needsShell() ? List.of("/bin/sh", "-c", text) : parsed.commands().getFirst();
    }
    List<String> argv = args.strings("command");
    if (argv.isEmpty() || argv.getFirst().isEmpty()) {
      throw Args.bad("command", "must name a program");
    }
    return argv;
  }

  /**
   * Runs {@code argv} in {@code cwd}. {@code unchecked} is the request when {@code cwd} is its
   * workdir taken as given: a failed start then reports a missing or non-directory workdir as
   * the checked path would have.
   */
  private ToolResult run(List<String> argv, Path cwd, long timeoutNanos, ToolOutput output, ToolRequest unchecked)
      throws InterruptedException {
    var capture = new OutputCapture(output, maxOutputBytes);
    List<String> program = resolve(argv);
    try {
      if (ProcessTree.nativeSpawn) {
        long deadline = System.nanoTime() + timeoutNanos;
        NativeScratch scratch = NativeScratch.take();
        NativeSpawn.Started started;
        try {
          started = NativeSpawn.start(program, environment, cwd, scratch);
        } catch (IOException | RuntimeException e) {
          scratch.release();
          throw e;
        }
        return NativeCommand.await(new PollLoop(started, scratch, capture, deadline), capture);
      }
      Process process = ProcessTree.start(program, environment.variables(), cwd);
      return new RunningCommand(process, capture).await(timeoutNanos);
    } catch (IOException e) {
      if (unchecked != null) {
        directory(Workspace.of(unchecked), "."); // throws for a missing workdir or one that is not a directory
      }
      throw new ToolFailure(ToolErrors.START_FAILED, "cannot start '" + argv.getFirst() + "': " + e.getMessage());
    }
  }

  /** The program as an absolute path, looked up on the child's PATH, so a typo is a clear error. */
  private List<String> resolve(List<String> argv) {
    String program = argv.getFirst();
    if (program.contains("/")) {
      return argv;
    }
    for (String dir : environment.variables().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        var resolved = new ArrayList<>(argv);
        resolved.set(0, candidate.toString());
        return resolved;
      }
    }
    throw new ToolFailure(ToolErrors.START_FAILED, "program '" + program + "' was not found on PATH");
  }
}
