package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/helm/pulse-telemetry, used the way a component chart uses it: the example consumer chart is
 * copied beside the library, `helm dependency build` packs the library into it, and `helm template`
 * renders it with the user's global.telemetry.* choices.
 */
class TelemetrySnippetTest {

  private static final Path HELM_DIR = Manifests.MODULE.resolve("helm");

  @TempDir
  static Path workspace;

  private static Helm helm;
  private static Path consumer;
  /** The example without global.telemetry defaults of its own: the user's globals reach the library as given. */
  private static Path bareConsumer;

  @BeforeAll
  static void buildConsumerChart() {
    if (Helm.find().isEmpty()) {
      return; // each test reports the skip (or, under CI=true, the failure) in findHelm()
    }
    helm = Helm.require();
    // Same layout as the repository, so the file://../../pulse-telemetry dependency resolves.
    copyTree(HELM_DIR.resolve("pulse-telemetry"), workspace.resolve("pulse-telemetry"));
    consumer = workspace.resolve("examples/telemetry-consumer");
    copyTree(HELM_DIR.resolve("examples/telemetry-consumer"), consumer);
    bareConsumer = workspace.resolve("examples/bare-consumer");
    copyTree(consumer, bareConsumer);
    try {
      Files.writeString(bareConsumer.resolve("values.yaml"), "image:\n  repository: ghcr.io/example/demo-operator\n"
          + "  tag: \"\"\nconfigureBy: env\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path chart : List.of(consumer, bareConsumer)) {
      Helm.Result built = helm.run(chart, List.of("dependency", "build"));
      assertThat(built.exitCode()).as("helm dependency build:\n%s%s", built.stdout(), built.stderr()).isZero();
    }
  }

  @BeforeEach
  void findHelm() {
    Helm.require();
  }

  private static Manifests render(String... args) {
    return Manifests.parse(helm.template(consumer, "demo", "demo", args));
  }

  /** The OTTERIZE_* variables of the operator container, in order. */
  private static Map<String, String> telemetryEnv(Manifests rendered) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : operator(rendered).getEnv()) {
      assertThat(var.getValueFrom()).isNull();
      env.put(var.getName(), var.getValue());
    }
    return env;
  }

  private static Container operator(Manifests rendered) {
    return rendered.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, String> flags(String enabled, String usage, String errors) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTTERIZE_TELEMETRY_ENABLED", enabled);
    env.put("OTTERIZE_TELEMETRY_USAGE_ENABLED", usage);
    env.put("OTTERIZE_TELEMETRY_ERRORS_ENABLED", errors);
    return env;
  }

  @Test
  void defaultsEnableAllTelemetry() {
    assertThat(telemetryEnv(render())).containsExactlyEntriesOf(flags("true", "true", "true"));
  }

  @Test
  void omittedSettingsMeanEnabled() {
    // null removes the keys from the consumer's values: the document says omitted means true.
    Manifests rendered = render("--set", "global.telemetry=null");
    assertThat(telemetryEnv(rendered)).containsExactlyEntriesOf(flags("true", "true", "true"));
    rendered = render("--set", "global=null");
    assertThat(telemetryEnv(rendered)).containsExactlyEntriesOf(flags("true", "true", "true"));
  }

  @Test
  void globalTelemetryDisabledTurnsTheMasterSwitchOff() {
    Manifests rendered = render("--set", "global.telemetry.enabled=false");
    assertThat(telemetryEnv(rendered)).containsExactlyEntriesOf(flags("false", "true", "true"));
  }

  @Test
  void usageDisabledLeavesErrorReportsOn() {
    Manifests rendered = render("--set", "global.telemetry.usage.enabled=false");
    assertThat(telemetryEnv(rendered)).containsExactlyEntriesOf(flags("true", "false", "true"));
  }

  @Test
  void errorsDisabledLeavesUsageOn() {
    Manifests rendered = render("--set", "global.telemetry.errors.enabled=false");
    assertThat(telemetryEnv(rendered)).containsExactlyEntriesOf(flags("true", "true", "false"));
  }

  @Test
  void falseIsNotMistakenForOmitted() {
    // Helm's `default true` would turn an explicit false into true; the snippet must not.
    Manifests rendered = render("--set", "global.telemetry.enabled=false",
        "--set", "global.telemetry.usage.enabled=false", "--set", "global.telemetry.errors.enabled=false");
    assertThat(telemetryEnv(rendered)).containsExactlyEntriesOf(flags("false", "false", "false"));
  }

  @Test
  void stringsAreReadLikeGoParseBool() {
    Manifests rendered = render("--set-string", "global.telemetry.enabled=False",
        "--set", "global.telemetry.usage.enabled=0", "--set-string", "global.telemetry.errors.enabled=T");
    assertThat(telemetryEnv(rendered)).containsExactlyEntriesOf(flags("false", "false", "true"));
  }

  @Test
  void unreadableValueFailsWithItsPath() {
    Helm.Result result = helm.templateResult(consumer, "demo", "demo",
        "--set", "global.telemetry.usage.enabled=nope");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("global.telemetry.usage.enabled must be true or false, got \"nope\"");
  }

  @Test
  void aSwitchGivenWhereTheSettingsMapBelongsIsRefused() {
    // global.telemetry=false reads like "telemetry off", but the settings are a map: a consumer without
    // defaults of its own used to render every flag true.
    Helm.Result master = helm.templateResult(bareConsumer, "demo", "demo", "--set", "global.telemetry=false");
    assertThat(master.exitCode()).isNotZero();
    assertThat(master.stderr()).contains("at '/global/telemetry': got boolean, want null or object");
    Helm.Result usage = helm.templateResult(consumer, "demo", "demo", "--set", "global.telemetry.usage=false");
    assertThat(usage.exitCode()).isNotZero();
    assertThat(usage.stderr()).contains("at '/global/telemetry/usage': got boolean, want null or object");
  }

  @Test
  void theLibrarysSchemaLeavesTheConsumersOtherGlobalsAlone() {
    Manifests bare = Manifests.parse(helm.template(bareConsumer, "demo", "demo"));
    assertThat(telemetryEnv(bare)).containsExactlyEntriesOf(flags("true", "true", "true"));
    Manifests shared = Manifests.parse(helm.template(bareConsumer, "demo", "demo",
        "--set", "global.imageRegistry=r.example",
        "--set", "global.telemetry.errors.stage=production", "--set", "global.telemetry.enabled=false"));
    assertThat(telemetryEnv(shared)).containsExactlyEntriesOf(flags("false", "true", "true"));
  }

  @Test
  void apiAddressBecomesOtterizeApiAddress() {
    Manifests rendered = render("--set", "global.telemetry.apiAddress=http://pulse.pulse.svc:80/");
    Map<String, String> expected = flags("true", "true", "true");
    expected.put("OTTERIZE_API_ADDRESS", "http://pulse.pulse.svc:80");
    assertThat(telemetryEnv(rendered)).containsExactlyEntriesOf(expected);
  }

  @Test
  void flagsCarryTheSameSettingsAsTheEnvironment() {
    Manifests rendered = render("--set", "configureBy=args", "--set", "global.telemetry.usage.enabled=false",
        "--set", "global.telemetry.apiAddress=http://pulse.pulse.svc");
    Container container = operator(rendered);
    assertThat(container.getEnv()).isEmpty();
    assertThat(container.getArgs()).containsExactly("--telemetry-enabled=true",
        "--telemetry-usage-enabled=false", "--telemetry-errors-enabled=true",
        "--api-address=http://pulse.pulse.svc");
  }

  @Test
  void singleValuesFeedAConfigMap() {
    ConfigMap config = render("--set", "global.telemetry.enabled=false").one(ConfigMap.class);
    assertThat(config.getData()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "telemetry-enabled", "false", "telemetry-usage-enabled", "true", "telemetry-errors-enabled", "true"));
  }

  @Test
  void libraryAndConsumerPassHelmLint() {
    Helm.Result library = helm.run(workspace, List.of("lint", "--strict", "pulse-telemetry"));
    assertThat(library.exitCode()).as("helm lint pulse-telemetry:\n%s", library.stdout()).isZero();
    Helm.Result example = helm.run(workspace, List.of("lint", "--strict", consumer.toString()));
    assertThat(example.exitCode()).as("helm lint telemetry-consumer:\n%s", example.stdout()).isZero();
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
