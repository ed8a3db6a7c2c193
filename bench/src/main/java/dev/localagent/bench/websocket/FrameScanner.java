package dev.localagent.bench.websocket;

import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Recorder;

/**
 * What the load generator reads from one connection's frames, without decoding JSON: it counts
 * events and pongs, checks that each event's seq follows the previous one (so a lost, repeated
 * or reordered event shows) and, when timing, records each event's latency from the monotonic
 * time stamped at the start of its text.
 *
 * <p>Both servers write an event as {@code {"type":"event","sessionId":"ID","seq":N,...}}: the
 * scanner jumps over the session id to the seq instead of searching for it byte by byte, and
 * falls back to the search for any other layout. One instance per connection (it keeps that
 * connection's last seq); not thread-safe.
 */
final class FrameScanner {
  private static final byte[] EVENT = ascii("{\"type\":\"event\"");
  private static final byte[] PONG = ascii("{\"type\":\"pong\"");
  private static final byte[] SESSION_ID = ascii(",\"sessionId\":\"");
  private static final byte[] SEQ_AFTER_ID = ascii("\",\"seq\":"); // From the id's closing quote.
  private static final byte[] SEQ = ascii("\"seq\":");
  private static final byte[] SENT_AT = ascii("\"t=");

  private long lastSeq = -1;
  private int numberEnd; // Where the digits read by the last number() call end.
  /** Events in the last frame scanned. */
  int events;
  /** Pongs in the last frame scanned. */
  int pongs;
  /** Events in the last frame whose seq did not follow the previous event's on this connection. */
  int seqErrors;

  /**
   * Scans one frame (a JSON object, or an array of them when batched).
   *
   * @param latency where to record each event's latency (now minus its stamp), or null not to read stamps
   */
  void scan(byte[] bytes, int end, long now, Recorder latency) {
    events = 0;
    pongs = 0;
    seqErrors = 0;
    int i = 0;
    while (i < end) {
      if (bytes[i] != '{') {
        i++;
      } else if (matches(bytes, i, end, EVENT)) {
        i = event(bytes, i + EVENT.length, end, now, latency);
      } else if (matches(bytes, i, end, PONG)) {
        pongs++;
        i += PONG.length;
      } else {
        i++;
      }
    }
  }

  /** Reads one event from just after its type; returns where scanning goes on. */
  private int event(byte[] bytes, int from, int end, long now, Recorder latency) {
    events++;
    int seqAt = seqIndex(bytes, from, end);
    if (seqAt < 0) {
      seqErrors++; // An event without a seq cannot be checked: count it as out of sequence.
      return from;
    }
    long seq = number(bytes, seqAt, end);
    if (lastSeq >= 0 && seq != lastSeq + 1) {
      seqErrors++;
    }
    lastSeq = seq;
    int next = numberEnd;
    if (latency != null) {
      int timeAt = find(bytes, next, end, SENT_AT);
      if (timeAt >= 0) {
        latency.recordValue(Math.max(0, now - number(bytes, timeAt, end)));
        next = numberEnd;
      }
    }
    return next;
  }

  /** Where the seq's digits start: straight past the session id when it comes first, else by search. */
  private static int seqIndex(byte[] bytes, int from, int end) {
    if (matches(bytes, from, end, SESSION_ID)) {
      int quote = from + SESSION_ID.length;
      while (quote < end && bytes[quote] != '"') {
        quote++; // Session ids are plain tokens (a UUID): no escapes to look out for.
      }
      if (matches(bytes, quote, end, SEQ_AFTER_ID)) {
        return quote + SEQ_AFTER_ID.length;
      }
    }
    return find(bytes, from, end, SEQ);
  }

  private static boolean matches(byte[] bytes, int at, int end, byte[] pattern) {
    if (at + pattern.length > end) {
      return false;
    }
    for (int j = 0; j < pattern.length; j++) {
      if (bytes[at + j] != pattern[j]) {
        return false;
      }
    }
    return true;
  }

  /** The index just after the first {@code pattern} at or after {@code from}, or -1. */
  private static int find(byte[] bytes, int from, int end, byte[] pattern) {
    byte first = pattern[0];
    for (int i = from, last = end - pattern.length; i <= last; i++) {
      if (bytes[i] == first && matches(bytes, i, end, pattern)) {
        return i + pattern.length;
      }
    }
    return -1;
  }

  /** The decimal number starting at {@code from}; sets {@link #numberEnd}. */
  private long number(byte[] bytes, int from, int end) {
    long value = 0;
    int i = from;
    for (; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    numberEnd = i;
    return value;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
