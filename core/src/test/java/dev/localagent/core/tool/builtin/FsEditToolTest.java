package dev.localagent.core.tool.builtin;

import static dev.localagent.core.tool.builtin.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsEditToolTest {
  @TempDir Path workdir;

  private Path file(String content) throws IOException {
    return Files.writeString(workdir.resolve("f.txt"), content);
  }

  @Test
  void replacesAUniqueString() throws IOException {
    Path f = file("alpha\nbeta\ngamma\n");
    ToolResult r = call(new FsEditTool(), workdir, "path", "f.txt", "old_string", "beta", "new_string", "BETA");
    assertThat(r.content()).isEqualTo("replaced 1 occurrence(s) in f.txt");
    assertThat(Files.readString(f)).isEqualTo("alpha\nBETA\ngamma\n");
  }

  @Test
  void refusesAnAmbiguousStringUnlessReplaceAll() throws IOException {
    Path f = file("x = 1\nx = 1\n");
    ToolResult r = call(new FsEditTool(), workdir, "path", "f.txt", "old_string", "x = 1", "new_string", "y");
    assertThat(r.errorCode()).isEqualTo("LA-TOOL-007");
    assertThat(r.content()).startsWith("old_string occurs 2 times");
    assertThat(Files.readString(f)).isEqualTo("x = 1\nx = 1\n");
    call(new FsEditTool(), workdir, "path", "f.txt", "old_string", "x = 1", "new_string", "y", "replace_all", true);
    assertThat(Files.readString(f)).isEqualTo("y\ny\n");
  }

  @Test
  void reportsAMissingStringAndLeavesTheFile() throws IOException {
    Path f = file("abc");
    ToolResult r = call(new FsEditTool(), workdir, "path", "f.txt", "old_string", "abd", "new_string", "x");
    assertThat(r.errorCode()).isEqualTo("LA-TOOL-006");
    assertThat(Files.readString(f)).isEqualTo("abc");
  }

  @Test
  void appliesAUnifiedDiffWithSeveralHunks() throws IOException {
    Path f = file("one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n");
    String patch = """
        --- a/f.txt
        +++ b/f.txt
        @@ -1,3 +1,3 @@
         one
        -two
        +TWO
         three
        @@ -8,3 +8,4 @@
         eight
         nine
        +nine and a half
         ten
        """;
    ToolResult r = call(new FsEditTool(), workdir, "path", "f.txt", "patch", patch);
    assertThat(r.content()).isEqualTo("applied 2 hunk(s) to f.txt");
    assertThat(Files.readString(f))
        .isEqualTo("one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\nnine\nnine and a half\nten\n");
  }

  @Test
  void appliesAHunkWhoseLineNumbersAreOffWhenTheContextMatches() throws IOException {
    Path f = file("header\nextra\nfoo\nbar\nbaz\n");
    String patch = "@@ -1,3 +1,3 @@\n foo\n-bar\n+BAR\n baz\n";
    assertThat(call(new FsEditTool(), workdir, "path", "f.txt", "patch", patch).ok()).isTrue();
    assertThat(Files.readString(f)).isEqualTo("header\nextra\nfoo\nBAR\nbaz\n");
  }

  @Test
  void refusesAPatchWhoseContextDoesNotMatch() throws IOException {
    Path f = file("a\nb\nc\n");
    String patch = "@@ -1,3 +1,3 @@\n a\n-x\n+y\n c\n";
    ToolResult r = call(new FsEditTool(), workdir, "path", "f.txt", "patch", patch);
    assertThat(r.errorCode()).isEqualTo("LA-TOOL-008");
    assertThat(r.content()).contains("regenerate the diff");
    assertThat(Files.readString(f)).isEqualTo("a\nb\nc\n");
  }

  @Test
  void refusesTextThatIsNotADiff() throws IOException {
    file("a\n");
    ToolResult r = call(new FsEditTool(), workdir, "path", "f.txt", "patch", "please change a to b");
    assertThat(r.errorCode()).isEqualTo("LA-TOOL-008");
    assertThat(r.content()).isEqualTo("patch has no @@ hunk headers; send a unified diff");
  }

  @Test
  void keepsAMissingFinalNewline() throws IOException {
    Path f = file("a\nb");
    String patch = "@@ -1,2 +1,2 @@\n-a\n+A\n b\n\\ No newline at end of file\n";
    assertThat(call(new FsEditTool(), workdir, "path", "f.txt", "patch", patch).ok()).isTrue();
    assertThat(Files.readString(f)).isEqualTo("A\nb");
  }
}
