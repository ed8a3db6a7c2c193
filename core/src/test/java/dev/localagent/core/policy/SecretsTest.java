package dev.localagent.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void secretNamesAreRecognisedAndOrdinaryNamesAreNot() {
    for (String name : new String[] {"OPENAI_API_KEY", "GITHUB_TOKEN", "DB_PASSWORD", "AWS_SECRET_ACCESS_KEY",
        "HF_TOKEN", "MY_SECRET", "SSH_PASSPHRASE", "NPM_AUTH", "api_key", "PGPASSWORD"}) {
      assertThat(Secrets.isSecretName(name)).as(name).isTrue();
    }
    for (String name : new String[] {"PATH", "HOME", "KEYBOARD_LAYOUT", "MONKEY", "SSH_AUTH_SOCK", "LANG", "TERM"}) {
      assertThat(Secrets.isSecretName(name)).as(name).isFalse();
    }
  }

  @Test
  void maskHidesKnownValuesTokenShapesAndAssignments() {
    Secrets secrets = Secrets.from(Map.of("MY_API_KEY", "verysecretvalue", "PATH", "/usr/bin"));
    assertThat(secrets.mask("curl -H 'x: verysecretvalue' /usr/bin")).isEqualTo("curl -H 'x: ***' /usr/bin");
    assertThat(secrets.mask("key sk-abcdefghijklmnopqrstu and ghp_abcdefghijklmnopqrstuvwx"))
        .isEqualTo("key *** and ***");
    assertThat(secrets.mask("Authorization: Bearer abc.def.ghi123")).isEqualTo("Authorization: Bearer ***");
    assertThat(secrets.mask("DB_PASSWORD=hunter2 ./run")).isEqualTo("DB_PASSWORD=*** ./run");
  }
}
