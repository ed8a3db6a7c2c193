package dev.localagent.core.mcp.internal;

import dev.localagent.api.tool.ToolResult;
import dev.localagent.core.mcp.McpErrors;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an MCP {@code tools/call} result into the text a model reads: text blocks as they are,
 * other blocks as a one-line note (a model that reads text cannot use base64 image data), and
 * the structured content as JSON when there is no text.
 */
final class ToolResults {
  private ToolResults() {}

  static ToolResult from(McpSchema.CallToolResult result) {
    String text = text(result);
    if (Boolean.TRUE.equals(result.isError())) {
      return ToolResult.error(McpErrors.TOOL_ERROR.id(), text.isEmpty() ? "the tool reported an error" : text);
    }
    return ToolResult.success(text);
  }

  private static String text(McpSchema.CallToolResult result) {
    var parts = new ArrayList<String>();
    List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
    for (McpSchema.Content block : content) {
      parts.add(describe(block));
    }
    if (parts.isEmpty() && result.structuredContent() != null) {
      try {
        parts.add(McpConnection.JSON.writeValueAsString(result.structuredContent()));
      } catch (IOException e) {
        parts.add(String.valueOf(result.structuredContent()));
      }
    }
    return String.join("\n", parts);
  }

  private static String describe(McpSchema.Content block) {
    return switch (block) {
      case McpSchema.TextContent text -> text.text();
      case McpSchema.ImageContent image -> "[image " + image.mimeType() + ", " + decodedSize(image.data()) + " bytes]";
      case McpSchema.AudioContent audio -> "[audio " + audio.mimeType() + ", " + decodedSize(audio.data()) + " bytes]";
      case McpSchema.EmbeddedResource embedded -> resource(embedded.resource());
      case McpSchema.ResourceLink link -> "[resource link " + link.uri()
          + (link.description() == null ? "" : ": " + link.description()) + "]";
      default -> "[" + block.type() + " content]";
    };
  }

  private static String resource(McpSchema.ResourceContents contents) {
    if (contents instanceof McpSchema.TextResourceContents text) {
      return text.text();
    }
    return "[resource " + contents.uri() + (contents.mimeType() == null ? "" : ", " + contents.mimeType()) + "]";
  }

  private static long decodedSize(String base64) {
    return base64 == null ? 0 : base64.length() * 3L / 4;
  }
}
