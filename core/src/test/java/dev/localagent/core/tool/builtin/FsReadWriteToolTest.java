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
  void aFileReadWholeAndAFileReadAsAStreamGiveTheSameLines() throws IOException {
    // Just under and just over the size read whole into one array, with every line ending
    // readLine knows, a last line without one, and malformed UTF-8 (replaced, not an error).
    String unit = "crlf\r\nlf\ncr\rbad \u00e9";
    for (int size : new int[] {FsReadTool.WHOLE_FILE_BYTES - 1, FsReadTool.WHOLE_FILE_BYTES + 1}) {
      var bytes = new java.io.ByteArrayOutputStream();
      while (bytes.size() < size - 20) {
        bytes.writeBytes(unit.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes.write(0xC3); // a lone UTF-8 lead byte
        bytes.write('\n');
      }
      bytes.writeBytes("x".repeat(size - bytes.size()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Path file = Files.write(workdir.resolve("f" + size), bytes.toByteArray());
      String expected = new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .map(line -> line + "\n").collect(Collectors.joining());
      ToolResult result = call(new FsReadTool(), workdir, "path", file.getFileName().toString(),
          "max_lines", 100_000, "max_bytes", 1_000_000);
      assertThat(result.content()).as("%d bytes", size).isEqualTo(expected).contains("bad \u00e9\uFFFD\n");
    }
  }

  @Test
  void aSmallFileComesBackAsItsLinesWhetherOrNotItIsAlreadyInThatForm() throws IOException {
    Files.writeString(workdir.resolve("plain"), "a\nb\n");
    Files.writeString(workdir.resolve("crlf"), "a\r\nb\r\n");
    Files.writeString(workdir.resolve("open-end"), "a\nb");
    assertThat(call(new FsReadTool(), workdir, "path", "plain").content()).isEqualTo("a\nb\n");
    assertThat(call(new FsReadTool(), workdir, "path", "crlf").content()).isEqualTo("a\nb\n");
    assertThat(call(new FsReadTool(), workdir, "path", "open-end").content()).isEqualTo("a\nb\n");
    assertThat(call(new FsReadTool(), workdir, "path", "plain", "max_lines", 2).content()).isEqualTo("a\nb\n");
    assertThat(call(new FsReadTool(), workdir, "path", "plain", "max_lines", 1).content())
        .isEqualTo("a\n[truncated: showing lines 1-1; more follow, read on with start_line=2]");
    assertThat(call(new FsReadTool(), workdir, "path", "plain", "max_bytes", 4).content()).isEqualTo("a\nb\n");
    assertThat(call(new FsReadTool(), workdir, "path", "plain", "max_bytes", 3).content())
        .isEqualTo("a\n[truncated: showing lines 1-1; more follow, read on with start_line=2]");
    assertThat(call(new FsReadTool(), workdir, "path", "plain", "start_line", 2).content()).isEqualTo("b\n");
  }

  @Test
  void aNulByteInTheFirst8KiBMakesAFileBinaryEvenWhenItIsReadAsAStream() throws IOException {
    byte[] big = "a\n".repeat(FsReadTool.WHOLE_FILE_BYTES).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    big[8191] = 0;
    Files.write(workdir.resolve("big.bin"), big);
    assertThat(call(new FsReadTool(), workdir, "path", "big.bin").errorCode()).isEqualTo("LA-TOOL-005");
    big[8191] = 'a';
    big[8192] = 0; // past the sniffed head: read as text, as git and ripgrep would
    Files.write(workdir.resolve("big.bin"), big);
    assertThat(call(new FsReadTool(), workdir, "path", "big.bin").ok()).isTrue();
  }

  @Test
  void anEmptyFileReadsAsEmptyText() throws IOException {
    Files.write(workdir.resolve("empty"), new byte[0]);
    ToolResult result = call(new FsReadTool(), workdir, "path", "empty");
    assertThat(result.ok()).isTrue();
    assertThat(result.content()).isEmpty();
  }

  @Test
  void aFifoIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = workdir.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    // Opening it would block until a writer came; the call returns at once with a clear code.
    assertThat(call(new FsReadTool(), workdir, "path", "pipe").errorCode()).isEqualTo("LA-TOOL-005");
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
  void aWriteIntoAnExistingDirectoryThroughASymlinkOutsideIsRefused() throws IOException {
    Path outside = Files.createTempDirectory("la-outside");
    try {
      Files.createSymbolicLink(workdir.resolve("link"), outside);
      ToolResult result = call(new FsWriteTool(), workdir, "path", "link/x.txt", "content", "x");
      assertThat(result.errorCode()).isEqualTo("LA-TOOL-002");
      assertThat(outside.resolve("x.txt")).doesNotExist();
      assertThat(call(new FsWriteTool(), workdir, "path", "top.txt", "content", "t").ok()).isTrue();
      assertThat(Files.readString(workdir.resolve("top.txt"))).isEqualTo("t");
    } finally {
      try (var left = Files.list(outside)) {
        for (Path p : left.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(outside);
    }
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
  void lstatGivesTheTypePermissionsAndSizeOfThePathItselfOrMinusErrno() throws IOException {
    Path file = Files.writeString(workdir.resolve("f"), "xyz");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x--x"));
    Files.createSymbolicLink(workdir.resolve("dangling"), workdir.resolve("nowhere"));
    assertThat(Libc.canLstat()).as("statx through libc on this Linux machine").isTrue();
    try (FileScratch scratch = FileScratch.take()) {
      assertThat(Libc.lstat(scratch, Libc.CWD, file.toString())).isEqualTo(Libc.S_IFREG | 0751);
      assertThat(Libc.statxSize(scratch)).isEqualTo(3);
      assertThat(Libc.lstat(scratch, Libc.CWD, workdir.toString()) & Libc.S_IFMT).isEqualTo(Libc.S_IFDIR);
      assertThat(Libc.lstat(scratch, Libc.CWD, workdir.resolve("dangling").toString()) & Libc.S_IFMT)
          .isEqualTo(Libc.S_IFLNK); // the link itself, not its (missing) target
      assertThat(Libc.lstat(scratch, Libc.CWD, workdir.resolve("missing").toString())).isEqualTo(-Libc.ENOENT);
      assertThat(Libc.lstat(scratch, Libc.CWD, file.resolve("below").toString())).isEqualTo(-Libc.ENOTDIR);
    }
  }

  @Test
  void unnamedTempFilesAreAvailableOnThisLinuxMachine() {
    assertThat(Libc.AVAILABLE).as("FFM libc binding (O_TMPFILE, killpg)").isTrue();
  }

  @Test
  void anUnnamedFileGetsItsNameThroughItsDescriptorAndThroughProcAlike() throws IOException {
    try (FileScratch scratch = FileScratch.take()) {
      int dirfd = Libc.openDirectory(scratch, workdir.toString());
      assertThat(dirfd).isNotNegative();
      try {
        for (String name : java.util.List.of("by-descriptor", "through-proc")) {
          int fd = Libc.openTmpFileIn(scratch, dirfd, 0640);
          assertThat(fd).isNotNegative();
          try {
            assertThat(Libc.writeFully(scratch, fd, name.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isZero();
            int rc = name.equals("by-descriptor")
                ? Libc.linkUnnamed(scratch, fd, dirfd, name)
                : Libc.linkThroughProc(scratch, fd, dirfd, name);
            assertThat(rc).isZero();
          } finally {
            Libc.close(fd);
          }
          assertThat(Files.readString(workdir.resolve(name))).isEqualTo(name);
        }
        assertThat(Libc.linkUnnamed(scratch, 9999, dirfd, "bad-fd")).isNegative();
      } finally {
        Libc.close(dirfd);
      }
    }
  }

  @Test
  void aFileThatGrewAfterItsCheckIsReadWhole() throws IOException {
    Path file = Files.writeString(workdir.resolve("growing.txt"), "one\n");
    var workspace = new Workspace(workdir);
    Workspace.Resolved checked = workspace.resolveExisting("growing.txt");
    Files.writeString(file, "two\nthree\n", java.nio.file.StandardOpenOption.APPEND);

    var request = new dev.localagent.api.tool.ToolRequest("call-1", java.util.Map.of("path", "growing.txt"), workdir);
    ToolResult result = FsReadTool.read(workspace, "growing.txt", checked, new Args(request));

    assertThat(result.content()).isEqualTo("one\ntwo\nthree\n");
  }

  @Test
  void aWriteOverAFileWhoseModeTheCallerSawKeepsItsPermissions() throws IOException {
    Path file = Files.writeString(workdir.resolve("script.sh"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    var workspace = new Workspace(workdir);
    Workspace.Resolved checked = workspace.forWrite("script.sh");
    assertThat(checked.isRegularFile()).isTrue();

    AtomicFiles.write(checked.path(), "new".getBytes(java.nio.charset.StandardCharsets.UTF_8), checked.mode());

    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwx------");
  }
}
