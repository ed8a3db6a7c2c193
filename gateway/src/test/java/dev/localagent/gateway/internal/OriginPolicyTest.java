package dev.localagent.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
  private final OriginPolicy policy = new OriginPolicy(List.of("https://app.example/"));

  @Test
  void theSameDecisionComesBackWhenAPairIsAskedAgain() {
    for (int i = 0; i < 3; i++) {
      assertThat(policy.allows("http://127.0.0.1:7777", "127.0.0.1:7777")).isTrue();
      assertThat(policy.allows("http://evil.example:7777", "127.0.0.1:7777")).isFalse();
      assertThat(policy.allows("https://app.example", "127.0.0.1:7777")).isTrue();
    }
  }

  @Test
  void aRememberedAllowForOneHostDoesNotAllowTheSameOriginForAnother() {
    assertThat(policy.allows("http://localhost:7777", "localhost:7777")).isTrue();
    assertThat(policy.allows("http://localhost:7777", "localhost:8888")).isFalse();
    assertThat(policy.allows("http://localhost:7777", "localhost:7777")).isTrue();
    assertThat(policy.allows("http://localhost:7777", null)).isFalse();
  }

  @Test
  void manyDistinctOriginsAreStillDecidedButOnlyABoundedNumberAreRemembered() {
    for (int i = 0; i < OriginPolicy.MAX_REMEMBERED * 4; i++) {
      assertThat(policy.allows("https://site" + i + ".example", "127.0.0.1:7777")).isFalse();
    }
    assertThat(policy.remembered()).isEqualTo(OriginPolicy.MAX_REMEMBERED);
    assertThat(policy.allows("http://127.0.0.1:7777", "127.0.0.1:7777")).isTrue();
    assertThat(policy.allows("https://evil.example", "127.0.0.1:7777")).isFalse();
  }

  @Test
  void aVeryLongOriginIsDecidedButNotRemembered() {
    String longOrigin = "https://" + "a".repeat(OriginPolicy.MAX_REMEMBERED_CHARS) + ".example";
    assertThat(policy.allows(longOrigin, "127.0.0.1:7777")).isFalse();
    assertThat(policy.allows(longOrigin, "127.0.0.1:7777")).isFalse();
    assertThat(policy.remembered()).isZero();
    assertThat(policy.allows("http://127.0.0.1:7777", "127.0.0.1:7777")).isTrue();
    assertThat(policy.remembered()).isOne();
  }
}
