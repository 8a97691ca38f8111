package dev.pulse.server.dashboard;

import dev.pulse.server.web.BasePath;

/**
 * The sign-in form, with or without an error line or a notice, and with the page a sign-in leads to
 * ({@link SignInTarget}) as a hidden field. Built once; rendering is a string replace.
 */
final class SignInPage {

  private static final String ERROR_SLOT = "<!--error-->";
  private static final String NEXT_SLOT = "<!--next-->";

  private final String template;

  SignInPage(BasePath base) {
    this.template = Templates.read("signin.html", base);
  }

  /** The form; {@code next} is the page a sign-in leads to, null for the overview. */
  String render(String next) {
    return withNext(template.replace(ERROR_SLOT, ""), next);
  }

  String renderWithError(String message, String next) {
    return withNext(template.replace(ERROR_SLOT, line("signin-error", "alert", message)), next);
  }

  /** The form with a line that is news rather than a refusal (the session has ended). */
  String renderWithNotice(String message, String next) {
    return withNext(template.replace(ERROR_SLOT, line("signin-notice", "status", message)), next);
  }

  private static String line(String id, String role, String message) {
    return "<p class=\"" + id + "\" role=\"" + role + "\" id=\"" + id + "\">"
        + Templates.escapeHtml(message) + "</p>";
  }

  private static String withNext(String html, String next) {
    return html.replace(NEXT_SLOT, next == null ? ""
        : "<input type=\"hidden\" name=\"next\" value=\"" + Templates.escapeHtml(next) + "\">");
  }
}
