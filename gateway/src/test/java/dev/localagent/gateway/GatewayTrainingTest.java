package dev.localagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The AOT training workload of {@code localagent serve} runs the real set-up path end to end. */
class GatewayTrainingTest {
  @Test
  void everyTrainingConnectionIsUpgradedAuthenticatedAndAnswered() {
    // run() throws when a hello or the sessions.list after it is not answered; the count is the
    // server's own, so a connection refused before the upgrade would show as a shortfall.
    assertThat(GatewayTraining.run(25)).isEqualTo(25);
  }
}
