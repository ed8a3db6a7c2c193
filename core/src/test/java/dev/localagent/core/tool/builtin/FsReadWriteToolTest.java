package dev.localagent.core.tool.builtin;

import static dev.localagent.core.tool.builtin.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.api.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsReadWriteToolTest {
  @TempDir Path workdir;

  private void lines(String name, int count) throws IOException {
    Files.writeString(workdir.resolve(name),
        IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining()));
  }

  @Test
  void readsAWholeSmallFile() throws IOException {
    lines("a.txt", 3);
    assertThat(call(new FsReadTool(), workdir, "path", "a.txt").content()).isEqualTo("line 1\nline 2\nline 3\n");
  }

  @Test
  void readsALineRangeAndSaysWhereToContinue() throws IOException {
    lines("a.txt", 10);
    ToolResult result = call(new FsReadTool(), workdir, "path", "a.txt", "start_line", 4, "max_lines", 2);
    assertThat(result.content()).isEqualTo(
        "line 4\nline 5\n[truncated: showing lines 4-5; more follow, read on with start_line=6]");
  }

  @Test
  void capsLargeFilesByBytes() throws IOException {
    lines("big.txt", 100_000);
    ToolResult result = call(new FsReadTool(), workdir, "path", "big.txt");
    assertThat(result.ok()).isTrue();
    assertThat(result.content().length()).isLessThanOrEqualTo(FsReadTool.DEFAULT_MAX_BYTES + 100);
    assertThat(result.content()).startsWith("line 1\n").contains("[truncated: showing lines 1-");
  }

  @Test
  void refusesBinaryFilesMissingFilesDirectoriesAndBadArguments() throws IOException {
    Files.write(workdir.resolve("bin"), new byte[] {1, 2, 0, 3});
    Files.createDirectories(workdir.resolve("d"));
    assertThat(call(new FsReadTool(), workdir, "path", "bin").errorCode()).isEqualTo("LA-TOOL-005");
    assertThat(call(new FsReadTool(), workdir, "path", "nope.txt").errorCode()).isEqualTo("LA-TOOL-003");
    assertThat(call(new FsReadTool(), workdir, "path", "d").errorCode()).isEqualTo("LA-TOOL-005");
    assertThat(call(new FsReadTool(), workdir).content()).isEqualTo("argument 'path' is required");
    assertThat(call(new FsReadTool(), workdir, "path", 7).errorCode()).isEqualTo("LA-TOOL-001");
    assertThat(call(new FsReadTool(), workdir, "path", "bin", "start_line", 0).content())
        .isEqualTo("argument 'start_line' must be between 1 and 2147483647, was 0");
  }

  @Test
  void startLinePastTheEndIsABadArgument() throws IOException {
    lines("a.txt", 2);
    assertThat(call(new FsReadTool(), workdir, "path", "a.txt", "start_line", 5).content())
        .isEqualTo("argument 'start_line' is past the end of the file (2 lines)");
  }

  @Test
  void writeCreatesParentDirectoriesAndLeavesNoTempFiles() throws IOException {
    ToolResult result = call(new FsWriteTool(), workdir, "path", "a/b/c.txt", "content", "héllo\n");
    assertThat(result.ok()).isTrue();
    assertThat(result.content()).isEqualTo("wrote 7 bytes to a/b/c.txt");
    assertThat(Files.readString(workdir.resolve("a/b/c.txt"))).isEqualTo("héllo\n");
    try (Stream<Path> files = Files.list(workdir.resolve("a/b"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("c.txt");
    }
  }

  @Test
  void overwriteReplacesContentAndKeepsPermissions() throws IOException {
    Path file = workdir.resolve("run.sh");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(call(new FsWriteTool(), workdir, "path", "run.sh", "content", "new").ok()).isTrue();
    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwxr-x---");
  }

  @Test
  void overwriteKeepsPermissionsThatTheUmaskWouldMaskAndANewFileGetsNoWriteBitsForOthers() throws IOException {
    Path shared = workdir.resolve("shared.txt");
    Files.writeString(shared, "old");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThat(call(new FsWriteTool(), workdir, "path", "shared.txt", "content", "new").ok()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rw-rw-rw-");
    Path secret = workdir.resolve("secret.txt");
    Files.writeString(secret, "old");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    assertThat(call(new FsWriteTool(), workdir, "path", "secret.txt", "content", "new").ok()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    assertThat(call(new FsWriteTool(), workdir, "path", "fresh.txt", "content", "x").ok()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workdir.resolve("fresh.txt"))))
        .startsWith("rw-").doesNotContain("x").matches("rw-.-..-.");
  }

  @Test
  void writingOverADirectoryIsRefused() throws IOException {
    Files.createDirectories(workdir.resolve("d"));
    assertThat(call(new FsWriteTool(), workdir, "path", "d", "content", "x").errorCode()).isEqualTo("LA-TOOL-005");
  }

  @Test
  void aReplaceTheKernelRefusesFailsWithItsErrnoAndLeavesTheTargetAndNoTempFile() throws IOException {
    Path dir = Files.createDirectories(workdir.resolve("d"));
    Files.writeString(dir.resolve("inside.txt"), "kept");
    // rename(2) of a file over a non-empty directory fails (EISDIR): the temp file was already linked.
    assertThatThrownBy(() -> AtomicFiles.write(dir, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class).hasMessageContaining("rename failed with errno 21");
    assertThat(Files.readString(dir.resolve("inside.txt"))).isEqualTo("kept");
    try (var names = Files.list(workdir)) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("d");
    }
  }

  @Test
  void unnamedTempFilesAreAvailableOnThisLinuxMachine() {
    assertThat(Libc.AVAILABLE).as("FFM libc binding (O_TMPFILE, killpg)").isTrue();
  }
}
