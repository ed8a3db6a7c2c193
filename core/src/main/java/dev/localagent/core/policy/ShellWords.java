package dev.localagent.core.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a shell command string into words the way a POSIX shell does (quotes, backslashes),
 * and notes every construct only a shell can run: separators, pipes, redirects, substitutions,
 * variables, globs, tildes, subshells. A string with none of them can be run as a plain argv
 * without a shell; policy rules match on these words, never on raw text.
 */
public final class ShellWords {
  /** Shell constructs found outside single quotes. */
  public enum Feature { SEQUENCE, PIPE, BACKGROUND, REDIRECT, SUBSTITUTION, VARIABLE, GLOB, TILDE, SUBSHELL, COMMENT }

  /** The simple commands of the string (split at ; && || | & and newlines) and its features. */
  public record Parsed(List<List<String>> commands, Set<Feature> features) {
    public Parsed {
      commands = commands.stream().map(List::copyOf).toList();
      features = features.isEmpty() ? Set.of() : Set.copyOf(features);
    }

    /** True when a shell is needed to run it; false means {@code commands().get(0)} is the argv. */
    public boolean needsShell() {
      return !features.isEmpty() || commands.size() != 1;
    }
  }

  /** The string is not complete shell syntax: an unterminated quote or a trailing backslash. */
  public static final class SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  private final String text;
  private final List<List<String>> commands = new ArrayList<>();
  private final Set<Feature> features = EnumSet.noneOf(Feature.class);
  private List<String> current = new ArrayList<>();
  private StringBuilder word;
  private int i;

  private ShellWords(String text) {
    this.text = text;
  }

  /**
   * @throws SyntaxException on an unterminated quote or trailing backslash
   */
  public static Parsed parse(String text) {
    var parser = new ShellWords(text);
    parser.run();
    return new Parsed(parser.commands, parser.features);
  }

  private void run() {
    while (i < text.length()) {
      char c = text.charAt(i);
      switch (c) {
        case ' ', '\t' -> { endWord(); i++; }
        case '\n', ';' -> separator(Feature.SEQUENCE, 1);
        case '&' -> separator(next('&') ? Feature.SEQUENCE : Feature.BACKGROUND, next('&') ? 2 : 1);
        case '|' -> separator(next('|') ? Feature.SEQUENCE : Feature.PIPE, next('|') ? 2 : 1);
        case '<', '>' -> { endWord(); features.add(Feature.REDIRECT); i++; }
        case '(', ')' -> { endWord(); features.add(Feature.SUBSHELL); i++; }
        case '\'' -> singleQuoted();
        case '"' -> doubleQuoted();
        case '\\' -> escaped();
        case '`' -> { features.add(Feature.SUBSTITUTION); append(c); i++; }
        case '$' -> expansion();
        case '*', '?', '[' -> { features.add(Feature.GLOB); append(c); i++; }
        case '~' -> { if (word == null) { features.add(Feature.TILDE); } append(c); i++; }
        case '#' -> comment(c);
        default -> { append(c); i++; }
      }
    }
    endWord();
    endCommand();
  }

  private boolean next(char c) {
    return i + 1 < text.length() && text.charAt(i + 1) == c;
  }

  private void separator(Feature feature, int width) {
    endWord();
    endCommand();
    features.add(feature);
    i += width;
  }

  private void singleQuoted() {
    int end = text.indexOf('\'', i + 1);
    if (end < 0) {
      throw new SyntaxException("unterminated single quote at position " + i);
    }
    startWord().append(text, i + 1, end);
    i = end + 1;
  }

  private void doubleQuoted() {
    StringBuilder w = startWord();
    int start = i;
    i++;
    while (i < text.length() && text.charAt(i) != '"') {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && "$`\"\\\n".indexOf(text.charAt(i + 1)) >= 0) {
        if (text.charAt(i + 1) != '\n') {
          w.append(text.charAt(i + 1));
        }
        i += 2;
        continue;
      }
      if (c == '`') {
        features.add(Feature.SUBSTITUTION);
      } else if (c == '$') {
        dollar();
      }
      w.append(c);
      i++;
    }
    if (i >= text.length()) {
      throw new SyntaxException("unterminated double quote at position " + start);
    }
    i++;
  }

  private void escaped() {
    if (i + 1 >= text.length()) {
      throw new SyntaxException("trailing backslash");
    }
    char c = text.charAt(i + 1);
    if (c != '\n') { // backslash-newline is a line continuation
      startWord().append(c);
    }
    i += 2;
  }

  /** An unquoted $: a $(..) or ${..} is kept whole in the word, so its parentheses are not operators. */
  private void expansion() {
    dollar();
    char open = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
    if (open != '(' && open != '{') {
      append('$');
      i++;
      return;
    }
    char close = open == '(' ? ')' : '}';
    int depth = 0;
    int start = i;
    for (i = i + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == open ? 1 : c == close ? -1 : 0;
      if (depth == 0) {
        break;
      }
    }
    if (i >= text.length()) {
      throw new SyntaxException("unterminated $" + open + " at position " + start);
    }
    startWord().append(text, start, ++i);
  }

  private void dollar() {
    char n = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
    if (n == '(' || n == '{') {
      features.add(n == '(' ? Feature.SUBSTITUTION : Feature.VARIABLE);
    } else if (Character.isLetterOrDigit(n) || "_@*#?$!-".indexOf(n) >= 0) {
      features.add(Feature.VARIABLE);
    }
  }

  private void comment(char c) {
    if (word != null) { // '#' inside a word is literal
      append(c);
      i++;
      return;
    }
    features.add(Feature.COMMENT);
    int end = text.indexOf('\n', i);
    i = end < 0 ? text.length() : end;
  }

  private StringBuilder startWord() {
    if (word == null) {
      word = new StringBuilder();
    }
    return word;
  }

  private void append(char c) {
    startWord().append(c);
  }

  private void endWord() {
    if (word != null) {
      current.add(word.toString());
      word = null;
    }
  }

  private void endCommand() {
    if (!current.isEmpty()) {
      commands.add(current);
      current = new ArrayList<>();
    }
  }
}
