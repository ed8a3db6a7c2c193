package dev.localagent.core.session;

import java.util.Objects;

/** A summary of a stored session, for listings. */
public record SessionInfo(String id, String title, long lastSeq, long createdMillis, long updatedMillis) {
  public SessionInfo {
    Objects.requireNonNull(id, "id");
    title = title == null ? "" : title;
  }
}
