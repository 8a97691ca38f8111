package dev.pulse.server.dashboard;

import dev.pulse.server.web.BasePath;

/** The sign-in form, with or without an error line. Built once; rendering is a string replace. */
final class SignInPage {

  private static final String ERROR_SLOT = "<!--error-->";

  private final String template;

  SignInPage(BasePath base) {
    this.template = Templates.read("signin.html", base);
  }

  String render() {
    return template.replace(ERROR_SLOT, "");
  }

  String renderWithError(String message) {
    return template.replace(
        ERROR_SLOT,
        "<p class=\"signin-error\" role=\"alert\" id=\"signin-error\">"
            + Templates.escapeHtml(message)
            + "</p>");
  }
}
