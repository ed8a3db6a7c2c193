package dev.localagent.gateway.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which browser origins may open a WebSocket, against cross-site WebSocket hijacking: a
 * page on another site must not be able to drive a local agent through the visitor's browser.
 * Non-browser clients send no Origin and are allowed (they still need the token).
 *
 * <p>A decision depends only on the Origin and Host headers, and a server sees the same few pairs
 * over and over, so decisions are remembered: parsing the origin as a URI on every upgrade was
 * measurable in connection set-up. The memory is bounded; past {@link #MAX_REMEMBERED} distinct
 * pairs (someone trying many origins), or for unusually long values, a pair is decided afresh and
 * not stored.
 */
public final class OriginPolicy {
  static final int MAX_REMEMBERED = 256;
  /** Longer header values are decided every time, so the memory stays at a few tens of KB. */
  static final int MAX_REMEMBERED_CHARS = 256;
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final List<String> allowed;
  private final Map<OriginAndHost, Boolean> decisions = new ConcurrentHashMap<>();

  private record OriginAndHost(String origin, String host) {}

  public OriginPolicy(List<String> allowedOrigins) {
    this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).toList();
  }

  /**
   * Whether a handshake with this Origin and Host header may proceed: no Origin, an allowlisted
   * origin, or the server's own loopback origin (same host and port, loopback name only, so a DNS
   * rebinding name pointing at 127.0.0.1 is still refused).
   */
  public boolean allows(String origin, String hostHeader) {
    if (origin == null || origin.isEmpty()) {
      return true;
    }
    var key = new OriginAndHost(origin, hostHeader);
    Boolean known = decisions.get(key);
    if (known != null) {
      return known;
    }
    boolean allows = decide(origin, hostHeader);
    int chars = origin.length() + (hostHeader == null ? 0 : hostHeader.length());
    if (chars <= MAX_REMEMBERED_CHARS && decisions.size() < MAX_REMEMBERED) {
      decisions.put(key, allows);
    }
    return allows;
  }

  /** How many Origin/Host pairs are remembered (bounded by {@link #MAX_REMEMBERED}). */
  int remembered() {
    return decisions.size();
  }

  private boolean decide(String origin, String hostHeader) {
    String normalized = normalize(origin);
    if (allowed.contains(normalized)) {
      return true;
    }
    try {
      URI uri = URI.create(normalized);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      boolean loopback = LOOPBACK_HOSTS.contains(host);
      String authority = uri.getRawAuthority();
      return loopback && hostHeader != null && authority != null
          && authority.equalsIgnoreCase(hostHeader.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String normalize(String origin) {
    String trimmed = origin.strip();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
