package dev.localagent.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attach} and {@code send} read the {@code gateway_client} section and fail with stable codes. */
class GatewayClientCommandsTest {
  @TempDir Path home;

  private static String closedPortUrl() throws Exception {
    try (var socket = new ServerSocket(0)) {
      return "ws://127.0.0.1:" + socket.getLocalPort() + "/v1/ws";
    }
  }

  @Test
  void attachToAGatewayThatIsNotRunningGivesUpAfterTheConfiguredAcquireTimeout() throws Exception {
    CliRun run = CliRun.runWithEnv(home, Map.of("LOCALAGENT_GATEWAY_CLIENT__ACQUIRE_TIMEOUT_MILLIS", "300"),
        "attach", "--url", closedPortUrl(), "20260101-000000-abcd");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("LA-GATEWAY-016").contains("acquire_timeout_millis is 300")
        .contains("localagent serve").doesNotContain("\tat ");
  }

  @Test
  void sendToAGatewayThatIsNotRunningFailsTheSameWay() throws Exception {
    CliRun run = CliRun.runWithEnv(home, Map.of("LOCALAGENT_GATEWAY_CLIENT__ACQUIRE_TIMEOUT_MILLIS", "300"),
        "send", "--url", closedPortUrl(), "20260101-000000-abcd", "hello");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("LA-GATEWAY-016").doesNotContain("\tat ");
  }

  @Test
  void benchGatewayClientMeasuresBothVariantsOverOnePooledConnection() {
    CliRun run = CliRun.run(home, "bench", "gateway-client", "--requests", "20", "--runs", "1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("run 1: fresh connection p50").contains("ratio fresh/pooled")
        .contains("connections the pool opened: 1)");
  }

  @Test
  void anImpossiblePoolSettingIsReportedWithItsKey() {
    CliRun run = CliRun.runWithEnv(home, Map.of("LOCALAGENT_GATEWAY_CLIENT__POOL_MIN_IDLE", "9"),
        "config", "validate");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err() + run.out()).contains("pool_min_idle");
  }
}
