package dev.localagent.cli.commands;

import dev.localagent.cli.LocalAgentCommand;
import dev.localagent.cli.Printer;
import dev.localagent.core.error.LocalAgentException;
import dev.localagent.core.monitor.AlertGauges;
import dev.localagent.core.monitor.Severity;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayErrors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code localagent alerts}: the live alerts of a running {@code serve}, read from its /metrics. */
@Command(name = "alerts",
    description = "Show the performance alerts of a running 'localagent serve'; exit 1 while one is firing.",
    footer = {"", "Thresholds: the performance_alerts section (docs/MONITORING.md)."})
public final class AlertsCommand implements Callable<Integer> {
  @Option(names = "--url", paramLabel = "URL",
      description = "The gateway's base URL (default: http://127.0.0.1:<gateway.port>).")
  String url;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    var context = ((LocalAgentCommand) spec.root().userObject()).context();
    String base = url != null ? url : "http://127.0.0.1:" + context.config().section(GatewayConfig.SECTION).port();
    List<AlertGauges.Reading> readings = AlertGauges.parse(fetch(URI.create(base.replaceAll("/+$", "") + "/metrics")));
    var rows = readings.stream().map(r -> List.of(r.alert(), r.severity().word(), format(r.alert(), r.value()))).toList();
    Printer.of(context).table(List.of("alert", "severity", "value"), rows, (style, column, text) ->
        !column.equals("severity") ? text : text.equals("critical") ? style.red(text)
            : text.equals("warning") ? style.yellow(text) : style.green(text));
    return readings.stream().anyMatch(r -> r.severity() != Severity.OK) ? 1 : 0;
  }

  private static String fetch(URI metrics) throws InterruptedException {
    try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      var response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException | IllegalArgumentException e) {
      throw new LocalAgentException(GatewayErrors.CANNOT_CONNECT, "cannot read " + metrics + ": " + e.getMessage(),
          "is 'localagent serve' running? Give its address with --url");
    }
  }

  /** The value in the unit people read it in; NaN (nothing to judge yet) as "-". */
  private static String format(String alert, double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return switch (alert) {
      case "memory_usage" -> ((long) value >> 20) + " MB";
      case "plugin_loading" -> String.format(Locale.ROOT, "%.0f ms (scaled)", value);
      case "websocket_throughput" -> String.format(Locale.ROOT, "%.0f events/s", value);
      case "error_rate" -> String.format(Locale.ROOT, "%.1f%%", value);
      default -> Double.toString(value);
    };
  }
}
