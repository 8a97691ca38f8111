package dev.pulse.server.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Answers every request whole: its {@code Range} (and {@code If-Range}) header is set aside, as RFC
 * 9110 lets a server do. Only the static files would take one, and they are a few kilobytes; Jetty's
 * static file handler answered a range it could not satisfy with 416 and the file's length as {@code
 * Content-Length}, but no body, which leaves a keep-alive client waiting for bytes that never come.
 */
final class WholeAnswers extends HandlerWrapper {

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    HttpFields fields = baseRequest.getHttpFields();
    if (fields == null || !fields.contains(HttpHeader.RANGE)) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    baseRequest.setHttpFields(HttpFields.build(fields).remove(HttpHeader.RANGE).remove(HttpHeader.IF_RANGE));
    try {
      super.handle(target, baseRequest, request, response);
    } finally {
      baseRequest.setHttpFields(fields);
    }
  }
}
