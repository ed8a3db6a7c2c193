package dev.localagent.core.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The test oracle: the Jackson databind binding the loader used before {@link RecordBinder}
 * (production code until 2026-11-28), kept so {@code RecordBinderAgreesWithJacksonTest} can show
 * the hand binder accepts and rejects the same values with the same messages.
 *
 * <p>The Jackson mapper that binds config trees to section records: snake_case keys, strict about
 * numbers, and our value types (Secret, Duration, ByteSize). Serializing a Secret always writes
 * the redacted form.
 */
final class JacksonConfigMapper {
  static final String ENV_ATTRIBUTE = "localagent.env";

  private JacksonConfigMapper() {}

  static ObjectMapper create() {
    var module = new SimpleModule("localagent-config");
    module.addDeserializer(Secret.class, new SecretDeserializer());
    module.addSerializer(Secret.class, toStringSerializer());
    module.addDeserializer(Duration.class, new TextDeserializer<>(Durations::parse, "a duration like 2s or 500ms"));
    module.addSerializer(Duration.class, new JsonSerializer<>() {
      @Override
      public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(Durations.format(value));
      }
    });
    module.addDeserializer(ByteSize.class, new TextDeserializer<>(ByteSize::parse, "a size like 500MB or 1GB"));
    module.addSerializer(ByteSize.class, toStringSerializer());
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        // A missing number inside a list entry becomes 0; record constructors apply their defaults.
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
        .addModule(module)
        .build();
  }

  private static <T> JsonSerializer<T> toStringSerializer() {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(value.toString());
      }
    };
  }

  /** A value written as one string, e.g. {@code 2s}; the parser returns null when it does not fit. */
  private static final class TextDeserializer<T> extends JsonDeserializer<T> {
    private final java.util.function.Function<String, T> parser;
    private final String expected;

    TextDeserializer(java.util.function.Function<String, T> parser, String expected) {
      this.parser = parser;
      this.expected = expected;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      T value = p.currentToken() == JsonToken.VALUE_STRING ? parser.apply(p.getText()) : null;
      if (value == null) {
        throw new JacksonBindingFailure(p, ConfigErrors.INVALID_VALUE, expected, "\"" + p.getText() + "\"", "");
      }
      return value;
    }
  }

  /** A secret: a literal string, or {@code {env: NAME}}, or {@code {file: PATH}}. */
  private static final class SecretDeserializer extends JsonDeserializer<Secret> {
    @Override
    public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return Secret.of(p.getText(), "config");
      }
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw invalid(p, p.getText());
      }
      Map<?, ?> reference = p.readValueAs(Map.class);
      @SuppressWarnings("unchecked")
      var env = (Map<String, String>) ctxt.getAttribute(ENV_ATTRIBUTE);
      if (reference.size() == 1 && reference.get("env") instanceof String name) {
        String value = env == null ? null : env.get(name);
        if (value == null) {
          throw new JacksonBindingFailure(p, ConfigErrors.MISSING_ENV, "environment variable " + name + " to be set",
              "it unset", "export " + name + " before running localagent");
        }
        return Secret.of(value, "env " + name);
      }
      if (reference.size() == 1 && reference.get("file") instanceof String file) {
        return fromFile(p, file, env == null ? null : env.get("HOME"));
      }
      throw invalid(p, "a mapping with keys " + reference.keySet());
    }

    private static Secret fromFile(JsonParser p, String file, String home) throws JacksonBindingFailure {
      Path path = Path.of(file.startsWith("~/") && home != null ? home + file.substring(1) : file);
      try {
        return Secret.of(Files.readString(path).strip(), "file " + path);
      } catch (IOException | RuntimeException e) {
        throw new JacksonBindingFailure(p, ConfigErrors.UNREADABLE, "a readable secret file", path + " ("
            + e.getClass().getSimpleName() + ")", "check that the file exists and is readable by you");
      }
    }

    private static JacksonBindingFailure invalid(JsonParser p, String found) {
      return new JacksonBindingFailure(p, ConfigErrors.INVALID_VALUE,
          "a secret: a string, ${VAR}, {env: VAR} or {file: PATH}", found, "");
    }
  }
}
