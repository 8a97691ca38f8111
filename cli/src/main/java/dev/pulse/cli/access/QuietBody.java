package dev.pulse.cli.access;

import dev.pulse.cli.failure.CliFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;

/**
 * The body of a {@code --server} answer, bounded by silence: each read waits at most so long for the
 * next bytes, never forever on a server that stopped sending. The whole is not bounded, so an export
 * of gigabytes that keeps coming takes as long as it takes. The JDK's client has no such bound.
 */
final class QuietBody {

  /** Thrown by a read when the server sent nothing for the bound. */
  static final class SilentServerException extends IOException {
    SilentServerException(Duration silence) {
      super("the server sent nothing for " + silence.toSeconds() + " s");
    }
  }

  private QuietBody() {}

  /**
   * {@code body}, each read of which fails with {@link SilentServerException} when nothing came for
   * {@code silence}: a bound on each wait, not on the whole (a long export keeps coming).
   */
  static InputStream of(InputStream body, Duration silence) {
    return new InputStream() {
      private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "pulse-answer-reader");
        thread.setDaemon(true); // a read left blocked on a silent server never keeps the process alive
        return thread;
      });
      private final byte[] buffer = new byte[1 << 16];
      private boolean silent;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        Future<Integer> read = reader.submit(() -> body.read(buffer, 0, Math.min(length, buffer.length)));
        int n;
        try {
          n = read.get(silence.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          read.cancel(true);
          silent = true;
          throw new SilentServerException(silence);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the server");
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IOException(CliFailure.firstLine(e.getCause()), e.getCause());
        }
        if (n > 0) {
          System.arraycopy(buffer, 0, bytes, offset, n);
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        reader.shutdownNow();
        if (!silent) {
          body.close();
          return;
        }
        // Closing may wait for the read still blocked on the silent server: it is done aside.
        Thread closing = new Thread(() -> {
          try {
            body.close();
          } catch (IOException ignored) {
            // The answer is given up on either way.
          }
        }, "pulse-answer-close");
        closing.setDaemon(true);
        closing.start();
      }
    };
  }

  /** {@code answer} with {@code body} in place of its own. */
  static HttpResponse<InputStream> withBody(HttpResponse<InputStream> answer, InputStream body) {
    return new HttpResponse<>() {
      @Override public int statusCode() { return answer.statusCode(); }
      @Override public HttpRequest request() { return answer.request(); }
      @Override public Optional<HttpResponse<InputStream>> previousResponse() { return answer.previousResponse(); }
      @Override public HttpHeaders headers() { return answer.headers(); }
      @Override public InputStream body() { return body; }
      @Override public Optional<SSLSession> sslSession() { return answer.sslSession(); }
      @Override public URI uri() { return answer.uri(); }
      @Override public HttpClient.Version version() { return answer.version(); }
    };
  }
}
