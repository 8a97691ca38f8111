package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/deploy.md names every value of the chart, so a new value cannot ship undocumented. */
class ChartValuesDocumentedTest {

  /** Objects passed to the pod spec whole (toYaml): documented as one value. */
  private static final Set<String> WHOLE_OBJECTS = Set.of("resources", "podSecurityContext", "securityContext", "backup.resources");

  @Test
  void everyChartValueIsInTheDeployGuide() {
    String values = Manifests.read(Manifests.MODULE.resolve("helm/pulse/values.yaml"));
    Map<?, ?> tree = new KubernetesSerialization().unmarshal(values, Map.class);
    List<String> paths = new ArrayList<>();
    collect("", tree, paths);
    assertThat(paths).contains("store.type", "auth.existingSecret", "probes.readiness.periodSeconds");
    String guide = Manifests.read(Manifests.MODULE.getParent().resolve("docs/deploy.md"));
    assertThat(paths).allSatisfy(path ->
        assertThat(guide).as("docs/deploy.md documents `%s`", path).contains("| `" + path + "` |"));
  }

  @Test
  void everyTopLevelValueHasACommentInValuesYaml() {
    List<String> lines = Manifests.read(Manifests.MODULE.resolve("helm/pulse/values.yaml")).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean topLevelScalar = line.matches("^[a-zA-Z]\\w*:\\s*\\S.*$");
      if (topLevelScalar) {
        assertThat(lines.get(i - 1)).as("comment above `%s`", line).startsWith("#");
      }
    }
  }

  private static void collect(String prefix, Map<?, ?> tree, List<String> paths) {
    for (Map.Entry<?, ?> entry : tree.entrySet()) {
      String path = prefix.isEmpty() ? entry.getKey().toString() : prefix + "." + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> child && !child.isEmpty() && !WHOLE_OBJECTS.contains(path)) {
        collect(path, child, paths);
      } else {
        paths.add(path);
      }
    }
  }
}
