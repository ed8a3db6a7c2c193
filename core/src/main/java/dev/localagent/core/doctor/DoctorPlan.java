package dev.localagent.core.doctor;

import dev.localagent.core.config.ConfigLoad;
import dev.localagent.core.config.Dirs;
import dev.localagent.core.config.SourceLocation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which checks {@code doctor} runs for a configuration. Endpoints are found by key name in the
 * effective config, so sections added later are checked without changing this class: any
 * {@code base_url} under {@code providers} (HTTP), any {@code redis_url} or {@code redis.url}
 * (Redis PING), and {@code gateway.bind}/{@code gateway.port} for the serve port.
 */
public final class DoctorPlan {
  /** The gateway's documented default port, used until a gateway section says otherwise. */
  public static final int DEFAULT_SERVE_PORT = 7777;

  private DoctorPlan() {}

  public static List<Check> checks(ConfigLoad load, Dirs dirs) {
    var checks = new ArrayList<Check>();
    checks.add(Checks.jdk(25));
    checks.add(Checks.config(load));
    checks.add(Checks.writableDirectory("config dir", dirs.configDir()));
    checks.add(Checks.writableDirectory("data dir", dirs.dataDir()));
    checks.add(Checks.writableDirectory("state dir", dirs.stateDir()));
    Map<String, Object> tree = load.config().map(c -> c.redactedTree()).orElse(Map.of());
    String bind = tree.get("gateway") instanceof Map<?, ?> g && g.get("bind") instanceof String b ? b : "127.0.0.1";
    int port = tree.get("gateway") instanceof Map<?, ?> g && g.get("port") instanceof Number p
        ? p.intValue() : DEFAULT_SERVE_PORT;
    if (port > 0) {
      checks.add(Checks.freePort(bind, port));
    }
    var found = new ArrayList<Endpoint>();
    endpoints("", tree, found);
    for (var endpoint : found) {
      boolean configured = load.config().map(c -> !c.sourceOf(endpoint.keyPath()).equals(SourceLocation.DEFAULTS))
          .orElse(true);
      checks.add(configured ? endpoint.check() : onlyWarn(endpoint.check()));
    }
    return checks;
  }

  private record Endpoint(String keyPath, Check check) {}

  /** A built-in default endpoint nobody configured: unreachable is worth a warning, not a failure. */
  private static Check onlyWarn(Check check) {
    return () -> {
      var result = check.run();
      return result.status() == CheckResult.Status.FAIL
          ? CheckResult.warn(result.name(), result.detail() + " (built-in default)", result.hint()) : result;
    };
  }

  private static void endpoints(String path, Object node, List<Endpoint> found) {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        endpoints(path + "[" + i + "]", list.get(i), found);
      }
    }
    if (!(node instanceof Map<?, ?> map)) {
      return;
    }
    map.forEach((key, value) -> {
      String keyPath = path.isEmpty() ? String.valueOf(key) : path + "." + key;
      if (value instanceof String url && !url.isBlank()) {
        if (keyPath.startsWith("providers.") && key.equals("base_url")) {
          found.add(new Endpoint(keyPath, Checks.http("model " + keyPath, URI.create(url))));
        } else if (key.equals("redis_url") || keyPath.endsWith("redis.url")) {
          URI uri = URI.create(url);
          found.add(new Endpoint(keyPath,
              Checks.redis("redis " + keyPath, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())));
        }
      }
      endpoints(keyPath, value, found);
    });
  }
}
