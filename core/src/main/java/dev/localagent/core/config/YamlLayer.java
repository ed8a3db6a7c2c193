package dev.localagent.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one YAML 1.2 document (core schema) into a {@link ConfigTree}, keeping the line and
 * column of every key and expanding {@code ${VAR}} in string values. Syntax errors and missing
 * variables come back as problems; nothing is thrown to the caller.
 */
public final class YamlLayer {
  /** Immutable; building it compiles the core schema's regular expressions. */
  private static final CoreSchema CORE_SCHEMA = new CoreSchema();

  private final String source;
  private final EnvExpander expander;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Map<String, SourceLocation> locations = new LinkedHashMap<>();

  private YamlLayer(String source, Map<String, String> env) {
    this.source = source;
    this.expander = new EnvExpander(env);
  }

  /** The tree of {@code text} (named {@code source} in messages) and what was wrong with it. */
  public record Result(ConfigTree tree, List<ConfigProblem> problems) {
    public boolean hasErrors() {
      return problems.stream().anyMatch(ConfigProblem::isError);
    }
  }

  public static Result parse(String source, String text, Map<String, String> env) {
    return new YamlLayer(source, env).parse(text);
  }

  /** Parses a YAML document into nodes with marks, for editors that need exact positions. */
  public static Optional<Node> compose(String source, String text) {
    return new Compose(settings(source)).composeString(text);
  }

  static LoadSettings settings(String source) {
    return LoadSettings.builder()
        .setLabel(source)
        .setSchema(CORE_SCHEMA)
        .setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(20)
        .build();
  }

  private Result parse(String text) {
    Optional<Node> document;
    try {
      document = compose(source, text);
    } catch (MarkedYamlEngineException e) {
      var mark = e.getProblemMark().or(e::getContextMark);
      String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      return failed(at(mark), "valid YAML", problem.strip());
    } catch (YamlEngineException e) {
      return failed(SourceLocation.of(source), "valid YAML", String.valueOf(e.getMessage()));
    }
    var root = new LinkedHashMap<String, Object>();
    if (document.isEmpty() || isNull(document.get())) {
      return new Result(new ConfigTree(root, locations), problems);
    }
    if (!(document.get() instanceof MappingNode mapping)) {
      return failed(at(document.get().getStartMark()), "a mapping of sections", describe(document.get()));
    }
    locations.put("", at(mapping.getStartMark()));
    root.putAll(readMapping(mapping, ""));
    return new Result(new ConfigTree(root, locations), problems);
  }

  private Result failed(SourceLocation at, String expected, String found) {
    problems.add(ConfigProblem.error(ConfigErrors.SYNTAX, at, "", expected, found,
        "fix the file by hand; it was not changed"));
    return new Result(ConfigTree.empty(), problems);
  }

  private Map<String, Object> readMapping(MappingNode mapping, String path) {
    var map = new LinkedHashMap<String, Object>();
    for (var tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : describe(keyNode);
      String childPath = ConfigTree.child(path, key);
      locations.put(childPath, at(keyNode.getStartMark()));
      map.put(key, read(tuple.getValueNode(), childPath));
    }
    return map;
  }

  // instanceof rather than a pattern switch, which spins a class at its first run in every process.
  private Object read(Node node, String path) {
    if (node instanceof MappingNode mapping) {
      return readMapping(mapping, path);
    }
    if (node instanceof SequenceNode sequence) {
      var list = new ArrayList<>();
      for (var item : sequence.getValue()) {
        String itemPath = path + "[" + list.size() + "]";
        locations.put(itemPath, at(item.getStartMark()));
        list.add(read(item, itemPath));
      }
      return list;
    }
    return node instanceof ScalarNode scalar ? scalar(scalar, path) : null;
  }

  private Object scalar(ScalarNode node, String path) {
    Tag tag = node.getTag();
    String value = node.getValue();
    // snakeyaml-engine tags a plain "${VAR}" scalar as !ENV_VARIABLE; it is a string we expand.
    if (tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG)) {
      return expander.expand(value, name -> missingVariable(name, node, path));
    }
    return Scalars.typed(tag, value);
  }

  private void missingVariable(String name, Node node, String path) {
    problems.add(ConfigProblem.error(ConfigErrors.MISSING_ENV, at(node.getStartMark()), path,
        "environment variable " + name + " to be set", "it unset",
        "export " + name + ", or write ${" + name + ":-default}"));
  }

  private SourceLocation at(Optional<Mark> mark) {
    return mark.map(m -> new SourceLocation(source, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourceLocation.of(source));
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  static String describe(Node node) {
    return switch (node) {
      case MappingNode ignored -> "a mapping";
      case SequenceNode ignored -> "a list";
      case ScalarNode scalar -> "\"" + scalar.getValue() + "\"";
      default -> "a node";
    };
  }
}
