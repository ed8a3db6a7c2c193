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

  private static dev.localagent.api.tool.ToolRequest request(Path workdir, String path) {
    return new dev.localagent.api.tool.ToolRequest("call-1", java.util.Map.of("path", path), workdir);
  }

  @Test
  void aSymlinkSwappedInBetweenTheCheckAndTheOpenIsNotFollowedOutOfTheWorkdir() throws IOException {
    var workspace = new Workspace(workdir);
    Workspace.Resolved checked = workspace.resolveExisting("inside.txt");
    assertThat(checked.isRegularFile()).as("confined by one lstat, right in the workdir").isTrue();
    Files.delete(workdir.resolve("inside.txt"));
    Files.createSymbolicLink(workdir.resolve("inside.txt"), outside.resolve("secret.txt"));

    ToolResult result = FsReadTool.read(workspace, "inside.txt", checked, new Args(request(workdir, "inside.txt")));

    assertRefused(result);
    assertThat(result.content()).doesNotContain("top secret");
  }

  @Test
  void aSymlinkSwappedInBetweenTheCheckAndTheOpenThatStaysInsideIsRead() throws IOException {
    Files.writeString(workdir.resolve("other.txt"), "other\n");
    var workspace = new Workspace(workdir);
    Workspace.Resolved checked = workspace.resolveExisting("inside.txt");
    Files.delete(workdir.resolve("inside.txt"));
    Files.createSymbolicLink(workdir.resolve("inside.txt"), workdir.resolve("other.txt"));

    ToolResult result = FsReadTool.read(workspace, "inside.txt", checked, new Args(request(workdir, "inside.txt")));

    assertThat(result.ok()).isTrue();
    assertThat(result.content()).isEqualTo("other\n");
  }

  @Test
  void aSymlinkSwappedInAfterTheWriteCheckIsReplacedNotWrittenThrough() throws IOException {
    var workspace = new Workspace(workdir);
    Workspace.Resolved checked = workspace.forWrite("new.txt");
    assertThat(checked.mode()).as("a new file, seen by the lstat").isEqualTo(-Libc.ENOENT);
    Files.createSymbolicLink(workdir.resolve("new.txt"), outside.resolve("secret.txt"));

    AtomicFiles.write(checked.path(), "mine".getBytes(java.nio.charset.StandardCharsets.UTF_8), checked.mode());

    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("top secret\n");
    assertThat(Files.isSymbolicLink(workdir.resolve("new.txt"))).isFalse();
    assertThat(Files.readString(workdir.resolve("new.txt"))).isEqualTo("mine");
  }

  @Test
  void entriesRightInTheWorkdirAreConfinedByOneLstatAndDeeperOrLinkedOnesByRealpath() throws IOException {
    Files.createDirectories(workdir.resolve("sub"));
    Files.writeString(workdir.resolve("sub/deep.txt"), "deep\n");
    Files.createSymbolicLink(workdir.resolve("alias.txt"), workdir.resolve("inside.txt"));
    var workspace = new Workspace(workdir);

    assertThat(workspace.resolveExisting("inside.txt").known()).isTrue();
    assertThat(workspace.resolveExisting("./inside.txt").known()).isTrue();
    assertThat(workspace.resolveExisting("sub").known()).isTrue();
    assertThat(workspace.resolveExisting("sub/deep.txt").known()).isFalse();
    Workspace.Resolved alias = workspace.resolveExisting("alias.txt");
    assertThat(alias.known()).isFalse();
    assertThat(alias.path()).isEqualTo(workspace.root().resolve("inside.txt"));
  }
}
