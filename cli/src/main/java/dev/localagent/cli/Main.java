package dev.localagent.cli;

/** The process entry point: the only place that ends the process with an exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0 || otherThreadsKeepTheJvmAlive()) {
      System.exit(code);
    }
    // Returning from main ends the JVM like System.exit(0) (shutdown hooks run, status 0) once no
    // other non-daemon thread is left, but skips Runtime.exit's debug logging: that looks up a
    // System.Logger, and the lookup scans every jar on the class path for a LoggerFinder service,
    // opening all 40 of them - a tenth of a short command's start-up.
  }

  /** What {@link #main} runs before it exits; AotTraining runs it too, so the short cache holds its path. */
  static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
    StartupTrace.mark("main");
    int code = Cli.run(args, out, err, System.getenv());
    StartupTrace.mark("command done");
    return code;
  }

  /** True if a platform thread other than this one would keep the JVM running after main returns. */
  static boolean otherThreadsKeepTheJvmAlive() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      Thread thread = threads[i];
      if (thread != Thread.currentThread() && !thread.isDaemon() && thread.isAlive()) {
        return true;
      }
    }
    // A full array may have missed threads: then assume the worst and exit explicitly.
    return count == threads.length;
  }
}
