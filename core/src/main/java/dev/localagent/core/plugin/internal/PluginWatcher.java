package dev.localagent.core.plugin.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;

/**
 * Reloads plugins when a jar appears, changes or disappears in a plugin directory, for
 * long-running processes. Bursts of events (a copy writes many times) cause one reload each time
 * the queue is drained.
 */
final class PluginWatcher implements AutoCloseable {
  private final WatchService service;
  private final Thread thread;

  private PluginWatcher(WatchService service, Runnable reload) {
    this.service = service;
    this.thread = Thread.ofPlatform().daemon().name("plugin-watcher").start(() -> loop(reload));
  }

  static PluginWatcher start(List<Path> dirs, Runnable reload) {
    try {
      WatchService service = FileSystems.getDefault().newWatchService();
      for (Path dir : dirs) {
        if (Files.isDirectory(dir)) {
          dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
        }
      }
      return new PluginWatcher(service, reload);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch the plugin directories", e);
    }
  }

  private void loop(Runnable reload) {
    try {
      while (true) {
        WatchKey key = service.take();
        do {
          boolean jar = key.pollEvents().stream().anyMatch(e -> String.valueOf(e.context()).endsWith(".jar"));
          key.reset();
          if (jar) {
            reload.run();
          }
          key = service.poll();
        } while (key != null);
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // Closed: stop watching.
    }
  }

  @Override
  public void close() throws IOException {
    service.close();
    thread.interrupt();
  }
}
