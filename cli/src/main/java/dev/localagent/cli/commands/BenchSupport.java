package dev.localagent.cli.commands;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the bench commands share: where the packaged CLI is and a one-line machine description. */
final class BenchSupport {
  private BenchSupport() {}

  /** The packaged cli/target/localagent.jar (also when running from target/classes in a build). */
  static Path cliJar() {
    try {
      Path location = Path.of(BenchSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path target = Files.isDirectory(location) ? location.getParent() : location.getParent();
      return target.resolve("localagent.jar");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String machine() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return "machine: " + os.getAvailableProcessors() + " cpus, load average " + String.format(
        java.util.Locale.ROOT, "%.2f", os.getSystemLoadAverage()) + ", " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + ", Java " + Runtime.version();
  }
}
