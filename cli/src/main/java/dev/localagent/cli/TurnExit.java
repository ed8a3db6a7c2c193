package dev.localagent.cli;

import dev.localagent.api.event.ErrorRaised;
import dev.localagent.api.event.TurnDone;
import dev.localagent.core.error.ExitCode;
import dev.localagent.core.provider.ModelErrors;
import java.util.List;

/** Maps how a turn ended to the process exit code, and says how to fix a missing model server. */
public final class TurnExit {
  private static final List<String> UNREACHABLE_CODES = List.of(
      ModelErrors.UNREACHABLE.id(), ModelErrors.RATE_LIMITED.id(), ModelErrors.SERVER_ERROR.id(), ModelErrors.TIMEOUT.id());

  private TurnExit() {}

  public static ExitCode of(TurnDone done, ErrorRaised lastError) {
    return switch (done.reason()) {
      case COMPLETED -> ExitCode.OK;
      case DENIED -> ExitCode.TOOL_DENIED;
      case MAX_STEPS -> ExitCode.MAX_STEPS;
      case CANCELLED -> ExitCode.INTERRUPTED;
      case ERROR -> lastError != null && UNREACHABLE_CODES.contains(lastError.code())
          ? ExitCode.MODEL_UNREACHABLE : ExitCode.FAILURE;
    };
  }

  /** A hint for a model server that did not answer, naming the provider and the fixes. */
  public static String unreachableHint(String provider, String baseUrl) {
    return "provider '" + provider + "' at " + baseUrl + " did not answer. Start the server (e.g. 'ollama serve'"
        + " or 'llama-server'), or point --provider / providers in config.yaml at a running one"
        + " ('localagent providers test' checks them). For an offline demo, use --provider echo.";
  }
}
