package dev.localagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.api.event.TurnDone;
import dev.localagent.gateway.client.GatewayClient;
import dev.localagent.gateway.protocol.WireJson.EventFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what a client received, and waits for it without sleeping. */
public final class RecordingListener implements GatewayClient.Listener {
  private static final long WAIT_SECONDS = 10;

  public final BlockingQueue<EventFrame> events = new LinkedBlockingQueue<>();
  public final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
  public final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();

  @Override
  public void onEvent(EventFrame event) {
    events.add(event);
  }

  @Override
  public void onError(String code, String message) {
    errors.add(code + " " + message);
  }

  @Override
  public void onClose(int statusCode, String reason) {
    closeStatus.complete(statusCode);
  }

  public EventFrame next() throws InterruptedException {
    EventFrame event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(event).as("an event within %d s", WAIT_SECONDS).isNotNull();
    return event;
  }

  /** Events up to and including the next turn.done. */
  public List<EventFrame> untilTurnDone() throws InterruptedException {
    var received = new ArrayList<EventFrame>();
    EventFrame event;
    do {
      event = next();
      received.add(event);
    } while (!(event.event() instanceof TurnDone));
    return received;
  }

  public String nextError() throws InterruptedException {
    String error = errors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(error).as("an error frame within %d s", WAIT_SECONDS).isNotNull();
    return error;
  }

  public int awaitClose() throws Exception {
    return closeStatus.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
