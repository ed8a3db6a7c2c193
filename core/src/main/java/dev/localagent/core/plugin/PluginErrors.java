package dev.localagent.core.plugin;

import dev.localagent.core.error.ErrorCode;
import dev.localagent.core.error.ExitCode;
import java.util.List;
import java.util.Optional;

/** Stable codes for plugin failures; docs/ERRORS.md lists them with their fixes. */
public final class PluginErrors {
  /** plugin.json is missing, not JSON, or lacks a required field. */
  public static final ErrorCode BAD_MANIFEST = code("LA-PLUGIN-001");

  /** The plugin file cannot be opened as a jar. */
  public static final ErrorCode UNREADABLE_JAR = code("LA-PLUGIN-002");

  /** The plugin was built for an API major this LocalAgent does not provide. */
  public static final ErrorCode INCOMPATIBLE_API = code("LA-PLUGIN-003");

  /** A required dependency is absent, out of the version range, disabled or failed. */
  public static final ErrorCode MISSING_DEPENDENCY = code("LA-PLUGIN-004");

  /** The plugin is part of a dependency cycle. */
  public static final ErrorCode DEPENDENCY_CYCLE = code("LA-PLUGIN-005");

  /** Another plugin with the same id was found first. */
  public static final ErrorCode DUPLICATE_ID = code("LA-PLUGIN-006");

  /** Another plugin already provides a tool, command or provider with the same name. */
  public static final ErrorCode DUPLICATE_NAME = code("LA-PLUGIN-007");

  /** The entry class is absent, cannot be linked, or is not a Plugin. */
  public static final ErrorCode MISSING_CLASS = code("LA-PLUGIN-008");

  /** The plugin threw while being constructed, started or asked for its contributions. */
  public static final ErrorCode START_FAILED = code("LA-PLUGIN-009");

  /** A plugin tool, command or provider threw during a call. */
  public static final ErrorCode CALL_FAILED = code("LA-PLUGIN-010");

  /** The manifest declares a contribution the plugin does not provide at run time. */
  public static final ErrorCode UNDECLARED_CONTRIBUTION = code("LA-PLUGIN-011");

  /** An install, remove or scaffold could not be done as asked. */
  public static final ErrorCode INSTALL_REFUSED = code("LA-PLUGIN-012");

  private static final List<ErrorCode> ALL =
      List.of(
          BAD_MANIFEST,
          UNREADABLE_JAR,
          INCOMPATIBLE_API,
          MISSING_DEPENDENCY,
          DEPENDENCY_CYCLE,
          DUPLICATE_ID,
          DUPLICATE_NAME,
          MISSING_CLASS,
          START_FAILED,
          CALL_FAILED,
          UNDECLARED_CONTRIBUTION,
          INSTALL_REFUSED);

  private PluginErrors() {}

  /** The code with this id, used when reading failures back from the index. */
  public static Optional<ErrorCode> byId(String id) {
    return ALL.stream().filter(code -> code.id().equals(id)).findFirst();
  }

  private static ErrorCode code(String id) {
    return new ErrorCode(id, ExitCode.PLUGIN);
  }
}
