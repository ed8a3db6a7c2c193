package dev.localagent.core.provider;

import dev.localagent.api.model.ProviderException;
import dev.localagent.api.model.ProviderException.Kind;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Flow;

/**
 * A streamed HTTP response read line by line with a deadline per line. The JDK client pushes
 * lines into a queue; the caller polls it, so a stalled server becomes a timeout and a cancelled
 * turn (thread interrupt) returns at once, without interrupting any I/O thread.
 */
final class LineStream implements AutoCloseable {
  private sealed interface Item {}

  private record Head(int status) implements Item {}

  private record Line(String text) implements Item {}

  private record End() implements Item {}

  private record Failed(Throwable error) implements Item {}

  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final String server;
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;
  private CompletableFuture<?> response;

  private LineStream(String server) {
    this.server = server;
  }

  static LineStream open(HttpClient client, HttpRequest request) {
    var stream = new LineStream(request.uri().getScheme() + "://" + request.uri().getAuthority());
    stream.response =
        client
            .sendAsync(
                request,
                info -> {
                  stream.queue.add(new Head(info.statusCode()));
                  return BodySubscribers.fromLineSubscriber(stream.new Subscriber());
                })
            .whenComplete(
                (ignored, error) -> {
                  if (error != null) {
                    stream.queue.add(new Failed(error));
                  }
                });
    return stream;
  }

  /** Waits for the status line; connection failures surface here. */
  int awaitStatus(Duration timeout) throws ProviderException, InterruptedException {
    Item item = poll(timeout, "no response");
    return switch (item) {
      case Head head -> head.status();
      case Failed failed -> throw connectFailure(failed.error());
      case Line line -> throw new ProviderException(Kind.BAD_RESPONSE, "body before status from " + server);
      case End end -> throw new ProviderException(Kind.BAD_RESPONSE, "empty response from " + server);
    };
  }

  /** The next line, or null at the end of the body. */
  String nextLine(Duration timeout) throws ProviderException, InterruptedException {
    Item item = poll(timeout, "stream idle");
    return switch (item) {
      case Line line -> line.text();
      case End end -> null;
      case Failed failed ->
          throw new ProviderException(
              Kind.SERVER_ERROR, "stream from " + server + " broke: " + message(failed.error()), failed.error());
      case Head head -> throw new ProviderException(Kind.BAD_RESPONSE, "second status line from " + server);
    };
  }

  /** Up to {@code maxChars} of the remaining body, for error messages. */
  String remainingBody(Duration timeout, int maxChars) throws InterruptedException {
    var body = new StringBuilder();
    try {
      String line;
      while (body.length() < maxChars && (line = nextLine(timeout)) != null) {
        body.append(line).append('\n');
      }
    } catch (ProviderException e) {
      // Whatever arrived is enough to explain the status.
    }
    return body.length() > maxChars ? body.substring(0, maxChars) : body.toString().strip();
  }

  private Item poll(Duration timeout, String what) throws ProviderException, InterruptedException {
    Item item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (item == null) {
      close();
      throw new ProviderException(
          Kind.TIMEOUT, what + ": nothing from " + server + " for " + timeout.toMillis() + " ms");
    }
    return item;
  }

  private ProviderException connectFailure(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    String why = cause instanceof HttpConnectTimeoutException ? "connect timed out"
        : cause instanceof ConnectException ? "connection refused" : message(cause);
    return new ProviderException(Kind.UNREACHABLE, server + " does not answer (" + why + ")", cause);
  }

  private static String message(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }

  @Override
  public void close() {
    closed = true;
    Flow.Subscription current = subscription;
    if (current != null) {
      current.cancel();
    }
    response.cancel(true);
  }

  private final class Subscriber implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (closed) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      queue.add(new Line(line));
    }

    @Override
    public void onError(Throwable error) {
      queue.add(new Failed(error));
    }

    @Override
    public void onComplete() {
      queue.add(new End());
    }
  }
}
