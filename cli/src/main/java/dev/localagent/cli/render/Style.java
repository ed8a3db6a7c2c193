package dev.localagent.cli.render;

/** Every colour the CLI prints goes through here, so --no-color and NO_COLOR cannot leak ANSI. */
public record Style(boolean color) {
  public String dim(String text) {
    return wrap("2", text);
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

  public String cyan(String text) {
    return wrap("36", text);
  }

  private String wrap(String code, String text) {
    return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
