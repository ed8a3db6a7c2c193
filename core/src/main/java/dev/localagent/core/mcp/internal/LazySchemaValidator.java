package dev.localagent.core.mcp.internal;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.JacksonJsonSchemaValidatorSupplier;
import java.util.Map;

/**
 * The SDK's JSON Schema validator (networknt, about 220 classes), created only when a server
 * first declares an output schema to check results against. The SDK creates it eagerly with
 * every client, which would load those classes on every server start.
 */
final class LazySchemaValidator implements JsonSchemaValidator {
  static final LazySchemaValidator INSTANCE = new LazySchemaValidator();

  private volatile JsonSchemaValidator delegate;

  private LazySchemaValidator() {}

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    return delegate().validate(schema, structuredContent);
  }

  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return delegate().validateSchema(schema);
  }

  private JsonSchemaValidator delegate() {
    JsonSchemaValidator current = delegate;
    if (current == null) {
      synchronized (this) {
        current = delegate;
        if (current == null) {
          current = new JacksonJsonSchemaValidatorSupplier().get();
          delegate = current;
        }
      }
    }
    return current;
  }
}
