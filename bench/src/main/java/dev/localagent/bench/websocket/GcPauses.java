package dev.localagent.bench.websocket;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Collection pauses of this JVM so far, so a latency run can say whether a collector stopped the
 * server or the load generator while it was timing events. ZGC reports its concurrent cycles in
 * beans of their own ("... Cycles"); only its pauses are counted.
 */
record GcPauses(long count, long millis) {
  static GcPauses ofThisProcess() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!gc.getName().endsWith("Cycles")) {
        count += Math.max(0, gc.getCollectionCount());
        millis += Math.max(0, gc.getCollectionTime());
      }
    }
    return new GcPauses(count, millis);
  }

  /** The wire form between the bench server and the bench: {@code COUNT MILLIS}. */
  static GcPauses parse(String line) {
    String[] words = line.strip().split(" ");
    return new GcPauses(Long.parseLong(words[0]), Long.parseLong(words[1]));
  }

  @Override
  public String toString() {
    return count + " " + millis;
  }

  GcPauses since(GcPauses before) {
    return new GcPauses(count - before.count, millis - before.millis);
  }

  String describe() {
    return count + (count == 1 ? " pause" : " pauses") + ", " + millis + " ms";
  }
}
