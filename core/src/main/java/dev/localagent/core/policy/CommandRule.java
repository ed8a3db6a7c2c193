package dev.localagent.core.policy;

import dev.localagent.core.error.LocalAgentException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One allow or deny rule for shell.exec, matched word by word against a parsed argv, never
 * against raw text. Words are shell-quoted like a command; {@code *} and {@code ?} match within
 * one argument; a final {@code **} matches any remaining arguments (or none). A program word
 * without '/' matches the program's base name, so {@code git} matches {@code /usr/bin/git}.
 */
public record CommandRule(String text, List<Pattern> words, boolean openEnded) {
  public CommandRule {
    words = List.copyOf(words);
  }

  static CommandRule parse(String where, String text) {
    ShellWords.Parsed parsed;
    try {
      parsed = ShellWords.parse(text);
    } catch (ShellWords.SyntaxException e) {
      throw bad(where, text, e.getMessage());
    }
    boolean onlyGlobs = parsed.features().stream().allMatch(f -> f == ShellWords.Feature.GLOB);
    if (parsed.commands().size() != 1 || !onlyGlobs) {
      throw bad(where, text, "a rule is one command of plain words");
    }
    List<String> tokens = parsed.commands().getFirst();
    boolean openEnded = tokens.getLast().equals("**");
    List<String> fixed = openEnded ? tokens.subList(0, tokens.size() - 1) : tokens;
    if (fixed.isEmpty()) {
      throw bad(where, text, "a rule must name a program");
    }
    var patterns = new ArrayList<Pattern>(fixed.size());
    fixed.forEach(word -> patterns.add(glob(word)));
    return new CommandRule(text, patterns, openEnded);
  }

  /** True when {@code argv} is matched by this rule. */
  public boolean matches(List<String> argv) {
    if (argv.size() < words.size() || (!openEnded && argv.size() != words.size())) {
      return false;
    }
    for (int i = 0; i < words.size(); i++) {
      String arg = argv.get(i);
      if (i == 0 && !words.get(0).pattern().contains("/") && arg.contains("/")) {
        arg = arg.substring(arg.lastIndexOf('/') + 1);
      }
      if (!words.get(i).matcher(arg).matches()) {
        return false;
      }
    }
    return true;
  }

  private static Pattern glob(String word) {
    var regex = new StringBuilder();
    for (char c : word.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static LocalAgentException bad(String where, String text, String why) {
    return new LocalAgentException(PolicyErrors.BAD_CONFIG, where + " rule '" + text + "' is invalid: " + why,
        "write rules as words, e.g. \"git status **\"; '**' at the end matches any further arguments");
  }
}
