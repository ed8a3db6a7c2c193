package dev.localagent.core.tool.builtin;

import static dev.localagent.core.tool.builtin.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceConfinementTest {
  @TempDir Path tmp;
  Path workdir;
  Path outside;

  @BeforeEach
  void layout() throws IOException {
    workdir = Files.createDirectories(tmp.resolve("work"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "top secret\n");
    Files.writeString(workdir.resolve("inside.txt"), "hello\n");
  }

  private static void assertRefused(ToolResult result) {
    assertThat(result.ok()).isFalse();
    assertThat(result.errorCode()).isEqualTo("LA-TOOL-002");
    assertThat(result.content()).contains("refused");
  }

  @Test
  void dotDotSegmentsAreRefusedEvenWhenTheyStayInside() {
    assertRefused(call(new FsReadTool(), workdir, "path", "../outside/secret.txt"));
    assertRefused(call(new FsReadTool(), workdir, "path", "sub/../../outside/secret.txt"));
    assertRefused(call(new FsReadTool(), workdir, "path", "sub/../inside.txt"));
  }

  @Test
  void absolutePathsOutsideTheWorkdirAreRefusedAndInsideAccepted() {
    assertRefused(call(new FsReadTool(), workdir, "path", outside.resolve("secret.txt").toString()));
    assertRefused(call(new FsReadTool(), workdir, "path", "/etc/passwd"));
    assertThat(call(new FsReadTool(), workdir, "path", workdir.resolve("inside.txt").toString()).content())
        .isEqualTo("hello\n");
  }

  @Test
  void symlinkedFileEscapingTheWorkdirIsRefusedForReadAndWrite() throws IOException {
    Files.createSymbolicLink(workdir.resolve("link.txt"), outside.resolve("secret.txt"));
    assertRefused(call(new FsReadTool(), workdir, "path", "link.txt"));
    assertRefused(call(new FsWriteTool(), workdir, "path", "link.txt", "content", "pwned"));
    assertRefused(call(new FsEditTool(), workdir, "path", "link.txt", "old_string", "top", "new_string", "x"));
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("top secret\n");
  }

  @Test
  void symlinkedParentDirectoryEscapingTheWorkdirIsRefused() throws IOException {
    Files.createSymbolicLink(workdir.resolve("dir"), outside);
    assertRefused(call(new FsReadTool(), workdir, "path", "dir/secret.txt"));
    assertRefused(call(new FsWriteTool(), workdir, "path", "dir/new.txt", "content", "x"));
    assertRefused(call(new FsWriteTool(), workdir, "path", "dir/deeper/new.txt", "content", "x"));
    assertRefused(call(new FsListTool(), workdir, "path", "dir"));
    assertRefused(call(new FsSearchTool(), workdir, "pattern", "secret", "path", "dir"));
    assertRefused(call(new ShellExecTool(java.util.Map.of(), 1024), workdir, "command", "pwd", "cwd", "dir"));
    assertThat(outside.resolve("new.txt")).doesNotExist();
    assertThat(outside.resolve("deeper")).doesNotExist();
  }

  @Test
  void fileCreatedThroughADanglingSymlinkIsRefused() throws IOException {
    Path target = outside.resolve("created-by-agent.txt");
    Files.createSymbolicLink(workdir.resolve("dangling.txt"), target);
    assertRefused(call(new FsWriteTool(), workdir, "path", "dangling.txt", "content", "x"));
    assertThat(target).doesNotExist();
    assertThat(Files.isSymbolicLink(workdir.resolve("dangling.txt"))).isTrue();
  }

  @Test
  void symlinksThatStayInsideTheWorkdirWork() throws IOException {
    Files.createDirectories(workdir.resolve("real"));
    Files.createSymbolicLink(workdir.resolve("alias"), workdir.resolve("real"));
    assertThat(call(new FsWriteTool(), workdir, "path", "alias/a.txt", "content", "via alias").ok()).isTrue();
    assertThat(Files.readString(workdir.resolve("real/a.txt"))).isEqualTo("via alias");
  }

  @Test
  void searchAndGlobDoNotFollowSymlinksOutOfTheWorkdir() throws IOException {
    Files.createSymbolicLink(workdir.resolve("out"), outside);
    Files.createSymbolicLink(workdir.resolve("s.txt"), outside.resolve("secret.txt"));
    assertThat(call(new FsSearchTool(), workdir, "pattern", "top secret").content()).isEqualTo("no matches\n");
    assertThat(call(new FsGlobTool(), workdir, "pattern", "**/*.txt").content()).isEqualTo("inside.txt\n");
  }
}
