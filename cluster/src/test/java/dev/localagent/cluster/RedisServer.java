package dev.localagent.cluster;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for one test class ({@code @RegisterExtension static RedisServer
 * redis = new RedisServer();}), emptied before each test. A missing redis-server fails the tests:
 * CI installs it.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private RedisProcess process;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    process = RedisProcess.start();
    port = process.port();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (process != null && process.alive()) {
      command("FLUSHALL");
    }
  }

  /** Stops the server and waits for it to exit; the port stays known for assertions. */
  public void stop() {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Sends one inline command and returns the first line of the reply. */
  public String command(String inline) throws IOException {
    return process.command(inline);
  }
}
