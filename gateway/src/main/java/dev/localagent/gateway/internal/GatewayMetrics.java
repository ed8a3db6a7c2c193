package dev.localagent.gateway.internal;

import dev.localagent.gateway.MetricsProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's counters and gauges, exposed at {@code /metrics} in the Prometheus text format.
 * Hand-written rather than Micrometer: a dozen numbers do not justify a registry on the hot path
 * (see docs/DEPENDENCIES.md).
 */
public final class GatewayMetrics {
  final AtomicInteger connectionsOpen = new AtomicInteger();
  final AtomicInteger connectionsPaused = new AtomicInteger();
  final LongAdder connectionsAccepted = new LongAdder();
  final LongAdder connectionsRefused = new LongAdder();
  final LongAdder messagesIn = new LongAdder();
  final LongAdder messagesRateLimited = new LongAdder();
  final LongAdder eventsOut = new LongAdder();
  final LongAdder framesOut = new LongAdder();
  final LongAdder errorsSent = new LongAdder();
  final LongAdder slowClientsClosed = new LongAdder();
  final LongAdder catchUpReads = new LongAdder();
  private final List<MetricsProvider> providers = new CopyOnWriteArrayList<>();

  /** Adds metrics rendered after the gateway's own on every scrape. */
  public void addProvider(MetricsProvider provider) {
    providers.add(provider);
  }

  public int openConnections() {
    return connectionsOpen.get();
  }

  public int pausedConnections() {
    return connectionsPaused.get();
  }

  /** WebSocket handshakes completed since the start. */
  public long acceptedConnections() {
    return connectionsAccepted.sum();
  }

  public long catchUpReads() {
    return catchUpReads.sum();
  }

  public long slowClientsClosed() {
    return slowClientsClosed.sum();
  }

  public long eventsOut() {
    return eventsOut.sum();
  }

  /** Frames written to clients: replies, errors and event frames (one per batch). */
  public long framesOut() {
    return framesOut.sum();
  }

  /** Renders every metric in the Prometheus text exposition format, version 0.0.4. */
  public String render() {
    var out = new StringBuilder(1_024);
    gauge(out, "localagent_gateway_connections_open", "Open connections.", connectionsOpen.get());
    gauge(out, "localagent_gateway_connections_paused",
        "Connections whose delivery is paused because they read too slowly.", connectionsPaused.get());
    counter(out, "localagent_gateway_connections_accepted_total", "Connections accepted.",
        connectionsAccepted.sum());
    counter(out, "localagent_gateway_connections_refused_total",
        "Connections refused at the connection limit.", connectionsRefused.sum());
    counter(out, "localagent_gateway_messages_in_total", "Client messages received.", messagesIn.sum());
    counter(out, "localagent_gateway_messages_rate_limited_total",
        "Client messages dropped by the per-connection rate limit.", messagesRateLimited.sum());
    counter(out, "localagent_gateway_events_out_total", "Session events sent to clients.", eventsOut.sum());
    counter(out, "localagent_gateway_frames_out_total", "Event frames written (one per batch).",
        framesOut.sum());
    counter(out, "localagent_gateway_errors_sent_total", "Error frames sent.", errorsSent.sum());
    counter(out, "localagent_gateway_slow_clients_closed_total",
        "Connections closed with 1013 for lagging too long.", slowClientsClosed.sum());
    counter(out, "localagent_gateway_catch_up_reads_total",
        "Log reads made to catch a paused connection up.", catchUpReads.sum());
    providers.forEach(provider -> provider.appendTo(out));
    return out.toString();
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    sample(out, name, help, "gauge", value);
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    sample(out, name, help, "counter", value);
  }

  private static void sample(StringBuilder out, String name, String help, String type, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name).append(' ').append(value).append('\n');
  }
}
