package dev.localagent.gateway.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: a connection's requests
 * are handled in the order they arrived without holding a thread per connection.
 */
final class SerialExecutor implements Executor {
  private final Executor delegate;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    if (running.compareAndSet(false, true)) {
      try {
        delegate.execute(this::runAll);
      } catch (RejectedExecutionException e) {
        tasks.clear();
        running.set(false);
        throw e;
      }
    }
  }

  private void runAll() {
    while (true) {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
      running.set(false);
      // A task added between the last poll and set(false) must not be stranded.
      if (tasks.isEmpty() || !running.compareAndSet(false, true)) {
        return;
      }
    }
  }
}
