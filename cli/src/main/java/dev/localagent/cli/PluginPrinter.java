package dev.localagent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.plugin.PluginInfo;
import dev.localagent.core.plugin.PluginManifest;
import dev.localagent.core.plugin.PluginSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Prints plugins as text or JSON for the {@code plugins} commands. JSON goes through Jackson's
 * streaming generator only: no object mapper on the start-up path of {@code plugins list}.
 */
public final class PluginPrinter {
  private final PrintWriter out;

  public PluginPrinter(PrintWriter out) {
    this.out = out;
  }

  public void table(List<PluginSummary> plugins) {
    if (plugins.isEmpty()) {
      out.println("No plugins installed. Add one with 'localagent plugins install PATH'.");
      return;
    }
    // Plain padding, not printf: Formatter parses its pattern on every row, which with a thousand
    // plugins was a visible share of 'plugins list' in a cold JVM. For the same reason padding is
    // one bulk append and status names are lower-cased once: this loop runs interpreted.
    var text = new StringBuilder(128 * (plugins.size() + 1));
    row(text, "ID", "VERSION", "STATUS", "TOOLS", "DESCRIPTION");
    for (PluginSummary p : plugins) {
      String detail = p.failure() != null ? p.failure().code().id() + " " + p.failure().message() : p.description();
      row(text, p.id(), p.version(), STATUS_NAMES[p.status().ordinal()], Integer.toString(p.tools()), detail);
    }
    out.print(text);
    out.flush();
  }

  private static final String[] STATUS_NAMES = statusNames();
  private static final String SPACES = " ".repeat(32);

  private static String[] statusNames() {
    var names = new String[PluginInfo.Status.values().length];
    for (PluginInfo.Status status : PluginInfo.Status.values()) {
      names[status.ordinal()] = status.name().toLowerCase(Locale.ROOT);
    }
    return names;
  }

  private static void row(StringBuilder text, String id, String version, String status, String tools, String detail) {
    pad(text, id, 24);
    pad(text, version, 10);
    pad(text, status, 9);
    pad(text, tools, 6);
    text.append(detail).append(System.lineSeparator());
  }

  /** {@code value}, then spaces up to {@code width}, then one more: a column and its gap. */
  private static void pad(StringBuilder text, String value, int width) {
    text.append(value).append(SPACES, 0, Math.max(0, width - value.length()) + 1);
  }

  public void details(PluginInfo p) {
    out.println("id:          " + p.id());
    out.println("version:     " + p.version());
    out.println("status:      " + p.status().name().toLowerCase());
    out.println("jar:         " + p.jar());
    if (p.failure() != null) {
      out.println("error:       " + p.failure().code().id() + " " + p.failure().message());
      out.println("fix:         " + p.failure().hint());
    }
    PluginManifest m = p.manifest();
    if (m != null) {
      out.println("description: " + m.description());
      out.println("api:         " + m.apiVersion());
      out.println("entry:       " + m.entry());
      m.dependencies().forEach(d -> out.println("depends on:  " + d.id() + " " + d.versionRange()
          + (d.optional() ? " (optional)" : "")));
      m.tools().forEach(t -> out.println("tool:        " + t.name() + " - " + t.description()
          + "\n             parameters: " + t.parametersSchema()));
      m.commands().forEach(c -> out.println("command:     " + c.name() + " - " + c.help()));
      m.providers().forEach(id -> out.println("provider:    " + id));
      out.println("permissions: paths=" + m.permissions().paths() + " exec=" + m.permissions().exec()
          + " network=" + m.permissions().network());
    }
    out.flush();
  }

  public void json(List<PluginInfo> plugins) {
    write(g -> {
      g.writeStartArray();
      for (PluginInfo p : plugins) {
        object(g, p);
      }
      g.writeEndArray();
    });
  }

  public void json(PluginInfo plugin) {
    write(g -> object(g, plugin));
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private void write(Body body) {
    var text = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println(text);
    out.flush();
  }

  private static void object(JsonGenerator g, PluginInfo p) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", p.id());
    g.writeStringField("version", p.version());
    g.writeStringField("status", p.status().name().toLowerCase());
    g.writeStringField("jar", p.jar().toString());
    PluginManifest m = p.manifest();
    if (m != null) {
      g.writeStringField("description", m.description());
      g.writeStringField("api_version", m.apiVersion());
      g.writeArrayFieldStart("dependencies");
      for (var d : m.dependencies()) {
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("version", d.versionRange());
        g.writeBooleanField("optional", d.optional());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("tools");
      for (ToolSpec t : m.tools()) {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("description", t.description());
        g.writeFieldName("parameters");
        g.writeRawValue(t.parametersSchema());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("commands");
      for (var c : m.commands()) {
        g.writeString(c.name());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("providers");
      for (String provider : m.providers()) {
        g.writeString(provider);
      }
      g.writeEndArray();
    }
    if (p.failure() != null) {
      g.writeObjectFieldStart("error");
      g.writeStringField("code", p.failure().code().id());
      g.writeStringField("message", p.failure().message());
      g.writeStringField("hint", p.failure().hint());
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
