package dev.localagent.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuardTest {
  @Test
  void successReturnsTheValue() {
    assertThat(Guard.call(GeneralErrors.INTERNAL, "adding", () -> 1 + 1)).isEqualTo(2);
  }

  @Test
  void unexpectedFailureBecomesACodedErrorWithItsCause() {
    assertThatThrownBy(() -> Guard.call(GeneralErrors.INTERNAL, "parsing x", () -> Integer.parseInt("x")))
        .isInstanceOfSatisfying(LocalAgentException.class, e -> {
          assertThat(e.code()).isEqualTo(GeneralErrors.INTERNAL);
          assertThat(e.getMessage()).startsWith("parsing x failed");
          assertThat(e.getCause()).isInstanceOf(NumberFormatException.class);
        });
  }

  @Test
  void codedErrorsPassThroughUnchanged() {
    var original = new LocalAgentException(GeneralErrors.NOT_FOUND, "no such session", "list them");

    assertThatThrownBy(() -> Guard.call(GeneralErrors.INTERNAL, "x", () -> { throw original; }))
        .isSameAs(original);
  }
}
