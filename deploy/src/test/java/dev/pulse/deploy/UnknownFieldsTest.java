package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: demo
      spec:
        selector:
          matchLabels: {app: demo}
        template:
          metadata:
            labels: {app: demo}
          spec:
            containers:
              - name: demo
                image: demo:1
                %s:
                  httpGet: {path: /readyz, port: 8080}
      """;

  @Test
  void knownFieldsLoad() {
    Deployment deployment = Manifests.parse(DEPLOYMENT.formatted("readinessProbe")).one(Deployment.class);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe())
        .isNotNull();
  }

  @Test
  void misspelledFieldFailsTheLoadWithItsPath() {
    assertThatThrownBy(() -> Manifests.parse(DEPLOYMENT.formatted("readinesProbe")))
        .hasMessageContaining("spec.template.spec.containers[0].readinesProbe");
  }
}
