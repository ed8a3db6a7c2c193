package dev.localagent.cli;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Renders plain values (maps, lists, scalars) as block-style YAML for people to read. */
public final class YamlText {
  private YamlText() {}

  public static String dump(Object value) {
    var settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    return new Dump(settings).dumpToString(value);
  }
}
