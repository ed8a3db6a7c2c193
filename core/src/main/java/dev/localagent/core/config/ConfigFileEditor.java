package dev.localagent.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Sets one scalar key in the text of a YAML file without re-dumping it, so comments, key order,
 * formatting and unknown keys survive: an existing value is replaced in place, a missing key is
 * inserted as a block at the end of its parent mapping.
 */
public final class ConfigFileEditor {
  private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_./~+-][A-Za-z0-9_ ./~+@-]*");

  private ConfigFileEditor() {}

  /** The edited text, or why the edit cannot be made. */
  public sealed interface Edit permits Edited, Refused {}

  public record Edited(String text) implements Edit {}

  public record Refused(String reason) implements Edit {}

  /** Sets {@code keyPath} (dotted) to {@code value} (YAML scalar text, e.g. {@code 9000}). */
  public static Edit set(String source, String text, String keyPath, String value) {
    List<String> parts = Arrays.asList(keyPath.split("\\."));
    String formatted = format(value);
    Optional<Node> document = YamlLayer.compose(source, text);
    if (document.isEmpty() || isNull(document.get())) {
      return new Edited(appendAtEnd(text, block(parts, 0, formatted)));
    }
    if (!(document.get() instanceof MappingNode root)) {
      return new Refused("the file's top level is not a mapping");
    }
    return set(text, root, parts, 0, formatted, 0);
  }

  private static Edit set(String text, MappingNode mapping, List<String> parts, int depth,
      String formatted, int indent) {
    String key = parts.get(depth);
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return setInTuple(text, tuple, parts, depth, formatted);
      }
    }
    if (mapping.getFlowStyle() == FlowStyle.FLOW) {
      return new Refused("'" + String.join(".", parts.subList(0, depth)) + "' is written in flow style {...}");
    }
    int childIndent = mapping.getValue().isEmpty() ? indent
        : mapping.getValue().getFirst().getKeyNode().getStartMark().orElseThrow().getColumn();
    int at = lineAfter(text, mapping.getValue().getLast().getValueNode());
    return new Edited(insert(text, at, block(parts.subList(depth, parts.size()), childIndent, formatted)));
  }

  private static Edit setInTuple(String text, NodeTuple tuple, List<String> parts, int depth, String formatted) {
    Node value = tuple.getValueNode();
    boolean last = depth == parts.size() - 1;
    int keyColumn = tuple.getKeyNode().getStartMark().orElseThrow().getColumn();
    if (last && value instanceof ScalarNode scalar) {
      if (isNull(scalar) && scalar.getValue().isEmpty()) {
        int at = offset(text, tuple.getKeyNode().getEndMark().orElseThrow().getIndex());
        int colon = text.indexOf(':', at);
        return new Edited(text.substring(0, colon + 1) + " " + formatted + text.substring(colon + 1));
      }
      return new Edited(replace(text, value, formatted));
    }
    if (last) {
      return new Refused("'" + String.join(".", parts) + "' is a mapping or list; set its keys one by one");
    }
    if (value instanceof MappingNode child) {
      return set(text, child, parts, depth + 1, formatted, keyColumn + 2);
    }
    if (isNull(value)) {
      int at = lineAfter(text, tuple.getKeyNode());
      return new Edited(insert(text, at, block(parts.subList(depth + 1, parts.size()), keyColumn + 2, formatted)));
    }
    return new Refused("'" + String.join(".", parts.subList(0, depth + 1)) + "' is not a mapping");
  }

  private static String replace(String text, Node value, String formatted) {
    int start = offset(text, value.getStartMark().orElseThrow().getIndex());
    int end = offset(text, value.getEndMark().orElseThrow().getIndex());
    return text.substring(0, start) + formatted + text.substring(end);
  }

  /** The block {@code a:\n  b: value} for the remaining key parts, each line indented. */
  private static String block(List<String> parts, int indent, String formatted) {
    var out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      out.append(" ".repeat(indent + 2 * i)).append(parts.get(i)).append(':');
      out.append(i == parts.size() - 1 ? " " + formatted + "\n" : "\n");
    }
    return out.toString();
  }

  private static int lineAfter(String text, Node node) {
    int end = offset(text, node.getEndMark().orElseThrow().getIndex());
    if (end > 0 && text.charAt(end - 1) == '\n') {
      return end;
    }
    int newline = text.indexOf('\n', end);
    return newline < 0 ? text.length() : newline + 1;
  }

  private static String insert(String text, int at, String block) {
    String before = text.substring(0, at);
    return (before.isEmpty() || before.endsWith("\n") ? before : before + "\n") + block + text.substring(at);
  }

  private static String appendAtEnd(String text, String block) {
    return insert(text, text.length(), block);
  }

  /** snakeyaml-engine marks count code points; Java strings index UTF-16 units. */
  private static int offset(String text, int codePointIndex) {
    return text.offsetByCodePoints(0, Math.min(codePointIndex, text.codePointCount(0, text.length())));
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(org.snakeyaml.engine.v2.nodes.Tag.NULL);
  }

  /** Writes the value plain when it reads back as itself, else as a double-quoted string. */
  static String format(String value) {
    Object typed = Scalars.fromText(value);
    if (!(typed instanceof String) && typed != null) {
      return value.strip();
    }
    if (PLAIN_SAFE.matcher(value).matches() && value.equals(typed)) {
      return value;
    }
    var quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> quoted.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return quoted.append('"').toString();
  }
}
