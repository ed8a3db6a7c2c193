package dev.localagent.gateway;

/**
 * More metrics for the gateway's {@code /metrics}, from outside the gateway (e.g. the alert
 * monitor). Appends complete families in the Prometheus text format; called per scrape.
 */
@FunctionalInterface
public interface MetricsProvider {
  void appendTo(StringBuilder out);
}
