package dev.localagent.cli;

/**
 * The one place ANSI colours come from. A disabled style returns text unchanged, so with
 * {@code --no-color}, {@code NO_COLOR} or output that is not a terminal no escape code can leak.
 */
public final class Style {
  public static final Style PLAIN = new Style(false);
  public static final Style ANSI = new Style(true);

  private final boolean enabled;

  private Style(boolean enabled) {
    this.enabled = enabled;
  }

  /** Colour only when allowed by flags and environment and stdout is a terminal. */
  public static Style forContext(AppContext context) {
    var console = System.console();
    boolean terminal = console != null && console.isTerminal();
    return context.color() && terminal && !"dumb".equals(context.env().get("TERM")) ? ANSI : PLAIN;
  }

  public boolean enabled() {
    return enabled;
  }

  public String bold(String text) {
    return wrap("1", text);
  }

  public String red(String text) {
    return wrap("31", text);
  }

  public String green(String text) {
    return wrap("32", text);
  }

  public String yellow(String text) {
    return wrap("33", text);
  }

  public String dim(String text) {
    return wrap("2", text);
  }

  private String wrap(String code, String text) {
    return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
