package dev.localagent.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.gateway.protocol.Messages.Pong;
import dev.localagent.gateway.protocol.WireJson.ReplyFrame;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WireJsonTest {
  @Test
  void pongFastPathWritesTheSameBytesAsTheMapper() {
    for (String id : Arrays.asList("e", null, "", "quote\" back\\slash \u00e9 \u2028 \u0001", "42")) {
      for (long time : new long[] {0, 1_764_300_000_000L, Long.MAX_VALUE}) {
        byte[] viaMapper = WireJson.encode(new ReplyFrame(Protocol.PING.replyType(), id, new Pong(time)));
        assertThat(new String(WireJson.encodePong(id, time)))
            .as("pong for id %s at %d", id, time)
            .isEqualTo(new String(viaMapper));
      }
    }
  }
}
