package dev.localagent.gateway.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.gateway.GatewayTestAccess;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway as seen by Python's `websockets` (Debian's package, hence /usr/bin/python3). */
class PythonWebsocketsInteropTest {
  @Test
  void pythonWebsocketsClientStreamsATurnAndResumesAfterAForcedDisconnect() throws Exception {
    try (var gateway = GatewayTestAccess.start()) {
      List<JsonNode> lines = InteropRun.run(
          List.of("/usr/bin/python3", "gateway_client.py", gateway.webSocketUri().toString()),
          InteropRun.testkit().resolve("python"), gateway.token());
      InteropRun.assertStreamedAndResumed(lines);
    }
  }
}
