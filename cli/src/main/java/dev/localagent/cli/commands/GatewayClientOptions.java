package dev.localagent.cli.commands;

import dev.localagent.cli.AppContext;
import dev.localagent.cli.GatewayWiring;
import dev.localagent.cli.render.EventRenderer;
import dev.localagent.cli.render.HumanRenderer;
import dev.localagent.cli.render.JsonLinesRenderer;
import dev.localagent.cli.Style;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.GatewayToken;
import dev.localagent.gateway.client.GatewayClientConfig;
import dev.localagent.gateway.client.GatewayConnectionPool;
import dev.localagent.gateway.client.ResumingSession;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import picocli.CommandLine.Option;

/** Where the gateway is and how to authenticate: shared by {@code attach} and {@code send}. */
public final class GatewayClientOptions {
  @Option(names = "--url", paramLabel = "URL",
      description = "Gateway WebSocket URL (default: ws://127.0.0.1:<gateway.port>/v1/ws).")
  String url;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Token file (default: the one 'localagent serve' uses).")
  String tokenFile;

  URI uri(AppContext context) {
    if (url != null) {
      return URI.create(url);
    }
    return URI.create("ws://127.0.0.1:" + context.config().section(GatewayConfig.SECTION).port() + "/v1/ws");
  }

  String token(AppContext context) {
    Path file = tokenFile != null ? Path.of(tokenFile)
        : GatewayWiring.tokenFile(context, context.config().section(GatewayConfig.SECTION));
    return GatewayToken.loadOrCreate(file);
  }

  /** A connection pool to the gateway, sized and timed by the {@code gateway_client} section. */
  GatewayConnectionPool pool(AppContext context) {
    return new GatewayConnectionPool(uri(context), token(context),
        context.config().section(GatewayClientConfig.SECTION));
  }

  /** Puts the reason on {@code events} if the session stops by itself (e.g. it was deleted). */
  static void reportStop(ResumingSession resuming, BlockingQueue<Object> events) {
    resuming.stopped().thenRun(() -> {
      if (resuming.failure() != null) {
        events.add(resuming.failure());
      }
    });
  }

  static EventRenderer renderer(AppContext context) {
    return context.json() ? new JsonLinesRenderer(context.out())
        : new HumanRenderer(context.out(), context.err(), Style.forContext(context), false);
  }
}
