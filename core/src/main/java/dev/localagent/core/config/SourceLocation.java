package dev.localagent.core.config;

/**
 * Where a configuration value came from: a file with 1-based line and column, or a non-file
 * source such as an environment variable, a command-line flag or the built-in defaults.
 */
public record SourceLocation(String source, int line, int column) {
  public static final SourceLocation DEFAULTS = new SourceLocation("built-in defaults", 0, 0);

  public static SourceLocation of(String source) {
    return new SourceLocation(source, 0, 0);
  }

  public boolean inFile() {
    return line > 0;
  }

  @Override
  public String toString() {
    return inFile() ? source + ":" + line + ":" + column : source;
  }
}
