package dev.localagent.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.ProvidersConfig;
import dev.localagent.core.session.EventJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code localagent providers list}: configured providers; API keys are never shown. */
@Command(name = "list", description = "List configured providers (the default is marked with *).")
public final class ProvidersListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    ProvidersConfig providers = context.config().section(ProvidersConfig.SECTION);
    var out = context.out();
    if (context.json()) {
      ArrayNode array = EventJson.mapper().createArrayNode();
      for (ProviderConfig entry : providers.entries()) {
        array.addObject().put("name", entry.name()).put("kind", entry.kind()).put("base_url", entry.baseUrl())
            .put("model", entry.model()).put("default", entry.name().equals(providers.defaultProvider()))
            .put("api_key", entry.apiKey().isPresent() ? "from " + entry.apiKey().origin() : "");
      }
      out.println(array);
    } else {
      out.printf("  %-12s %-7s %-32s %s%n", "NAME", "KIND", "BASE URL", "MODEL");
      for (ProviderConfig entry : providers.entries()) {
        String mark = entry.name().equals(providers.defaultProvider()) ? "*" : " ";
        String key = entry.apiKey().isPresent() ? "  (key from " + entry.apiKey().origin() + ")" : "";
        out.printf("%s %-12s %-7s %-32s %s%s%n", mark, entry.name(), entry.kind(), entry.baseUrl(), entry.model(), key);
      }
      out.println("  echo         (offline stand-in, used only with --provider echo)");
    }
    out.flush();
    return 0;
  }
}
