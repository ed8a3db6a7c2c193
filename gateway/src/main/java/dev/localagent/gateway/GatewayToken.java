package dev.localagent.gateway;

import dev.localagent.core.error.LocalAgentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The gateway's access token: 32 random bytes, hex, generated at first start and kept in a file
 * only its owner can read (0600). The value is never logged or printed; only the path is.
 */
public final class GatewayToken {
  /** The token file's name inside the config directory when none is configured. */
  public static final String DEFAULT_FILE_NAME = "gateway.token";

  private static final int TOKEN_BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private GatewayToken() {}

  /**
   * Reads the token from {@code file}, creating the file with a fresh token first if missing.
   * Processes starting together (instances sharing a home directory) all end up with the token
   * of whichever created the file first.
   *
   * @throws LocalAgentException LA-GATEWAY-013 when the file cannot be read or written, is empty,
   *     or can be read by others than its owner
   */
  public static String loadOrCreate(Path file) {
    try {
      if (Files.notExists(file)) {
        create(file);
      }
      requireOwnerOnly(file);
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw failure(file, "is empty", "delete it and restart to generate a new token");
      }
      return token;
    } catch (IOException e) {
      throw new LocalAgentException(GatewayErrors.TOKEN_FILE, "cannot read or create the token file "
          + file + ": " + e.getMessage(), "check the directory exists and is writable", e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Written to a 0600 temporary file and linked into place: never briefly readable, never
    // partial, and never replacing a token another process created meanwhile (link(2) fails when
    // the name exists, where a rename would overwrite a token that process may already serve).
    Path tmp = Files.createTempFile(dir, ".gateway-token", ".tmp",
        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException e) {
        // Another process won the race: its token is the one to use.
      } catch (UnsupportedOperationException e) {
        // No hard links on this file system: a plain move, which also refuses an existing target.
        try {
          Files.move(tmp, file);
        } catch (FileAlreadyExistsException raced) {
          // As above.
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void requireOwnerOnly(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw failure(file, "is readable by others (" + PosixFilePermissions.toString(permissions) + ")",
          "run: chmod 600 " + file);
    }
  }

  private static LocalAgentException failure(Path file, String problem, String hint) {
    return new LocalAgentException(GatewayErrors.TOKEN_FILE, "the token file " + file + " " + problem, hint);
  }
}
