package dev.localagent.cli.commands;

import dev.localagent.bench.tools.FileIoBench;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench fileio}: small-file and durable atomic write rates next to C and Python. */
@Command(
    name = "fileio",
    description = "Small-file write+read rate and durable atomic writes/s (what fs.write does), next to"
        + " C and Python doing the same system calls in the same run (needs gcc, python3).")
public final class BenchFileIoCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--files", defaultValue = "5000", description = "Files per small-file run (default ${DEFAULT-VALUE}).")
  int files;

  @Option(names = "--atomic-writes", defaultValue = "300", description = "Writes per atomic run (default ${DEFAULT-VALUE}).")
  int atomicWrites;

  @Option(names = "--size", defaultValue = "1024", description = "Bytes per file (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--runs", defaultValue = "3", description = "Runs per variant; the median is reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--dir", description = "Where to write (default: the system temp directory).")
  Path dir;

  @Override
  public void run() {
    Path where = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      FileIoBench.run(new FileIoBench.Options(files, atomicWrites, size, runs, where), spec.commandLine().getOut());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("fileio benchmark failed: " + e.getMessage(), e);
    }
  }
}
