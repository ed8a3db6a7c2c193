package dev.localagent.bench.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.ModelDelta;
import dev.localagent.api.event.SessionEvent;
import dev.localagent.gateway.protocol.WireJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

class FrameScannerTest {
  private final FrameScanner scanner = new FrameScanner();
  private final String session = UUID.randomUUID().toString();

  /** An event frame exactly as the gateway encodes it, its text stamped like the bench server's. */
  private byte[] event(long seq, long stamp) {
    return WireJson.encodeEvent(new SessionEvent(session, seq, 1_764_000_000_000L,
        new ModelDelta("t=" + stamp + ";" + "x".repeat(76))));
  }

  private static byte[] batch(byte[]... events) {
    var out = new ByteArrayOutputStream();
    out.write('[');
    for (int i = 0; i < events.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(events[i]);
    }
    out.write(']');
    return out.toByteArray();
  }

  private void scan(byte[] frame, Recorder latency) {
    scanner.scan(frame, frame.length, 10_000, latency);
  }

  @Test
  void countsEveryEventOfABatchAndAcceptsSeqsThatFollowOneAnother() {
    scan(batch(event(1, 0), event(2, 0), event(3, 0)), null);
    assertThat(scanner.events).isEqualTo(3);
    assertThat(scanner.seqErrors).isZero();

    scan(event(4, 0), null);
    assertThat(scanner.events).isEqualTo(1);
    assertThat(scanner.seqErrors).isZero();
  }

  @Test
  void aLostARepeatedAndAReorderedEventAreEachCounted() {
    scan(batch(event(1, 0), event(3, 0)), null); // 2 lost
    assertThat(scanner.seqErrors).isEqualTo(1);

    scan(batch(event(3, 0)), null); // 3 again
    assertThat(scanner.seqErrors).isEqualTo(1);

    scan(batch(event(5, 0), event(4, 0)), null); // out of order: 5 does not follow 3, 4 does not follow 5
    assertThat(scanner.seqErrors).isEqualTo(2);
  }

  @Test
  void recordsEachEventsLatencyFromItsStampOnlyWhenTiming() {
    var latency = new Recorder(3);
    scan(batch(event(1, 9_000), event(2, 9_500)), latency);
    Histogram h = latency.getIntervalHistogram();
    assertThat(h.getTotalCount()).isEqualTo(2);
    assertThat(h.getMinValue()).isEqualTo(500);
    assertThat(h.getMaxValue()).isEqualTo(1_000);
    assertThat(scanner.seqErrors).isZero();

    scan(event(3, 9_000), null);
    assertThat(latency.getIntervalHistogram().getTotalCount()).isZero();
  }

  @Test
  void findsTheSeqInAnyFieldOrderAsTheNodePeerOrAnotherServerMightWriteIt() {
    String reordered = "{\"type\":\"event\",\"seq\":7,\"sessionId\":\"s\",\"event\":{\"type\":\"model.delta\","
        + "\"text\":\"t=9990;x\"}}";
    String node = "{\"type\":\"event\",\"sessionId\":\"node\",\"seq\":8,\"ts\":1,\"event\":{\"type\":"
        + "\"model.delta\",\"text\":\"t=9980;x\"}}";
    var latency = new Recorder(3);
    scan(("[" + reordered + "," + node + "]").getBytes(StandardCharsets.UTF_8), latency);

    assertThat(scanner.events).isEqualTo(2);
    assertThat(scanner.seqErrors).isZero();
    Histogram h = latency.getIntervalHistogram();
    assertThat(h.getMinValue()).isEqualTo(10);
    assertThat(h.getMaxValue()).isEqualTo(20);
  }

  @Test
  void anEventWithoutASeqIsCountedAsOutOfSequence() {
    scan("{\"type\":\"event\",\"sessionId\":\"s\",\"event\":{}}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(scanner.events).isEqualTo(1);
    assertThat(scanner.seqErrors).isEqualTo(1);
  }

  @Test
  void countsPongsAndIgnoresReplies() {
    String frames = "[{\"type\":\"pong\",\"id\":\"e\",\"result\":{\"serverTimeMillis\":1}},"
        + "{\"type\":\"reply\",\"id\":\"a\",\"result\":{\"lastSeq\":0}},{\"type\":\"pong\",\"id\":\"e\"}]";
    scan(frames.getBytes(StandardCharsets.UTF_8), null);
    assertThat(scanner.pongs).isEqualTo(2);
    assertThat(scanner.events).isZero();
  }
}
