package dev.pulse.server.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request's query parameters against those its route takes. Any other, and one given
 * twice, is refused rather than ignored: a misspelt {@code dryrun=true} must not erase for real, nor a
 * misspelt {@code compnent} answer for every component.
 */
public final class QueryParameters {

  /** A refused parameter: its name, and why in our words. */
  public record Refusal(String parameter, String reason) {}

  private QueryParameters() {}

  /**
   * The first parameter of {@code given} (a request's query, name to values) that {@code route} does
   * not take or that is given more than once; empty when there is none.
   */
  public static Optional<Refusal> refusal(Map<String, List<String>> given, List<String> taken, String route) {
    for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
      String name = parameter.getKey();
      if (!taken.contains(name)) {
        return Optional.of(new Refusal(name, "not a parameter of " + route + "; it takes "
            + (taken.isEmpty() ? "none" : String.join(", ", taken))));
      }
      if (parameter.getValue().size() > 1) {
        return Optional.of(new Refusal(name, "given " + parameter.getValue().size() + " times; give it once"));
      }
    }
    return Optional.empty();
  }

  /**
   * Refuses the request's first parameter that {@code route} does not take, or that is given twice.
   *
   * @throws HttpProblem 400 {@code BAD_PARAMETER}, naming the parameter and what the route takes
   */
  public static void require(Context ctx, List<String> taken, String route) {
    Optional<Refusal> refusal = refusal(ctx.queryParamMap(), taken, route);
    if (refusal.isPresent()) {
      throw new HttpProblem(400, "BAD_PARAMETER", refusal.get().parameter() + ": " + refusal.get().reason());
    }
  }
}
