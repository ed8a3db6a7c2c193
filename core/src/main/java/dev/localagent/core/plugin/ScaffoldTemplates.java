package dev.localagent.core.plugin;

/** The text of a new plugin project's files; see {@link PluginScaffold}. */
final class ScaffoldTemplates {
  private ScaffoldTemplates() {}

  static String pom(String id, String apiVersion) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>localagent.plugins</groupId>
          <artifactId>%1$s</artifactId>
          <version>0.1.0</version>
          <name>LocalAgent plugin %1$s</name>

          <properties>
            <maven.compiler.release>25</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>

          <dependencies>
            <!-- The host provides the API at run time; never bundle it. -->
            <dependency>
              <groupId>dev.localagent</groupId>
              <artifactId>localagent-api</artifactId>
              <version>%2$s</version>
              <scope>provided</scope>
            </dependency>
            <dependency>
              <groupId>org.junit.jupiter</groupId>
              <artifactId>junit-jupiter</artifactId>
              <version>6.1.3</version>
              <scope>test</scope>
            </dependency>
          </dependencies>

          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>3.6.1</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(id, apiVersion);
  }

  static String manifest(String id, String apiVersion, String entry, String tool) {
    return """
        {
          "id": "%1$s",
          "version": "0.1.0",
          "api_version": "%2$s",
          "description": "What %1$s does, in one line.",
          "entry": "%3$s",
          "dependencies": [],
          "provides": {
            "tools": [
              {
                "name": "%4$s",
                "description": "Reverses the given text.",
                "parameters": {
                  "type": "object",
                  "properties": {"text": {"type": "string", "description": "Text to reverse"}},
                  "required": ["text"]
                }
              }
            ]
          },
          "permissions": {"paths": [], "exec": false, "network": []}
        }
        """.formatted(id, apiVersion, entry, tool);
  }

  static String plugin(String pkg, String prefix) {
    return """
        package %1$s;

        import dev.localagent.api.plugin.Plugin;
        import dev.localagent.api.plugin.PluginContext;
        import dev.localagent.api.tool.Tool;
        import java.util.List;

        /** The plugin's entry class, named by "entry" in plugin.json. */
        public final class %2$sPlugin implements Plugin {
          @Override
          public void start(PluginContext context) {
            context.logger().info("started");
          }

          @Override
          public List<Tool> tools() {
            return List.of(new %2$sTool());
          }
        }
        """.formatted(pkg, prefix);
  }

  static String tool(String pkg, String prefix, String toolName) {
    return """
        package %1$s;

        import dev.localagent.api.tool.Tool;
        import dev.localagent.api.tool.ToolOutput;
        import dev.localagent.api.tool.ToolRequest;
        import dev.localagent.api.tool.ToolResult;
        import dev.localagent.api.tool.ToolSpec;

        /** Reverses text. The spec must match the tool's entry in plugin.json. */
        public final class %2$sTool implements Tool {
          @Override
          public ToolSpec spec() {
            return new ToolSpec("%3$s", "Reverses the given text.", null);
          }

          @Override
          public ToolResult call(ToolRequest request, ToolOutput output) {
            String text = request.string("text");
            if (text == null) {
              return ToolResult.error("BAD_ARGUMENTS", "'text' is required");
            }
            return ToolResult.success(new StringBuilder(text).reverse().toString());
          }
        }
        """.formatted(pkg, prefix, toolName);
  }

  static String test(String pkg, String prefix) {
    return """
        package %1$s;

        import static org.junit.jupiter.api.Assertions.assertEquals;
        import static org.junit.jupiter.api.Assertions.assertFalse;

        import dev.localagent.api.tool.ToolOutput;
        import dev.localagent.api.tool.ToolRequest;
        import java.nio.file.Path;
        import java.util.Map;
        import org.junit.jupiter.api.Test;

        class %2$sToolTest {
          @Test
          void reversesTheText() {
            var result = new %2$sTool().call(new ToolRequest("1", Map.of("text", "abc"), Path.of(".")), ToolOutput.DISCARD);
            assertEquals("cba", result.content());
          }

          @Test
          void missingTextIsAnError() {
            var result = new %2$sTool().call(new ToolRequest("2", Map.of(), Path.of(".")), ToolOutput.DISCARD);
            assertFalse(result.ok());
          }
        }
        """.formatted(pkg, prefix);
  }
}
