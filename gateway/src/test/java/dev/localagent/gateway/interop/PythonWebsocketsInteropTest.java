package dev.localagent.gateway.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.gateway.RealEngineGateway;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway as seen by Python's `websockets` (Debian's package, hence /usr/bin/python3). */
class PythonWebsocketsInteropTest {
  @Test
  void pythonWebsocketsClientStreamsATurnAndResumesAfterAForcedDisconnect(@TempDir Path root) throws Exception {
    try (var gateway = new RealEngineGateway(root)) {
      List<JsonNode> lines = InteropRun.run(
          List.of("/usr/bin/python3", "gateway_client.py", gateway.webSocketUri().toString()),
          InteropRun.testkit().resolve("python"), RealEngineGateway.TOKEN);
      InteropRun.assertStreamedAndResumed(lines);
    }
  }
}
