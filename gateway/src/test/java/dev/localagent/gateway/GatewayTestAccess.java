package dev.localagent.gateway;

import java.net.URI;

/** Lets tests in other packages start the shared fixture. */
public final class GatewayTestAccess implements AutoCloseable {
  private final GatewayFixture fixture = new GatewayFixture();

  private GatewayTestAccess() {}

  public static GatewayTestAccess start() {
    return new GatewayTestAccess();
  }

  public URI webSocketUri() {
    return fixture.webSocketUri();
  }

  public String token() {
    return GatewayFixture.TOKEN;
  }

  @Override
  public void close() {
    fixture.close();
  }
}
