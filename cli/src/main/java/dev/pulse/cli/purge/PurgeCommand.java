package dev.pulse.cli.purge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.cli.access.ServerAnswer;
import dev.pulse.cli.access.Target;
import dev.pulse.server.erasure.Erasure;
import dev.pulse.server.erasure.ErasureOutcome;
import dev.pulse.server.privacy.ContextKeyAgreement;
import dev.pulse.server.privacy.ContextKeyAgreement.ContextKeyMismatchException;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.Storage;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pulse purge}: erases every record of one install, raw and aggregated. */
@Command(
    name = "purge",
    description = {
      "Erases every record of one install (events, CLI commands, errors, rollups) and says what was removed.",
      "The contextId is the one the install computes (`pulse status` prints it) or the stored one an export shows.",
      "Exits 1 when no record matches; --dry-run only counts."
    },
    footerHeading = "%nExample:%n",
    footer = "  pulse purge --context-id 3f2a... --server http://localhost:8080")
public final class PurgeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin Target target;

  @Option(names = "--context-id", required = true,
      description = "The install's contextId, as `pulse status` prints it or as an export shows it.")
  String contextId;

  @Option(names = "--dry-run", description = "Print what would be removed, per kind, and remove nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    if (contextId.isBlank()) {
      throw new ParameterException(spec.commandLine(),
          "--context-id is blank: give the install's contextId, as `pulse status` prints it or an export shows it");
    }
    ErasureOutcome outcome = target.isRemote() ? remote() : local();
    if (!outcome.found()) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + outcome.describe());
      return 1;
    }
    spec.commandLine().getOut().println(outcome.describe());
    return 0;
  }

  private ErasureOutcome local() {
    Settings.of(spec).contextKeyer(); // a key too short is a usage mistake, told before the store opens
    target.keyedLocation(); // a data dir of a PostgreSQL server may give the store its key
    try (Storage storage = target.openStorage()) {
      ContextKeyer keyer = target.keyer(Settings.of(spec));
      try {
        ContextKeyAgreement.verify(storage.claims(), keyer); // with another key, it would erase nothing
      } catch (ContextKeyMismatchException e) {
        throw CliFailure.usage(e.getMessage());
      }
      Erasure erasure = new Erasure(storage.events(), keyer);
      return dryRun ? erasure.dryRun(contextId) : erasure.erase(contextId);
    } catch (DiskFullException e) {
      // The erasure is one transaction: refused whole, it removed nothing.
      throw CliFailure.failure(e.describe() + ", so nothing was erased: free space on it"
          + " and run the same purge again", e);
    }
  }

  private ErasureOutcome remote() throws Exception {
    String path = "/api/v1/installs/" + URLEncoder.encode(contextId.strip(), StandardCharsets.UTF_8).replace("+", "%20")
        + (dryRun ? "?dryRun=true" : "");
    HttpResponse<InputStream> answer = target.exchange("DELETE", path);
    if (answer.statusCode() == 404) {
      byte[] refusal;
      try (InputStream in = answer.body()) {
        refusal = in.readNBytes(4096);
      }
      if (!"INSTALL_NOT_FOUND".equals(ServerAnswer.errorCode(refusal))) {
        throw ServerAnswer.failureOf(404, answer.uri(), refusal); // not the erasure's own answer: a wrong --server
      }
      return new ErasureOutcome(contextId.strip(), ErasureOutcome.Match.NONE, dryRun, ErasureReport.NOTHING);
    }
    JsonNode body = ServerAnswer.pulseJson(ServerAnswer.requireSuccess(answer), this::isOutcome);
    JsonNode counts = body.path(dryRun ? "wouldRemove" : "removed");
    return new ErasureOutcome(body.path("contextId").asText(),
        ErasureOutcome.Match.ofApiName(body.path("matched").asText()),
        dryRun,
        new ErasureReport(counts.path("events").asLong(), counts.path("cliCommands").asLong(),
            counts.path("errors").asLong(), counts.path("derivedRows").asLong()));
  }

  /** Whether {@code json} is an erasure's answer: the contextId, which form matched, and the counts. */
  private boolean isOutcome(JsonNode json) {
    try {
      ErasureOutcome.Match.ofApiName(json.path("matched").asText());
    } catch (IllegalArgumentException notAMatch) {
      return false;
    }
    return json.path("contextId").isTextual() && json.path(dryRun ? "wouldRemove" : "removed").isObject();
  }
}
