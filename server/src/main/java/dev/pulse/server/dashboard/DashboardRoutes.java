package dev.pulse.server.dashboard;

import dev.pulse.server.auth.AuthThrottle;
import dev.pulse.server.web.BasePath;
import dev.pulse.server.web.HttpProblem;
import dev.pulse.server.web.RequestBodies;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import dev.pulse.server.web.StaticFiles;
import dev.pulse.server.web.TrustedProxies;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * The web dashboard: sign-in and sign-out, the page routes, and the static assets.
 *
 * <p>Wiring, in the server (before the app starts):
 *
 * <pre>{@code
 * SessionStore sessions = SessionStore.create();
 * new ApiGuard(SessionAuth.orElse(sessions, new BearerAuth(tokens, throttle, proxies)), "/api/public/")
 *     .register(app, services);
 * new DashboardRoutes(sessions, tokens::signsIn, throttle, proxies, FirstRun.over(analytics, clock), clock,
 *     basePath).register(app, services);
 * }</pre>
 *
 * <p>Pages: {@code /} (overview), {@code /features}, {@code /cli}, {@code /errors}, {@code
 * /errors/{fingerprint}}, {@code /retention}, {@code /releases}. Without a live session they
 * redirect to {@code /login?next=<the page>}, and a sign-in leads back there ({@link SignInTarget}).
 * The pages read {@code /api/v1/} with the session cookie; nothing
 * else is exposed. On a first run ({@link FirstRun}) the pages show how to send the first event
 * instead. Any other path a browser asks for as HTML gets a "page not found" page ({@link
 * NotFoundPage}).
 */
public final class DashboardRoutes implements Routes {

  /** The page paths, each served the same shell; {@code app.js} picks the view from the path. */
  static final List<String> PAGES =
      List.of("/", "/features", "/cli", "/errors", "/errors/{fingerprint}", "/retention",
          "/releases");

  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  /**
   * Serves the dashboard's assets ({@code /dashboard/*}) and the documentation ({@code /docs/*.md})
   * from the classpath, and the chart library from its WebJar ({@code /webjars/*}). {@link
   * #register} calls it; call it only when configuring an app without registering the dashboard's
   * routes.
   */
  public static void configure(JavalinConfig config) {
    config.staticFiles.enableWebjars();
    config.staticFiles.add(
        files -> {
          files.hostedPath = StaticFiles.DASHBOARD;
          files.directory = StaticFiles.DASHBOARD;
          files.location = Location.CLASSPATH;
        });
    // The documentation the server was built with, as plain text, so pages can link to it.
    config.staticFiles.add(
        files -> {
          files.hostedPath = StaticFiles.DOCS;
          files.directory = StaticFiles.DOCS;
          files.location = Location.CLASSPATH;
          files.mimeTypes.add("text/plain; charset=utf-8", "md");
        });
  }

  private final SessionStore sessions;
  private final Predicate<String> tokenCheck;
  private final AuthThrottle throttle;
  private final TrustedProxies proxies;
  private final FirstRun firstRun;
  private final Clock clock;
  private final BasePath base;

