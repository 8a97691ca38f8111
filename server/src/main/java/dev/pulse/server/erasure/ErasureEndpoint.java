package dev.pulse.server.erasure;

import dev.pulse.server.web.ErrorMessages;
import dev.pulse.server.web.HttpProblem;
import dev.pulse.server.web.QueryParameters;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code DELETE /api/v1/installs/{contextId}[?dryRun=true]}: erases one install's records (behind
 * the admin token, like everything under {@code /api/}), the id given as the install computes it or
 * as stored, and answers {@link ErasureOutcome#toJson()}:
 * {@code {"contextId":..., "matched":"contextId"|"storedKey", "dryRun":false,
 * "removed":{"events":n,"cliCommands":n,"errors":n,"derivedRows":n}}} ({@code "wouldRemove"} in a
 * dry run, which removes nothing). 400 {@code BAD_DRY_RUN} for a {@code dryRun} other than {@code true} or
 * {@code false} (an empty one included); 404 {@code INSTALL_NOT_FOUND} when neither form names a record;
 * 400 {@code BAD_PARAMETER} for any other parameter (a misspelt {@code dryrun} would otherwise erase).
 */
public final class ErasureEndpoint implements Routes {

  public static final String PATH = "/api/v1/installs/{contextId}";

  @Override
  public void register(Javalin app, ServerServices services) {
    Erasure erasure = new Erasure(services.store(), services.contextKeyer());
    app.delete(PATH, ctx -> handle(ctx, erasure));
  }

  private static void handle(Context ctx, Erasure erasure) {
    String contextId = ctx.pathParam("contextId");
    QueryParameters.require(ctx, List.of("dryRun"), "an erasure");
    boolean dryRun = dryRun(ctx.queryParam("dryRun"));
    ErasureOutcome outcome;
    try {
      outcome = dryRun ? erasure.dryRun(contextId) : erasure.erase(contextId);
    } catch (IllegalArgumentException e) {
      throw new HttpProblem(400, "BAD_CONTEXT_ID", e.getMessage());
    }
    if (!outcome.found()) {
      throw new HttpProblem(404, "INSTALL_NOT_FOUND", outcome.describe());
    }
    ctx.json(outcome.toJson());
  }

  private static boolean dryRun(String value) {
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    // A bare ?dryRun or ?dryRun= says nothing either way: taking it for either would be a guess.
    throw new HttpProblem(400, "BAD_DRY_RUN",
        "dryRun must be true or false, not " + (value.isEmpty() ? "empty" : ErrorMessages.quoted(value)));
  }
}
