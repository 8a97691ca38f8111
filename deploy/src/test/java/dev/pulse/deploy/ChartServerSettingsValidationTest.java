package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.web.BasePath;
import dev.pulse.server.web.TrustedProxies;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Values the server (or the CronJob controller) reads only once the pod runs: helm refuses what they
 * would refuse, naming the value and what it takes, instead of a pod that crash-loops or a CronJob the
 * API server rejects; and takes everything they take.
 */
class ChartServerSettingsValidationTest extends ChartRendering {

  private static final String WEBHOOK = "alerts.webhookSecret=chat-hooks";

  @Test
  void refusesABasePathTheServerWouldRefuseAtStart() {
    assertThat(refusal("--set", "basePath=pulse")).contains("at '/basePath': 'pulse' does not match pattern");
    assertThat(refusal("--set", "basePath=/pulse?x=1")).contains("at '/basePath'");
    assertThat(refusal("--set", "basePath=/pulse/..")).contains(
        "basePath must be a path such as /pulse, made of letters, digits and - . _ ~ between slashes");
    assertThat(refusal("--set", "basePath=/api/pulse")).contains(
        "basePath must not start with /api, a path the server answers at the root too: choose another, such as /pulse");
  }

  @Test
  void refusesABasePathStartingWithAnyPathTheServerAnswersAtTheRootAndNoOther() throws Exception {
    String helpers = Files.readString(CHART.resolve("templates/_helpers.tpl"), StandardCharsets.UTF_8);
    Matcher list = Pattern.compile("if has \\$first \\(list ([^)]*)\\)").matcher(helpers);
    assertThat(list.find()).as("the chart's list of paths served at the root").isTrue();
    Set<String> chart = Set.of(list.group(1).replace("\"", "").split(" "));

    assertThat(chart).isEqualTo(BasePath.SERVED_AT_ROOT);
    for (String first : BasePath.SERVED_AT_ROOT) {
      assertThat(refusal("--set", "basePath=/" + first + "/pulse")).contains("basePath must not start with /" + first);
    }
  }

  @Test
  void acceptsEveryBasePathTheServerTakes() {
    for (String path : List.of("/pulse", "/pulse/", "/tools/pulse.v2", "/", "/apis", "/~me/...")) {
      ServerWorkload server = new ServerWorkload(render("--set", "basePath=" + path).one(Deployment.class));
      assertThat(server.env("PULSE_BASE_PATH").map(EnvVar::getValue)).as(path).hasValue(path);
    }
  }

  @Test
  void refusesATrustedProxyThatIsNoAddressOrRangeAndTakesTheOnesTheServerTakes() {
    for (String entry : List.of("ingress-nginx", "10.0.0.0/33", "10.0.0.256", "10.0.0", "fd00::/129", "[::1]")) {
      assertThat(refusal("--set", "trustedProxies={" + entry + "}")).as(entry).contains("at '/trustedProxies/0'");
    }
    assertThat(refusal("--set", "trustedProxies=10.0.0.0/8")).contains("at '/trustedProxies'");
    String taken = "10.0.0.0/8,192.168.1.10,0.0.0.0/0,010.0.0.1/08,fd00::/8,::1,::ffff:10.0.0.0/104,2001:db8::1/128";
    TrustedProxies.parse(taken); // the server takes every one
    ServerWorkload server = new ServerWorkload(render("--set", "trustedProxies={" + taken + "}").one(Deployment.class));
    assertThat(server.env("PULSE_TRUSTED_PROXIES").map(EnvVar::getValue)).hasValue(taken);
  }

  @Test
  void refusesAStoreUrlThatIsNotPostgresqlWithoutRepeatingItsPassword() {
    String mysql = refusal("--set", "store.type=postgresql",
        "--set", "store.postgresql.url=mysql://pulse:s3cret-pw@db/pulse");
    assertThat(mysql).contains("store.postgresql.url must be a PostgreSQL URL, postgresql://host[:port]/database"
        + "?user=..&password=.. (or postgres://, jdbc:postgresql://); got one starting with \"mysql:\"");
    assertThat(mysql).doesNotContain("s3cret-pw");
    String noDatabase = refusal("--set", "store.type=postgresql",
        "--set", "store.postgresql.url=postgresql://db:5432/?user=pulse&password=s3cret-pw");
    assertThat(noDatabase).contains("store.postgresql.url must name a database").doesNotContain("s3cret-pw");
  }

