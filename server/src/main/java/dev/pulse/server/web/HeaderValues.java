package dev.pulse.server.web;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;

/**
 * Every value a request gives a header, as one comma-separated list: two {@code Content-Encoding}
 * lines are read as {@code gzip, gzip}, as one line saying so is, and two {@code Content-Type} lines
 * as two types, not as the first of them.
 */
public final class HeaderValues {

  private HeaderValues() {}

  /** The values of {@code name} joined with ", "; null when the request has no such header. */
  public static String joined(Context ctx, String name) {
    List<String> values = Collections.list(ctx.req().getHeaders(name));
    return values.isEmpty() ? null : String.join(", ", values);
  }
}
