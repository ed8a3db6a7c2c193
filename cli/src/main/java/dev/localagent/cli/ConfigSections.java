package dev.localagent.cli;

import dev.localagent.cluster.ClusterConfig;
import dev.localagent.core.agent.AgentConfig;
import dev.localagent.core.alerts.PerformanceAlertsConfig;
import dev.localagent.core.config.ConfigSchema;
import dev.localagent.core.logging.LoggingConfig;
import dev.localagent.core.mcp.McpConfig;
import dev.localagent.core.plugin.PluginsConfig;
import dev.localagent.core.policy.PolicyConfig;
import dev.localagent.core.provider.ProvidersConfig;
import dev.localagent.core.session.SessionsConfig;
import dev.localagent.gateway.GatewayConfig;
import dev.localagent.gateway.client.GatewayClientConfig;

/**
 * The composition root's list of config sections; a top-level key not listed here is reported
 * as unknown. To add one: declare {@code SECTION} next to its record and append one line here.
 * Kept out of {@link LocalAgentCommand} so --help and --version never load the section classes.
 */
public final class ConfigSections {
  public static final ConfigSchema SCHEMA = ConfigSchema.of(
      LoggingConfig.SECTION,
      PerformanceAlertsConfig.SECTION,
      SessionsConfig.SECTION,
      ProvidersConfig.SECTION,
      AgentConfig.SECTION,
      PluginsConfig.SECTION,
      GatewayConfig.SECTION,
      GatewayClientConfig.SECTION,
      PolicyConfig.SECTION,
      ClusterConfig.SECTION,
      McpConfig.SECTION);

  private ConfigSections() {}
}
