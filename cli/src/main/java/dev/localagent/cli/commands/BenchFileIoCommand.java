package dev.localagent.cli.commands;

import dev.localagent.bench.tools.FileIoBench;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent bench fileio}: fs.write + fs.read of small files and durable atomic writes next to C and Python. */
@Command(
    name = "fileio",
    description = "Small files written with fs.write and read back with fs.read (the tools, in this JVM), and"
        + " durable atomic writes/s (what fs.write does to an existing file), next to C and Python doing the same"
        + " work in the same run; an unchecked C loop without fsync beside (needs gcc, python3).")
public final class BenchFileIoCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--files", defaultValue = "1000", description = "Files per small-file run, each written and read once (default ${DEFAULT-VALUE}).")
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
