package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/** Renders deploy/helm/pulse with a real helm into fabric8's typed model, and reads what it rendered. */
final class ChartRendering {

  static final Path CHART = Manifests.MODULE.resolve("helm/pulse");

  private ChartRendering() {}

  /** {@code helm template} of the chart as release pulse in namespace pulse, with these arguments. */
  static Manifests render(Helm helm, String... args) {
    return Manifests.parse(helm.template(CHART, "pulse", "pulse", args));
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
