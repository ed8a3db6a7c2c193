package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.tool.ToolErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/** One started command: pumps its output, waits for exit, timeout or cancel, kills its tree. */
final class RunningCommand {
  private final Process process;
  private final OutputCapture capture;
  private final Thread stdout;
  private final Thread stderr;

  RunningCommand(Process process, OutputCapture capture) {
    this.process = process;
    this.capture = capture;
    this.stdout = pump(process.getInputStream(), "stdout");
    this.stderr = pump(process.getErrorStream(), "stderr");
  }

  ToolResult await(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean exited;
    try {
      exited = process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException cancelled) {
      ProcessTree.kill(process);
      throw cancelled;
    }
    if (!exited) {
      ProcessTree.kill(process);
    } else {
      // Background jobs it left behind would hold our pipes open and outlive the call.
      ProcessTree.killGroup(process);
    }
    long left = Math.max(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 1000);
    stdout.join(left);
    stderr.join(left);
    return result(exited);
  }

  private ToolResult result(boolean exited) throws InterruptedException {
    var text = new StringBuilder(capture.text());
    if (capture.dropped() > 0) {
      text.append("\n[output truncated: ").append(capture.dropped()).append(" more bytes not shown]");
    }
    if (!exited) {
      text.append("\n[timed out; the command and all processes it started were killed]");
      return ToolResult.error(ToolErrors.TIMEOUT.id(), text.toString());
    }
    int status = process.waitFor();
    if (status != 0) {
      text.append("\n[exit status ").append(status).append(']');
      return ToolResult.error(ToolErrors.EXIT_STATUS.id(), text.toString());
    }
    return ToolResult.success(text.toString());
  }

  private Thread pump(InputStream in, String stream) {
    // Native reads would pin a virtual thread's carrier; JDK pipe streams are virtual-thread friendly.
    Thread.Builder builder = process instanceof SpawnedProcess ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
    return builder.name("shell-" + stream + "-" + process.pid()).start(() -> {
      try (in) {
        capture.pump(in, stream);
      } catch (IOException e) {
        // The stream closes when the process is killed; what was read is kept.
      }
    });
  }
}
