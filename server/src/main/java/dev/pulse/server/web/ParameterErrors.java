package dev.pulse.server.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code {"error","parameter"}} body of a refusal by the analytics, import and public statistics
 * APIs (the shape the dashboard and {@code pulse query} read), bounded as every error body is: the
 * message as {@link ErrorMessages#sanitize} leaves it, the parameter's name cut to
 * {@value ErrorMessages#MAX_QUOTED} characters, so that no refusal echoes a large value back.
 */
public final class ParameterErrors {

  private ParameterErrors() {}

  /** The body: {@code error}, then {@code parameter}. */
  public static Map<String, String> body(String message, String parameter) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", ErrorMessages.sanitize(message));
    body.put("parameter", ErrorMessages.cut(parameter));
    return body;
  }
}