  @Test
  void acceptsTheThreeSpellingsOfAPostgresqlUrl() {
    for (String url : List.of("postgresql://db:5432/pulse?user=pulse&password=pw", "postgres://pulse:pw@db/pulse",
        "jdbc:postgresql://db/pulse?sslmode=require")) {
      Manifests rendered = render("--set", "store.type=postgresql", "--set", "store.postgresql.url=" + url);
      SecretKeySelector ref = new ServerWorkload(rendered.one(Deployment.class)).secretRef("PULSE_STORE");
      assertThat(decoded(rendered.named(Secret.class, ref.getName()), ref.getKey())).isEqualTo(url);
    }
  }

  @Test
  void refusesAnErrorRateThatIsNotAShareAboveZeroAndAtMostOne() {
    assertThat(refusal("--set", WEBHOOK, "--set", "alerts.errorRate=abc"))
        .contains("at '/alerts/errorRate': 'abc' does not match pattern");
    assertThat(refusal("--set", WEBHOOK, "--set", "alerts.errorRate=2"))
        .contains("at '/alerts/errorRate': maximum: got 2, want 1");
    assertThat(refusal("--set", WEBHOOK, "--set", "alerts.errorRate=0"))
        .contains("at '/alerts/errorRate': exclusiveMinimum");
    // --set passes 0.05 as text, which the schema cannot compare with 1.
    assertThat(refusal("--set", WEBHOOK, "--set", "alerts.errorRate=1.5"))
        .contains("alerts.errorRate must be a share above 0 and at most 1, such as 0.05 (5%), or empty; got \"1.5\"");
    for (String rate : List.of("0.05", "1")) {
      ServerWorkload server = new ServerWorkload(render("--set", WEBHOOK, "--set", "alerts.errorRate=" + rate)
          .one(Deployment.class));
      assertThat(server.env("PULSE_ALERT_ERROR_RATE").map(EnvVar::getValue)).hasValue(rate);
    }
  }

  @Test
  void refusesABackupScheduleThatIsNotCron() {
    assertThat(refusal("--set", "backup.enabled=true", "--set", "backup.schedule=garbage"))
        .contains("at '/backup/schedule': 'garbage' does not match pattern")
        .contains("value must be one of '@yearly', '@annually', '@monthly', '@weekly', '@daily'");
    assertThat(refusal("--set", "backup.enabled=true", "--set", "backup.schedule=0 3 * *"))
        .contains("at '/backup/schedule'");
    assertThat(refusal("--set", "backup.enabled=true", "--set", "backup.schedule=99 3 * * *")).contains(
        "backup.schedule \"99 3 * * *\": its minute field \"99\" must be *, or within 0-59");
    assertThat(refusal("--set", "backup.enabled=true", "--set", "backup.schedule=0 3 * * 7"))
        .contains("its day-of-week field \"7\" must be *, or within 0-6 or sun-sat");
  }

  @Test
  void acceptsTheSchedulesKubernetesTakes() {
    for (String schedule : List.of("0 3 * * *", "*/15 1-5/2 1 Jan-JUN mon-fri", "30 2 ? * SUN", "@weekly",
        "@every 12h")) {
      CronJob cron = render("--set", "backup.enabled=true", "--set", "backup.schedule=" + schedule).one(CronJob.class);
      assertThat(cron.getSpec().getSchedule()).isEqualTo(schedule);
    }
  }

  @Test
  void refusesABackupKeepThatIsNotAWholeNumberOfCopies() {
    assertThat(refusal("--set", "backup.enabled=true", "--set", "backup.keep=abc"))
        .contains("at '/backup/keep': got string, want integer");
    assertThat(refusal("--set", "backup.enabled=true", "--set", "backup.keep=2.5"))
        .contains("at '/backup/keep': got string, want integer");
    assertThat(refusal("--set", "backup.enabled=true", "--set", "backup.keep=0"))
        .contains("at '/backup/keep': minimum: got 0, want 1");
    // The chart's own check stands behind the schema (helm --skip-schema-validation), in the same terms.
    assertThat(refusal("--skip-schema-validation", "--set", "backup.enabled=true", "--set", "backup.keep=abc"))
        .contains("backup.keep must be a whole number of copies, at least 1; got \"abc\"");
    assertThat(refusal("--skip-schema-validation", "--set", "backup.enabled=true", "--set-json", "backup.keep=2.5"))
        .contains("backup.keep must be a whole number of copies, at least 1; got 2.5");
  }
}
