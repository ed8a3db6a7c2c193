package dev.localagent.core.testkit;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small real tools for engine tests (the product's built-ins live with the tools engineer): they
 * really read and write files in the workdir and really run processes.
 */
public final class TestTools {
  private TestTools() {}

  public static List<Tool> all() {
    return List.of(new Read(), new Write(), new Exec());
  }

  static Path inside(ToolRequest request, String path) {
    Path resolved = request.workdir().resolve(path).normalize();
    if (!resolved.startsWith(request.workdir())) {
      throw new IllegalArgumentException("path escapes the workdir: " + path);
    }
    return resolved;
  }

  /** fs.read: returns a file's text. */
  public static final class Read implements Tool {
    @Override
    public ToolSpec spec() {
      return new ToolSpec("fs.read", "Read a text file",
          "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");
    }

    @Override
    public ToolResult call(ToolRequest request, ToolOutput output) {
      try {
        return ToolResult.success(Files.readString(inside(request, request.string("path"))));
      } catch (IOException | RuntimeException e) {
        return ToolResult.error("LA-TEST-001", "cannot read: " + e.getMessage());
      }
    }
  }

  /** fs.write: writes a file's text. */
  public static final class Write implements Tool {
    @Override
    public ToolSpec spec() {
      return new ToolSpec("fs.write", "Write a text file",
          "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},\"content\":{\"type\":\"string\"}}}");
    }

    @Override
    public ToolResult call(ToolRequest request, ToolOutput output) {
      try {
        Path file = inside(request, request.string("path"));
        Files.writeString(file, request.string("content"));
        return ToolResult.success("wrote " + Files.size(file) + " bytes to " + request.string("path"));
      } catch (IOException | RuntimeException e) {
        return ToolResult.error("LA-TEST-002", "cannot write: " + e.getMessage());
      }
    }
  }

  /** shell.exec: runs an argv in the workdir, streaming stdout lines. */
  public static final class Exec implements Tool {
    @Override
    public ToolSpec spec() {
      return new ToolSpec("shell.exec", "Run a command",
          "{\"type\":\"object\",\"properties\":{\"argv\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}");
    }

    @Override
    public ToolResult call(ToolRequest request, ToolOutput output) throws InterruptedException {
      var argv = new ArrayList<String>();
      ((List<?>) request.arguments().get("argv")).forEach(a -> argv.add(String.valueOf(a)));
      Process process = null;
      try {
        process = new ProcessBuilder(argv).directory(request.workdir().toFile()).redirectErrorStream(true).start();
        var all = new StringBuilder();
        var stdout = process.getInputStream();
        Thread reader = Thread.ofVirtual().start(() -> pump(stdout, output, all));
        int code = process.waitFor(); // Interruptible: a cancel lands here and the finally kills it.
        reader.join();
        synchronized (all) {
          return code == 0 ? ToolResult.success(all.toString()) : ToolResult.error("LA-TEST-003", "exit " + code + ": " + all);
        }
      } catch (IOException e) {
        return ToolResult.error("LA-TEST-003", "cannot run: " + e.getMessage());
      } finally {
        if (process != null) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      }
    }

    private static void pump(java.io.InputStream stdout, ToolOutput output, StringBuilder all) {
      try (var reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          output.write("stdout", line + "\n");
          synchronized (all) {
            all.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // The process was killed; what was read is kept.
      }
    }
  }
}
