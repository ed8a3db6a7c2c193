package dev.localagent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigFileEditorTest {
  private static String edited(String text, String key, String value) {
    return ((ConfigFileEditor.Edited) ConfigFileEditor.set("f.yaml", text, key, value)).text();
  }

  @Test
  void replacesOnlyTheScalarEvenAfterMultiByteCharacters() {
    String text = "# ünïcödé 🙂 comment\na:\n  b: 1 # keep\n";

    assertThat(edited(text, "a.b", "2")).isEqualTo("# ünïcödé 🙂 comment\na:\n  b: 2 # keep\n");
  }

  @Test
  void quotesStringsThatWouldOtherwiseReadBackDifferently() {
    assertThat(edited("a: x\n", "a", "true")).isEqualTo("a: true\n");
    assertThat(edited("a: x\n", "a", "has: colon")).isEqualTo("a: \"has: colon\"\n");
    assertThat(edited("a: x\n", "a", "# not a comment")).isEqualTo("a: \"# not a comment\"\n");
  }

  @Test
  void fillsAnEmptyValue() {
    assertThat(edited("a:\nb: 1\n", "a", "v")).isEqualTo("a: v\nb: 1\n");
  }

  @Test
  void insertsUnderAnEmptyParentWithDeeperIndentation() {
    assertThat(edited("a:\n# c\nb: 1\n", "a.x.y", "5")).isEqualTo("a:\n  x:\n    y: 5\n# c\nb: 1\n");
  }

  @Test
  void refusesToEditInsideAFlowMappingOrToOverwriteAMapping() {
    assertThat(ConfigFileEditor.set("f.yaml", "a: {b: 1}\n", "a.c", "2"))
        .isInstanceOf(ConfigFileEditor.Refused.class);
    assertThat(ConfigFileEditor.set("f.yaml", "a:\n  b: 1\n", "a", "2"))
        .isInstanceOf(ConfigFileEditor.Refused.class);
  }

  @Test
  void editsAScalarInsideAFlowMappingInPlace() {
    assertThat(edited("a: {b: 1}\n", "a.b", "2")).isEqualTo("a: {b: 2}\n");
  }
}
