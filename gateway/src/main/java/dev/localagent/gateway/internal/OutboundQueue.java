package dev.localagent.gateway.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outbound side of one connection: encoded frames queued by any thread, written by the
 * channel's event loop. When batching is on, frames queued together are coalesced into one JSON
 * array of at most {@code batchMaxEvents}; a flush happens as soon as the queue drains (so a lone
 * event is never delayed) or when written-but-unflushed data gets older than the age limit under
 * sustained load. Writing stops at the channel's high watermark and resumes when it is writable.
 */
final class OutboundQueue {
  /** Frames written per event-loop task before yielding to other connections on the loop. */
  private static final int FRAMES_PER_TASK = 64;

  private final Channel channel;
  private final GatewayMetrics metrics;
  private final Queue<byte[]> queue = PlatformDependent.newMpscQueue();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drainTask = this::drain;
  private final Runnable onDrained;
  private final ChannelPromise closeWritten;
  private volatile CloseWebSocketFrame closing; // Written once every frame queued before it is out.
  private volatile boolean closeSent;
  private volatile boolean batching;
  private volatile int batchMaxEvents;
  private volatile byte[][] batch = new byte[1][]; // The frame being built; used on the event loop only.
  private volatile long batchMaxDelayNanos;

  OutboundQueue(Channel channel, GatewayMetrics metrics, Runnable onDrained) {
    this.channel = channel;
    this.metrics = metrics;
    this.onDrained = onDrained;
    this.batchMaxEvents = 1;
    this.closeWritten = channel.newPromise();
  }

  /** Applies what hello negotiated. */
  void configureBatching(boolean enabled, int maxEvents, long maxDelayMillis) {
    batch = new byte[enabled ? maxEvents : 1][];
    batchMaxEvents = enabled ? maxEvents : 1;
    batchMaxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
    batching = enabled;
  }

  boolean batching() {
    return batching;
  }

  /** Frames queued and not yet written. */
  int queued() {
    return queued.get();
  }

  /** Queues one encoded JSON object; safe from any thread. */
  void offer(byte[] json) {
    queue.offer(json);
    queued.incrementAndGet(); // A full fence: the drain's "scheduled = false, then is it empty?" cannot miss this.
    // Read before the CAS: while a drain is pending (most offers under load) the flag's cache line
    // stays shared with the event loop instead of being taken exclusive by a failing CAS.
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(drainTask);
    }
  }

  /**
   * Queues a close frame behind every frame already queued, so a reply or event offered before
   * it is never overtaken; frames offered later are dropped. Safe from any thread.
   *
   * @return completes when the close frame was written, or the channel is gone
   */
  ChannelFuture closeAfterQueued(CloseWebSocketFrame close) {
    closing = close;
    if (scheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(drainTask);
    }
    return closeWritten;
  }

  /** Called on the event loop when the channel became writable again. */
  void writable() {
    if (channel.isWritable()) {
      scheduled.set(true);
      drain();
    }
  }

  /** Drops whatever is queued; the connection is gone. */
  void discard() {
    queue.clear();
    queued.set(0);
  }

  private void drain() {
    if (!channel.isActive() || closeSent) {
      discard();
      closeWritten.trySuccess();
      scheduled.set(false);
      return;
    }
    int frames = 0;
    long firstUnflushed = 0;
    while (channel.isWritable() && frames < FRAMES_PER_TASK) {
      byte[] first = queue.poll();
      if (first == null) {
        break;
      }
      channel.write(frame(first));
      frames++;
      long now = System.nanoTime();
      if (frames == 1) {
        firstUnflushed = now;
      } else if (now - firstUnflushed >= batchMaxDelayNanos) {
        channel.flush();
        firstUnflushed = now;
      }
    }
    if (frames > 0) {
      channel.flush();
    }
    if (closing != null && queue.isEmpty() && channel.isWritable()) {
      writeClose();
    }
    afterDrain();
  }

  private void writeClose() {
    CloseWebSocketFrame close = closing;
    closing = null;
    closeSent = true;
    channel.writeAndFlush(close).addListener(written -> closeWritten.trySuccess());
  }

  private void afterDrain() {
    if (!channel.isWritable()) {
      return; // Stay scheduled: writable() resumes when the peer has read enough.
    }
    if (!queue.isEmpty() || closing != null) {
      // More than one task's worth: continue after the loop's next I/O round. Netty runs queued
      // tasks for up to its task quantum (1 s by default) before reading any socket again, so a
      // continuation queued with execute() would let a connection catching up a long backlog hold
      // the reads (handshakes, pings, requests) of every other connection on its loop that long;
      // a task scheduled now is taken into the queue only at the next round, after the reads.
      channel.eventLoop().schedule(drainTask, 0, TimeUnit.NANOSECONDS);
      return;
    }
    scheduled.set(false);
    onDrained.run();
    if ((!queue.isEmpty() || closing != null) && scheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(drainTask);
    }
  }

  private TextWebSocketFrame frame(byte[] first) {
    byte[] second = batchMaxEvents > 1 ? queue.poll() : null;
    if (second == null) {
      queued.decrementAndGet();
      metrics.framesOut.increment();
      return new TextWebSocketFrame(Unpooled.wrappedBuffer(first));
    }
    // Take the whole batch first so its frame is allocated once at its exact size, not regrown.
    byte[][] batch = this.batch;
    batch[0] = first;
    batch[1] = second;
    int count = 2;
    int bytes = first.length + second.length;
    byte[] next;
    while (count < batchMaxEvents && (next = queue.poll()) != null) {
      batch[count++] = next;
      bytes += next.length;
    }
    ByteBuf buf = channel.alloc().buffer(bytes + count + 1); // The events, commas and brackets.
    buf.writeByte('[');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        buf.writeByte(',');
      }
      buf.writeBytes(batch[i]);
      batch[i] = null;
    }
    buf.writeByte(']');
    queued.addAndGet(-count);
    metrics.framesOut.increment();
    return new TextWebSocketFrame(buf);
  }
}
