package dev.localagent.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.api.model.ProviderException;
import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Style;
import dev.localagent.core.error.ExitCode;
import dev.localagent.core.provider.ProviderConfig;
import dev.localagent.core.provider.Providers;
import dev.localagent.core.provider.ProvidersConfig;
import dev.localagent.core.session.EventJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code localagent providers test [NAME]}: asks each provider for its models. */
@Command(name = "test", description = "Check that providers answer and list their models; exit 5 if one does not.")
public final class ProvidersTestCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "NAME|URL", description = "Providers to test (default: all configured).")
  List<String> names;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    ProvidersConfig providers = context.config().section(ProvidersConfig.SECTION);
    List<ProviderConfig> targets = names == null || names.isEmpty() ? providers.entries()
        : names.stream().map(name -> Providers.resolve(providers, name)).toList();
    var style = Style.forContext(context);
    ArrayNode report = EventJson.mapper().createArrayNode();
    boolean allAnswered = true;
    for (ProviderConfig target : targets) {
      ObjectNode row = report.addObject().put("name", target.name()).put("base_url", target.baseUrl());
      try {
        List<String> models = Providers.createDirect(target, context.env()).models();
        row.put("ok", true).putPOJO("models", models);
        if (!context.json()) {
          context.out().println(style.green("ok  ") + target.name() + " " + target.baseUrl() + ": "
              + models.size() + " model(s) " + String.join(", ", models));
        }
      } catch (ProviderException e) {
        allAnswered = false;
        row.put("ok", false).put("error", e.getMessage());
        if (!context.json()) {
          context.out().println(style.red("FAIL") + " " + target.name() + ": " + e.getMessage());
        }
      }
    }
    if (context.json()) {
      context.out().println(report);
    }
    context.out().flush();
    return allAnswered ? 0 : ExitCode.MODEL_UNREACHABLE.code();
  }
}
