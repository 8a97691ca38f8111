package dev.pulse.server.http;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Ends Jetty's wait for a request's next body bytes with a failure, as its own idle timeout does:
 * the request's {@link jakarta.servlet.ReadListener#onError} gets it. An answer sent while Jetty
 * still waits makes Jetty 11 log "Pending read in onCompleted" with the client's address and port,
 * which the server must never log.
 */
final class PendingRead {

  private PendingRead() {}

  /** Fails the read Jetty waits on for {@code request}; false when it waits on none (bytes are being read). */
  static boolean fail(HttpServletRequest request, Throwable failure) {
    Request base = Request.getBaseRequest(request);
    if (base == null || base.getHttpChannel() == null) {
      return false;
    }
    EndPoint endPoint = base.getHttpChannel().getEndPoint();
    return endPoint instanceof AbstractEndPoint abstractEndPoint && abstractEndPoint.getFillInterest().onFail(failure);
  }
}