  /**
   * The sign-in, sign-out and page routes, and the static assets (see {@link #configure}).
   *
   * @param sessions where sign-ins are kept; the API's auth filter must consult the same store
   * @param tokenCheck whether a submitted token may sign in (the admin or the read token); should
   *     compare in constant time
   * @param throttle counts wrong tokens per client address (shared with the API's bearer guard, so
   *     both count the same tries)
   * @param proxies give the client address the throttle counts by (the TCP peer, or what a trusted
   *     proxy forwards)
   * @param firstRun whether no component has reported yet, when the pages show the first-run panel
   * @param clock the server's clock, whose UTC day the pages take for today (the analytics API cuts
   *     a range at that day, so a browser's clock ahead of it must not choose the range)
   * @param base the path the links, redirects and cookie are under ({@link BasePath#ROOT} for none)
   */
  public DashboardRoutes(
      SessionStore sessions,
      Predicate<String> tokenCheck,
      AuthThrottle throttle,
      TrustedProxies proxies,
      FirstRun firstRun,
      Clock clock,
      BasePath base) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.tokenCheck = Objects.requireNonNull(tokenCheck, "tokenCheck");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.proxies = Objects.requireNonNull(proxies, "proxies");
    this.firstRun = Objects.requireNonNull(firstRun, "firstRun");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.base = Objects.requireNonNull(base, "base");
  }

  @Override
  public void register(Javalin app, ServerServices services) {
    // Static files added before start are picked up: Javalin sets its resource handler up at start.
    // This keeps the dashboard one call for a server whose app is created elsewhere.
    configure(app.unsafeConfig());
    SignInPage signIn = new SignInPage(base);
    PageShell shell = new PageShell(base);
    String uplotModule = uplotModule(Templates.uplotVersion());

    app.get("/login", ctx -> showSignIn(ctx, signIn, ctx.queryParam("next")));
    // The form is read without a thread, as every body is: slow senders cannot hold the threads
    // that sign-in and /healthz need.
    app.post("/login", ctx -> ctx.future(() -> RequestBodies.of(ctx)
        .read(ctx, SignInForm.MAX_BYTES, SignInForm.LIMIT)
        .handle((body, failure) -> {
          if (failure != null) {
            refuseForm(ctx, signIn, failure);
          } else {
            signIn(ctx, signIn, SignInForm.field(body, "token"),
                SignInTarget.followed(SignInForm.field(body, "next"), base));
          }
          return null;
        })));
    app.post("/logout", this::signOut);
    app.get(
        "/dashboard/lib/uplot.js",
        ctx -> ctx.contentType("text/javascript; charset=utf-8").result(uplotModule));
    for (String page : PAGES) {
      app.get(page, ctx -> showPage(ctx, shell));
    }
    NotFoundPage.register(app, base);
  }

  // The pages import "dashboard/lib/uplot.js"; this one-line module points at the WebJar, so the
  // version lives only in the POM. Relative, so it holds under any base path.
  private static String uplotModule(String version) {
    return "export { default } from \"../../webjars/uplot/" + version + "/dist/uPlot.esm.js\";\n";
  }

  private void showSignIn(Context ctx, SignInPage page, String next) {
    if (sessions.isValid(SessionCookie.read(ctx))) {
      ctx.redirect(SignInTarget.orOverview(next, base), HttpStatus.SEE_OTHER);
      return;
    }
    String target = SignInTarget.followed(next, base);
    String notice = switch (String.valueOf(ctx.queryParam("session"))) {
      case "ended" -> "Your session has ended. Sign in again to go back to the page you had open.";
      case "signed-out" -> "You have signed out.";
      default -> null;
    };
    sendHtml(ctx, notice == null ? page.render(target) : page.renderWithNotice(notice, target));
  }

  private void signIn(Context ctx, SignInPage page, String token, String next) {
    String address = proxies.clientAddress(ctx);
    // Blocked, the address is refused whatever it sends, the right token too (AuthThrottle).
    OptionalLong wait = throttle.blockedSeconds(address);
    if (wait.isPresent()) {
      ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(wait.getAsLong()));
      sendHtml(ctx, page.renderWithError("This address is blocked after too many wrong tokens: every token"
          + " from it, the right one too, is refused until the block ends. Try again in " + wait.getAsLong()
          + " s.", next));
      return;
    }
    boolean blank = token == null || token.isBlank();
    boolean right = !blank && tokenCheck.test(token.strip());
    if (!right) {
      if (!blank) {
        throttle.failed(address);
      }
      ctx.status(HttpStatus.UNAUTHORIZED);
      sendHtml(ctx, page.renderWithError("That token is not a token of this server. Try again.", next));
      return;
    }
    throttle.succeeded(address);
    SessionCookie.set(ctx, sessions.start(), sessions.ttl(), base);
    ctx.redirect(next == null ? base.of("/") : next, HttpStatus.SEE_OTHER);
  }

  /**
   * A form the server would not read: a person pasted far more than a token, so the form comes back
   * saying so (a browser would show a JSON refusal as a page of its own); other failures go on as they are.
   */
  private static void refuseForm(Context ctx, SignInPage page, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (!(cause instanceof HttpProblem problem) || problem.status() != HttpStatus.CONTENT_TOO_LARGE.getCode()) {
      throw failure instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
    ctx.status(HttpStatus.CONTENT_TOO_LARGE);
    sendHtml(ctx, page.renderWithError("That is far longer than any token of this server (the form takes at most "
        + (SignInForm.MAX_BYTES >> 10) + " KiB): check what was pasted, and try again.", null));
  }

  private void signOut(Context ctx) {
    sessions.end(SessionCookie.read(ctx));
    SessionCookie.clear(ctx, base);
    ctx.redirect(base.of("/login?session=signed-out"), HttpStatus.SEE_OTHER);
  }

  private void showPage(Context ctx, PageShell shell) {
    if (!sessions.isValid(SessionCookie.read(ctx))) {
      ctx.redirect(SignInTarget.signInFor(ctx, base), HttpStatus.SEE_OTHER);
      return;
    }
    sendHtml(ctx, shell.html(firstRun.stage(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
  }

  static void sendHtml(Context ctx, String html) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.html(html);
  }
}
