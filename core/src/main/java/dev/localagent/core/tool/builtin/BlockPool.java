package dev.localagent.core.tool.builtin;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small lock-free pool of reusable native-memory blocks: a few slots, taken and given back with
 * one atomic swap each. A caller finding every slot empty gets a new block; a block given back to
 * a full pool is dropped for the GC (its memory comes from an automatic arena).
 */
final class BlockPool<T> {
  private final AtomicReferenceArray<T> slots;
  private final Supplier<T> factory;

  BlockPool(Supplier<T> factory) {
    this.slots = new AtomicReferenceArray<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    this.factory = factory;
  }

  T take() {
    for (int i = 0; i < slots.length(); i++) {
      T pooled = slots.getAndSet(i, null);
      if (pooled != null) {
        return pooled;
      }
    }
    return factory.get();
  }

  void give(T block) {
    for (int i = 0; i < slots.length(); i++) {
      if (slots.compareAndSet(i, null, block)) {
        return;
      }
    }
  }
}
