package dev.localagent.cli;

/** The process entry point: the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = Cli.run(args, System.out, System.err, System.getenv());
    System.exit(code);
  }
}
