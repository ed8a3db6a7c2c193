package dev.localagent.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log: one JSON line per tool call with the policy decision, the approval and the
 * outcome, in {@code <data dir>/audit/YYYY-MM-DD.jsonl} (UTC days). Argument values are masked
 * with {@link Secrets} and long strings shortened, so secrets and file contents never land here.
 */
public final class AuditLog {
  private static final int MAX_STRING = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One audited call; null fields are left out of the line. */
  public record Entry(String session, String callId, String tool, Map<String, Object> arguments,
      String decision, String reason, String rule, String approval, String outcome, String errorCode,
      long durationMs) {}

  private final Path dir;
  private final Secrets secrets;
  private final Clock clock;

  public AuditLog(Path auditDir, Secrets secrets, Clock clock) {
    this.dir = auditDir;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** The audit log under {@code dataDir/audit}, masking the secrets found in {@code env}. */
  public static AuditLog in(Path dataDir, Map<String, String> env) {
    return new AuditLog(dataDir.resolve("audit"), Secrets.from(env), Clock.systemUTC());
  }

  /** The file today's lines go to. */
  public Path currentFile() {
    return dir.resolve(LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".jsonl");
  }

  /**
   * Appends one line.
   *
   * @throws UncheckedIOException when the log cannot be written
   */
  public synchronized void write(Entry entry) {
    var line = new LinkedHashMap<String, Object>();
    line.put("ts", clock.instant().toString());
    line.put("session", entry.session());
    line.put("call_id", entry.callId());
    line.put("tool", entry.tool());
    line.put("arguments", mask(entry.arguments()));
    line.put("decision", entry.decision());
    line.put("reason", secrets.mask(entry.reason()));
    line.put("rule", entry.rule());
    line.put("approval", entry.approval());
    line.put("outcome", entry.outcome());
    line.put("error_code", entry.errorCode());
    line.put("duration_ms", entry.durationMs());
    line.values().removeIf(v -> v == null || "".equals(v));
    try {
      byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      Files.createDirectories(dir);
      try (FileChannel out = FileChannel.open(currentFile(),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit entry is not serialisable", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit log " + currentFile(), e);
    }
  }

  private Object mask(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> shorten(secrets.mask(s));
      case Map<?, ?> map -> {
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> out.put(String.valueOf(k),
            Secrets.isSecretName(String.valueOf(k)) ? Secrets.MASK : mask(v)));
        yield out;
      }
      case List<?> list -> list.stream().map(this::mask).toList();
      case Number n -> n;
      case Boolean b -> b;
      default -> shorten(secrets.mask(String.valueOf(value)));
    };
  }

  private static String shorten(String s) {
    return s.length() <= MAX_STRING ? s : s.substring(0, MAX_STRING) + "...[" + s.length() + " chars]";
  }
}
