package dev.localagent.core.tool.builtin;

import dev.localagent.api.tool.Tool;
import dev.localagent.api.tool.ToolOutput;
import dev.localagent.api.tool.ToolRequest;
import dev.localagent.api.tool.ToolResult;
import dev.localagent.api.tool.ToolSpec;
import dev.localagent.core.tool.ToolErrors;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;

/** {@code fs.read}: a text file's lines, optionally a range, capped in lines and bytes. */
public final class FsReadTool implements Tool {
  static final int DEFAULT_MAX_LINES = 2000;
  static final int DEFAULT_MAX_BYTES = 256 * 1024;
  /** Files up to this size are read with one read into one array (most source files are smaller). */
  static final int WHOLE_FILE_BYTES = 64 * 1024;
  private static final ToolSpec SPEC = new ToolSpec("fs.read", "Read a text file in the workdir. Long files are"
      + " cut at max_lines / max_bytes with a notice saying how to read on.", """
      {"type":"object","properties":{
        "path":{"type":"string","description":"file path relative to the workdir"},
        "start_line":{"type":"integer","minimum":1,"description":"first line to return (1-based)"},
        "max_lines":{"type":"integer","minimum":1,"maximum":100000},
        "max_bytes":{"type":"integer","minimum":1,"maximum":10485760}},
       "required":["path"],"additionalProperties":false}""");

  @Override
  public ToolSpec spec() {
    return SPEC;
  }

  @Override
  public ToolResult call(ToolRequest request, ToolOutput output) {
    try {
      Workspace workspace = Workspace.of(request);
      var args = new Args(request);
      String userPath = args.string("path");
      return read(workspace, userPath, workspace.resolveExisting(userPath), args);
    } catch (ToolFailure f) {
      return f.result();
    }
  }

