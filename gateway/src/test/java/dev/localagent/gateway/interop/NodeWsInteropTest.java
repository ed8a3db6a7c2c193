package dev.localagent.gateway.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.gateway.RealEngineGateway;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway as seen by Node's `ws`, a client nobody on this project wrote. */
class NodeWsInteropTest {
  @Test
  void nodeWsClientStreamsATurnAndResumesAfterAForcedDisconnect(@TempDir Path root) throws Exception {
    Path nodeDir = InteropRun.testkit().resolve("node");
    assertThat(nodeDir.resolve("node_modules/ws")).as("run 'npm ci' in testkit/node first").exists();
    try (var gateway = new RealEngineGateway(root)) {
      List<JsonNode> lines = InteropRun.run(
          List.of("node", "gateway-client.mjs", gateway.webSocketUri().toString()), nodeDir, RealEngineGateway.TOKEN);
      InteropRun.assertStreamedAndResumed(lines);
    }
    assertThat(Files.exists(nodeDir.resolve("package-lock.json"))).isTrue();
  }
}
