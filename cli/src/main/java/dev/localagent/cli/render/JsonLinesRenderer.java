package dev.localagent.cli.render;

import dev.localagent.api.event.SessionEvent;
import dev.localagent.core.session.EventJson;
import java.io.PrintWriter;

/** One JSON object per line per event: the store's own format plus the session id. */
public final class JsonLinesRenderer implements EventRenderer {
  private final PrintWriter out;

  public JsonLinesRenderer(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void render(SessionEvent event) {
    var node = EventJson.toNode(event);
    node.put("session", event.sessionId());
    out.println(node);
    out.flush();
  }
}
