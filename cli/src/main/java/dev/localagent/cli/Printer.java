package dev.localagent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * How a command prints its result: {@link Human} for people (text, tables, colour through
 * {@link Style}) or {@link Json} for {@code --json} (one JSON document on stdout, snake_case keys).
 * Commands hand over data and a human rendering; the printer picks.
 */
public sealed interface Printer permits Printer.Human, Printer.Json {

  static Printer of(AppContext context) {
    return context.json() ? new Json(context.out()) : new Human(context.out(), Style.forContext(context));
  }

  /** Prints {@code data} as JSON, or the text {@code human} renders with the style. */
  void print(Object data, Function<Style, String> human);

  /** Prints rows: an aligned table for people, an array of objects keyed by column for JSON. */
  void table(List<String> columns, List<List<String>> rows, CellStyler styler);

  /** Colours one cell of a table; gets the column name and the plain text. */
  @FunctionalInterface
  interface CellStyler {
    CellStyler NONE = (style, column, text) -> text;

    String apply(Style style, String column, String text);
  }

  record Human(PrintWriter out, Style style) implements Printer {
    @Override
    public void print(Object data, Function<Style, String> human) {
      out.println(human.apply(style));
      out.flush();
    }

    @Override
    public void table(List<String> columns, List<List<String>> rows, CellStyler styler) {
      int[] widths = new int[columns.size()];
      for (int c = 0; c < widths.length; c++) {
        widths[c] = columns.get(c).length();
        for (var row : rows) {
          widths[c] = Math.max(widths[c], row.get(c).length());
        }
      }
      out.println(line(columns, widths, (s, col, text) -> s.bold(text)));
      rows.forEach(row -> out.println(line(row, widths, (s, col, text) -> styler.apply(s, columns.get(col), text))));
      out.flush();
    }

    private String line(List<String> cells, int[] widths, IndexedStyler styler) {
      var text = new StringBuilder();
      for (int c = 0; c < cells.size(); c++) {
        String cell = cells.get(c);
        boolean last = c == cells.size() - 1;
        text.append(styler.apply(style, c, cell)).append(last ? "" : " ".repeat(widths[c] - cell.length() + 2));
      }
      return text.toString().stripTrailing();
    }

    private interface IndexedStyler {
      String apply(Style style, int column, String text);
    }
  }

  record Json(PrintWriter out) implements Printer {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    @Override
    public void print(Object data, Function<Style, String> human) {
      try {
        out.println(MAPPER.writeValueAsString(data));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write JSON for " + data.getClass().getName(), e);
      }
      out.flush();
    }

    @Override
    public void table(List<String> columns, List<List<String>> rows, CellStyler styler) {
      var objects = rows.stream().map(row -> {
        var object = new LinkedHashMap<String, String>();
        for (int c = 0; c < columns.size(); c++) {
          object.put(columns.get(c), row.get(c));
        }
        return object;
      }).toList();
      print(objects, style -> "");
    }
  }
}
