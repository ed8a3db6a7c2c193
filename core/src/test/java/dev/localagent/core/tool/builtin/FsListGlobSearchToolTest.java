package dev.localagent.core.tool.builtin;

import static dev.localagent.core.tool.builtin.ToolCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsListGlobSearchToolTest {
  @TempDir Path workdir;

  private void write(String path, String content) throws IOException {
    Path file = workdir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void listShowsDirectoriesWithSlashAndSymlinksWithAt() throws IOException {
    write("b.txt", "");
    write("a/x.txt", "");
    Files.createSymbolicLink(workdir.resolve("l"), workdir.resolve("b.txt"));
    assertThat(call(new FsListTool(), workdir).content()).isEqualTo("a/\nb.txt\nl@\n");
    assertThat(call(new FsListTool(), workdir, "path", "b.txt").errorCode()).isEqualTo("LA-TOOL-001");
  }

  @Test
  void globMatchesTopLevelAndNestedFilesWithDoubleStar() throws IOException {
    write("Main.java", "");
    write("src/a/B.java", "");
    write("src/a/c.txt", "");
    assertThat(call(new FsGlobTool(), workdir, "pattern", "**/*.java").content()).isEqualTo("Main.java\nsrc/a/B.java\n");
    assertThat(call(new FsGlobTool(), workdir, "pattern", "*.txt", "path", "src/a").content()).isEqualTo("src/a/c.txt\n");
    assertThat(call(new FsGlobTool(), workdir, "pattern", "**/*.py").content()).isEqualTo("no files match\n");
    assertThat(call(new FsGlobTool(), workdir, "pattern", "src/{a").errorCode()).isEqualTo("LA-TOOL-014");
  }

  @Test
  void searchReportsPathLineAndTextForRegexMatches() throws IOException {
    write("a.txt", "one\nTODO: fix\nthree\n");
    write("sub/b.md", "nothing\n  todo later\n");
    assertThat(call(new FsSearchTool(), workdir, "pattern", "TODO").content()).isEqualTo("a.txt:2: TODO: fix\n");
    assertThat(call(new FsSearchTool(), workdir, "pattern", "todo", "ignore_case", true).content())
        .isEqualTo("a.txt:2: TODO: fix\nsub/b.md:2:   todo later\n");
    assertThat(call(new FsSearchTool(), workdir, "pattern", "t.d.", "glob", "**/*.md").content())
        .isEqualTo("sub/b.md:2:   todo later\n");
  }

  @Test
  void searchSkipsBinaryFilesAndStopsAtMaxResults() throws IOException {
    Files.write(workdir.resolve("bin.dat"), new byte[] {'h', 'i', 0, 'h', 'i'});
    write("many.txt", "hi\nhi\nhi\n");
    assertThat(call(new FsSearchTool(), workdir, "pattern", "hi", "max_results", 2).content())
        .isEqualTo("many.txt:1: hi\nmany.txt:2: hi\n[stopped at 2 matches; narrow the pattern or raise max_results]\n");
  }

  @Test
  void invalidRegexIsAClearError() {
    var result = call(new FsSearchTool(), workdir, "pattern", "foo(");
    assertThat(result.errorCode()).isEqualTo("LA-TOOL-014");
    assertThat(result.content()).startsWith("regex is invalid: Unclosed group");
  }

  @Test
  void searchAndGlobRespectGitignoreRules() throws IOException {
    write(".gitignore", """
        # build output
        target/
        *.log
        !keep.log
        /root-only.txt
        docs/**/generated
        """);
    write("target/out.txt", "needle");
    write("app.log", "needle");
    write("keep.log", "needle");
    write("root-only.txt", "needle");
    write("sub/root-only.txt", "needle");
    write("docs/a/b/generated/x.txt", "needle");
    write("docs/a/real.txt", "needle");
    write(".git/config", "needle");
    write("nested/.gitignore", "secret.txt\n");
    write("nested/secret.txt", "needle");
    write("nested/open.txt", "needle");
    write("other/secret.txt", "needle");
    // Walk order is the file system's, so compare the hits as a set.
    assertThat(call(new FsSearchTool(), workdir, "pattern", "needle").content().lines()).containsExactlyInAnyOrder(
        "docs/a/real.txt:1: needle",
        "keep.log:1: needle",
        "nested/open.txt:1: needle",
        "other/secret.txt:1: needle",
        "sub/root-only.txt:1: needle");
    assertThat(call(new FsGlobTool(), workdir, "pattern", "**/*.log").content()).isEqualTo("keep.log\n");
  }
}