  /**
   * The read of {@code found}, which {@code workspace} resolved from {@code userPath} a moment
   * before. A regular file of up to {@link #WHOLE_FILE_BYTES} that one lstat confined (right in
   * the workdir, no symlink) is opened with O_NOFOLLOW and read through libc: no realpath, no
   * second stat, and a symlink swapped in since the lstat is not followed but resolved again,
   * and refused if it leads out.
   */
  static ToolResult read(Workspace workspace, String userPath, Workspace.Resolved found, Args args) {
    try {
      long start = args.number("start_line", 1, 1, Integer.MAX_VALUE);
      long maxLines = args.number("max_lines", DEFAULT_MAX_LINES, 1, 100_000);
      long maxBytes = args.number("max_bytes", DEFAULT_MAX_BYTES, 1, 10 * 1024 * 1024);
      if (found.isRegularFile() && found.size() <= WHOLE_FILE_BYTES && Libc.AVAILABLE) {
        String text = readNoFollow(workspace, found.path(), found.size(), start, maxLines, maxBytes);
        if (text != null) {
          return ToolResult.success(text);
        }
        found = workspace.resolveExisting(userPath); // it changed since: confine it again
      }
      Path file = found.path();
      // Checked before opening: opening a FIFO would wait for a writer.
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new ToolFailure(ToolErrors.NOT_TEXT, "'" + workspace.display(file) + "' is not a regular file");
      }
      return ToolResult.success(read(workspace, file, attributes.size(), start, maxLines, maxBytes));
    } catch (ToolFailure f) {
      return f.result();
    } catch (IOException e) {
      return ToolResult.error(ToolErrors.IO.id(), "cannot read: " + e.getMessage());
    }
  }

  /**
   * {@code file} read whole with open(O_NOFOLLOW | O_NONBLOCK), read, close; null when it is no
   * longer what was checked: a symlink now (ELOOP), or grown past {@code size} and the whole-file
   * limit's room. O_NONBLOCK: a FIFO swapped in reads as empty rather than waiting for a writer.
   */
  private static String readNoFollow(Workspace workspace, Path file, long size, long start, long maxLines,
      long maxBytes) throws IOException {
    byte[] head = new byte[(int) size + 1]; // +1: room to see the end
    int n;
    try (FileScratch scratch = FileScratch.take()) {
      int fd = Libc.openNoFollow(scratch, file.toString());
      if (fd == -Libc.ELOOP) {
        return null;
      }
      if (fd < 0) {
        throw new IOException(workspace.display(file) + ": " + Libc.describe(-fd));
      }
      try {
        n = Libc.readUpTo(scratch, fd, head);
      } finally {
        Libc.close(fd);
      }
      if (n < 0) {
        throw new IOException(workspace.display(file) + ": " + Libc.describe(-n));
      }
    }
    if (n == head.length) {
      return null; // it grew since the lstat: read it as a stream
    }
    checkText(workspace, file, head, n);
    // new String replaces malformed UTF-8 with U+FFFD, as the stream decoder does
    String text = new String(head, 0, n, StandardCharsets.UTF_8);
    if (start == 1 && isWholeAsLines(text, maxLines, maxBytes)) {
      return text; // what lines() would rebuild from it, line by line
    }
    return lines(text.lines().iterator(), start, maxLines, maxBytes);
  }

  /**
   * True when {@link #lines} from line 1 would return {@code text} itself: every line ends with
   * '\n' (no '\r' to normalise, no last line without one) and neither limit is reached.
   */
  private static boolean isWholeAsLines(String text, long maxLines, long maxBytes) {
    if (text.length() > maxBytes || (!text.isEmpty() && text.charAt(text.length() - 1) != '\n')
        || text.indexOf('\r') >= 0) {
      return false;
    }
    long lines = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (++lines > maxLines) {
        return false;
      }
    }
    return true;
  }

  private static void checkText(Workspace workspace, Path file, byte[] head, int n) {
    for (int i = 0, sniff = Math.min(n, TextFiles.SNIFF_BYTES); i < sniff; i++) {
      if (head[i] == 0) {
        throw new ToolFailure(ToolErrors.NOT_TEXT,
            "'" + workspace.display(file) + "' looks binary (it contains NUL bytes)");
      }
    }
  }

  /**
   * One open for the binary check and the text: a file of up to {@link #WHOLE_FILE_BYTES} is read
   * whole into one array sized by {@code sizeHint} (its size when checked) and decoded at once; a
   * larger one, or one that grew meanwhile, goes on as a stream after the bytes already read.
   */
  private static String read(Workspace workspace, Path file, long sizeHint, long start, long maxLines, long maxBytes)
      throws IOException {
    try (InputStream in = new FileInputStream(file.toFile())) {
      byte[] head = new byte[(int) Math.min(sizeHint, WHOLE_FILE_BYTES) + 1]; // +1: room to see the end
      int n = in.readNBytes(head, 0, head.length);
      checkText(workspace, file, head, n);
      if (n < head.length) {
        // new String replaces malformed UTF-8 with U+FFFD, as the stream decoder below does
        return lines(new String(head, 0, n, StandardCharsets.UTF_8).lines().iterator(), start, maxLines, maxBytes);
      }
      var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      var rest = new SequenceInputStream(new ByteArrayInputStream(head, 0, n), in);
      var reader = new BufferedReader(new InputStreamReader(rest, decoder));
      return lines(reader.lines().iterator(), start, maxLines, maxBytes);
    } catch (UncheckedIOException e) {
      throw e.getCause(); // from BufferedReader.lines
    }
  }

  /** The lines from {@code start} on, cut at {@code maxLines} or {@code maxBytes} with a notice. */
  private static String lines(Iterator<String> lines, long start, long maxLines, long maxBytes) {
    var text = new StringBuilder();
    long lineNo = 0;
    long bytes = 0;
    while (lines.hasNext()) {
      String line = lines.next();
      lineNo++;
      if (lineNo < start) {
        continue;
      }
      long size = line.length() + 1L;
      if (lineNo - start >= maxLines || bytes + size > maxBytes) {
        text.append("[truncated: showing lines ").append(start).append('-').append(lineNo - 1)
            .append("; more follow, read on with start_line=").append(lineNo).append(']');
        return text.toString();
      }
      bytes += size;
      text.append(line).append('\n');
    }
    if (lineNo < start && lineNo > 0) {
      throw Args.bad("start_line", "is past the end of the file (" + lineNo + " lines)");
    }
    return text.toString();
  }
}
