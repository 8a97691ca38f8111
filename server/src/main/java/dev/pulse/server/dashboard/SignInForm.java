package dev.pulse.server.dashboard;

import dev.pulse.server.web.HttpProblem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The sign-in form's body, {@code token=...&next=...} as a browser sends a form (URL-encoded). */
final class SignInForm {

  /** The largest form taken: a token is a few dozen bytes. */
  static final long MAX_BYTES = 64 << 10;

  /** The limit's name in the refusal of a larger form. */
  static final String LIMIT = "the sign-in form's limit";

  private SignInForm() {}

  /**
   * The form's first field {@code wanted} ({@code token}, or {@code next}, the page to go to), decoded;
   * null when it has none.
   *
   * @throws HttpProblem 400 when the form is not URL-encoded
   */
  static String field(byte[] body, String wanted) {
    for (String field : new String(body, StandardCharsets.UTF_8).split("&")) {
      int equals = field.indexOf('=');
      String name = equals < 0 ? field : field.substring(0, equals);
      if (decode(name).equals(wanted)) {
        return equals < 0 ? "" : decode(field.substring(equals + 1));
      }
    }
    return null;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HttpProblem(400, "BAD_REQUEST", "the sign-in form is not URL-encoded as a form is (a % not"
          + " followed by two hex digits); send token=... as application/x-www-form-urlencoded");
    }
  }
}
