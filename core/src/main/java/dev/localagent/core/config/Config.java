package dev.localagent.core.config;

/** The effective configuration after all layers were merged and validated. */
public interface Config {

  /** The bound value of a section, or its defaults when no layer set it. */
  <T> T section(ConfigSection<T> section);

  /** A configuration where every section has its default value. */
  static Config defaults() {
    return new Config() {
      @Override
      public <T> T section(ConfigSection<T> section) {
        return section.defaults();
      }
    };
  }
}
