package dev.pulse.client.send;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads at most a small prefix of an answer's body and hangs up on the rest, so an endpoint that
 * answers with gigabytes (a captive portal, a hostile proxy) costs the host {@link #MAX_BYTES} at most.
 * The SDK reads a body only to find a GraphQL error in a 2xx or 4xx answer (a 4xx's is quoted where the
 * SDK has no words of its own for it); other statuses are decided by their code and headers, so their
 * body is not read at all. One handler per request: {@link #abort}
 * hangs up on the body it is reading, for a request that ran out of time.
 */
final class BoundedBody implements HttpResponse.BodyHandler<String> {

  /** The most of a 2xx or 4xx body that is kept: a GraphQL error answer is far smaller. */
  static final int MAX_BYTES = 64 * 1024;

  private final AtomicReference<Reader> reader = new AtomicReference<>();

  @Override
  public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
    boolean read = info.statusCode() >= 200 && info.statusCode() < 300
        || info.statusCode() >= 400 && info.statusCode() < 500;
    Reader mine = new Reader(read ? MAX_BYTES : 0);
    reader.set(mine);
    return mine;
  }

  /** Hangs up on the body being read, if any. */
  void abort() {
    Reader current = reader.get();
    if (current != null) {
      current.finish();
    }
  }

  /** Keeps up to {@code limit} bytes, asking for one buffer list at a time; cancels past it. */
  private static final class Reader implements HttpResponse.BodySubscriber<String> {

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Reader(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (limit == 0 || body.isDone()) {
        finish();
      } else {
        subscription.request(1);
      }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        int take = Math.min(buffer.remaining(), limit - kept.size());
        byte[] bytes = new byte[take];
        buffer.get(bytes);
        kept.write(bytes, 0, take);
      }
      if (kept.size() >= limit) {
        finish();
      } else {
        subscription.request(1);
      }
    }

    @Override
    public synchronized void onError(Throwable failure) {
      body.completeExceptionally(failure);
    }

    @Override
    public synchronized void onComplete() {
      body.complete(kept.toString(StandardCharsets.UTF_8));
    }

    /** Completes with what was kept and cancels the rest (the JDK then closes the connection). */
    synchronized void finish() {
      body.complete(kept.toString(StandardCharsets.UTF_8));
      if (subscription != null) {
        subscription.cancel();
      }
    }
  }
}
