package dev.localagent.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.Event;
import dev.localagent.core.error.ErrorCode;
import dev.localagent.gateway.GatewayErrors;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md is checked against the protocol table, the error codes and the event types. */
class ProtocolDocTest {
  private static final Path DOC = Path.of("..", "docs", "PROTOCOL.md");
  private static final Pattern CODE = Pattern.compile("`(LA-[A-Z]+-\\d{3})`");

  private static String doc() throws IOException {
    return Files.readString(DOC);
  }

  /** The table rows of one "## " section, as written. */
  private static List<String> rows(String doc, String heading) {
    int start = doc.indexOf("## " + heading + "\n");
    assertThat(start).as("section '%s' in PROTOCOL.md", heading).isNotNegative();
    int end = doc.indexOf("\n## ", start + 3);
    String section = doc.substring(start, end < 0 ? doc.length() : end);
    return section.lines().filter(line -> line.startsWith("| `")).toList();
  }

  static String expectedRow(MessageSpec<?, ?> spec) {
    return "| `" + spec.type() + "` | " + fields(spec.params()) + " | `" + spec.replyType() + "` "
        + fields(spec.reply()) + " | " + spec.summary() + " |";
  }

  private static String fields(Class<?> record) {
    RecordComponent[] components = record.getRecordComponents();
    if (components.length == 0) {
      return "-";
    }
    return Arrays.stream(components).map(c -> "`" + c.getName() + "`").collect(Collectors.joining(", "));
  }

  @Test
  void everyClientMessageIsDocumentedExactlyAsDeclared() throws IOException {
    List<String> expected = Protocol.MESSAGES.stream().map(ProtocolDocTest::expectedRow).toList();
    assertThat(rows(doc(), "Client messages")).containsExactlyElementsOf(expected);
  }

  @Test
  void everyErrorCodeIsDocumentedAndNoOtherGatewayCode() throws IOException, IllegalAccessException {
    var declared = new ArrayList<String>();
    for (var field : GatewayErrors.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ErrorCode.class) {
        declared.add(((ErrorCode) field.get(null)).id());
      }
    }
    var documented = new ArrayList<String>();
    for (String row : rows(doc(), "Error codes")) {
      Matcher matcher = CODE.matcher(row);
      if (matcher.find()) {
        documented.add(matcher.group(1));
      }
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void everyEventTypeIsDocumented() throws IOException, ReflectiveOperationException {
    List<String> rows = rows(doc(), "Session events");
    for (Class<?> type : Event.class.getPermittedSubclasses()) {
      String wireName = (String) type.getField("TYPE").get(null);
      String expected = "| `" + wireName + "` | " + fields(type) + " |";
      assertThat(rows).as("row for %s", wireName).anyMatch(row -> row.startsWith(expected));
    }
    assertThat(rows).hasSize(Event.class.getPermittedSubclasses().length);
  }
}
