package dev.pulse.server.erasure;

import dev.pulse.server.Routes;
import dev.pulse.server.ServerServices;
import dev.pulse.server.http.HttpProblem;
import dev.pulse.server.store.ErasureReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DELETE /api/v1/installs/{contextId}}: erases one install's records (behind the admin token,
 * like everything under {@code /api/}) and answers what was removed:
 * {@code {"contextId":..., "removed":{"events":n,"cliCommands":n,"errors":n,"derivedRows":n}}}.
 */
public final class ErasureEndpoint implements Routes {

  public static final String PATH = "/api/v1/installs/{contextId}";

  @Override
  public void addTo(Javalin app, ServerServices services) {
    Erasure erasure = new Erasure(services.store(), services.contextKeyer());
    app.delete(PATH, ctx -> handle(ctx, erasure));
  }

  private static void handle(Context ctx, Erasure erasure) {
    String contextId = ctx.pathParam("contextId");
    ErasureReport report;
    try {
      report = erasure.erase(contextId);
    } catch (IllegalArgumentException e) {
      throw new HttpProblem(400, "BAD_CONTEXT_ID", e.getMessage());
    }
    Map<String, Object> removed = new LinkedHashMap<>();
    removed.put("events", report.events());
    removed.put("cliCommands", report.cliCommands());
    removed.put("errors", report.errors());
    removed.put("derivedRows", report.derivedRows());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("contextId", contextId);
    body.put("removed", removed);
    ctx.json(body);
  }
}
