package dev.localagent.examples.textstats;

import dev.localagent.api.plugin.Plugin;
import dev.localagent.api.tool.Tool;
import java.util.List;

/** Entry class of the text-stats example plugin. */
public final class TextStatsPlugin implements Plugin {
  @Override
  public List<Tool> tools() {
    return List.of(new TextStatsTool());
  }
}
