package dev.localagent.core.provider;

import dev.localagent.api.model.ChatRequest;
import dev.localagent.api.model.ChatResponse;
import dev.localagent.api.model.ModelProvider;
import dev.localagent.api.model.ProviderException;
import dev.localagent.api.model.ProviderException.Kind;
import dev.localagent.api.model.StreamListener;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;

/**
 * Wraps a provider with a retry (exponential backoff with jitter for connect errors, 429, 5xx and
 * timeouts), a circuit breaker and a rate limit, one of each per provider. A reply that already
 * streamed text is never retried: the person would see it twice.
 */
public final class ResilientProvider implements ModelProvider {
  private final ModelProvider delegate;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final RateLimiter limiter;

  public ResilientProvider(ModelProvider delegate, ProviderConfig config) {
    this.delegate = delegate;
    this.retry =
        Retry.of(config.name(), RetryConfig.custom()
            .maxAttempts(config.maxAttempts())
            .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(config.backoffMs(), 2.0, 0.25))
            .retryOnException(e -> e instanceof ProviderException pe && pe.retryable())
            .build());
    this.breaker =
        CircuitBreaker.of(config.name(), CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(Math.max(10, config.breakerMinCalls()))
            .minimumNumberOfCalls(config.breakerMinCalls())
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMillis(config.breakerOpenMs()))
            .recordException(ResilientProvider::isServerFault)
            .build());
    this.limiter =
        RateLimiter.of(config.name(), RateLimiterConfig.custom()
            .limitForPeriod(config.requestsPerSecond())
            .limitRefreshPeriod(Duration.ofSeconds(1))
            .timeoutDuration(Duration.ofSeconds(30))
            .build());
  }

  private static boolean isServerFault(Throwable error) {
    Throwable e = error instanceof AfterOutput after ? after.getCause() : error;
    return e instanceof ProviderException pe && pe.retryable();
  }

  @Override
  public String id() {
    return delegate.id();
  }

  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  @Override
  public ChatResponse chat(ChatRequest request, StreamListener listener)
      throws ProviderException, InterruptedException {
    CheckedSupplier<ChatResponse> attempt = () -> attempt(request, listener);
    attempt = CircuitBreaker.decorateCheckedSupplier(breaker, attempt);
    attempt = RateLimiter.decorateCheckedSupplier(limiter, attempt);
    return run(Retry.decorateCheckedSupplier(retry, attempt));
  }

  private ChatResponse attempt(ChatRequest request, StreamListener listener)
      throws ProviderException, InterruptedException {
    var tracking = new TrackingListener(listener);
    try {
      return delegate.chat(request, tracking);
    } catch (ProviderException e) {
      if (tracking.streamed) {
        throw new AfterOutput(e);
      }
      throw e;
    }
  }

  @Override
  public List<String> models() throws ProviderException, InterruptedException {
    return run(Retry.decorateCheckedSupplier(retry, CircuitBreaker.decorateCheckedSupplier(breaker, delegate::models)));
  }

  private <T> T run(CheckedSupplier<T> call) throws ProviderException, InterruptedException {
    try {
      T result = call.get();
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      return result;
    } catch (ProviderException | InterruptedException e) {
      throw e;
    } catch (AfterOutput e) {
      throw (ProviderException) e.getCause();
    } catch (CallNotPermittedException e) {
      throw new ProviderException(Kind.SERVER_ERROR, "provider '" + delegate.id()
          + "' failed repeatedly; its circuit breaker is open, so requests are refused for a while", e);
    } catch (RequestNotPermitted e) {
      throw new ProviderException(Kind.RATE_LIMITED, "rate limit of provider '" + delegate.id() + "' reached", e);
    } catch (Throwable e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("cancelled");
      }
      throw new ProviderException(Kind.BAD_RESPONSE, "provider '" + delegate.id() + "' failed: " + e, e);
    }
  }

  /** A failure after text reached the person: passes through retry untouched. */
  private static final class AfterOutput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AfterOutput(ProviderException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** Remembers whether any text was streamed, and forwards warnings. */
  private static final class TrackingListener implements WarningListener {
    private final StreamListener target;
    private boolean streamed;

    TrackingListener(StreamListener target) {
      this.target = target;
    }

    @Override
    public void onText(String fragment) {
      streamed = true;
      target.onText(fragment);
    }

    @Override
    public void onWarning(dev.localagent.core.error.ErrorCode code, String message) {
      WarningListener.warn(target, code, message);
    }
  }
}
