package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of deploy/helm/pulse: a real helm, found before each test, renders the chart into fabric8's
 * typed model, and the test reads what it rendered.
 */
abstract class ChartRendering {

  static final Path CHART = Manifests.MODULE.resolve("helm/pulse");

  Helm helm;

  // Per test, so that without helm every test is reported as skipped with the reason.
  @BeforeEach
  void findHelm() {
    helm = Helm.require();
  }

  /** {@code helm template} of the chart as release pulse in namespace pulse, with these arguments. */
  Manifests render(String... args) {
    return Manifests.parse(helm.template(CHART, "pulse", "pulse", args));
  }

  /**
   * {@code helm template} with these arguments, which helm must refuse: its error output. The render
   * stops before any manifest is written, so a mistake never reaches the API server or a pod.
   */
  String refusal(String... args) {
    Helm.Result result = helm.templateResult(CHART, "pulse", "pulse", args);
    assertThat(result.exitCode()).as("helm template %s must fail, and rendered:%n%s", List.of(args), result.stdout())
        .isNotZero();
    return result.stderr();
  }

  /** A values file of the chart's ci directory, as an argument for {@code -f}. */
  static String values(String file) {
    return CHART.resolve("ci").resolve(file).toString();
  }

  /** The decoded value of a key the Secret must hold. */
  static String decoded(Secret secret, String key) {
    assertThat(secret.getData()).as("keys of Secret %s", secret.getMetadata().getName()).containsKey(key);
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
