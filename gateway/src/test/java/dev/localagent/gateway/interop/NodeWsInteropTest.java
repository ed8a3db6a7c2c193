package dev.localagent.gateway.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.gateway.GatewayTestAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway as seen by Node's `ws`, a client nobody on this project wrote. */
class NodeWsInteropTest {
  @Test
  void nodeWsClientStreamsATurnAndResumesAfterAForcedDisconnect() throws Exception {
    Path nodeDir = InteropRun.testkit().resolve("node");
    assertThat(nodeDir.resolve("node_modules/ws")).as("run 'npm ci' in testkit/node first").exists();
    try (var gateway = GatewayTestAccess.start()) {
      List<JsonNode> lines = InteropRun.run(
          List.of("node", "gateway-client.mjs", gateway.webSocketUri().toString()), nodeDir, gateway.token());
      InteropRun.assertStreamedAndResumed(lines);
    }
    assertThat(Files.exists(nodeDir.resolve("package-lock.json"))).isTrue();
  }
}
