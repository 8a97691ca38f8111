package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads YAML (files or helm output) into fabric8's typed Kubernetes model, so the tests check real
 * {@code Deployment}, {@code Service}... objects instead of maps. A wrong shape or a field the model does
 * not know (see {@link UnknownFields}) fails the load, which is the first check on every manifest.
 */
final class Manifests {

  /** The deploy module's directory (surefire runs the tests there). */
  static final Path MODULE = locateModule();

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final List<HasMetadata> objects;

  private Manifests(List<HasMetadata> objects) {
    this.objects = List.copyOf(objects);
  }

  static Manifests parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    // Split ourselves so an empty document (a template that rendered nothing) is simply skipped.
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (isBlank(document)) {
        continue;
      }
      Object parsed = SERIALIZATION.unmarshal(document);
      List<String> unknown = UnknownFields.in(parsed);
      if (!unknown.isEmpty()) {
        throw new AssertionError("fields the Kubernetes model does not know: " + unknown + " in\n" + document);
      }
      if (parsed instanceof KubernetesList list) {
        objects.addAll(list.getItems());
      } else if (parsed instanceof HasMetadata object) {
        objects.add(object);
      } else {
        throw new AssertionError("not a Kubernetes object: " + parsed + " in\n" + document);
      }
    }
    return new Manifests(objects);
  }

  static Manifests load(Path... files) {
    StringBuilder all = new StringBuilder();
    for (Path file : files) {
      all.append(read(file)).append("\n---\n");
    }
    return parse(all.toString());
  }

  /** Every *.yaml under a directory except kustomization.yaml, which is not a Kubernetes object. */
  static List<Path> yamlFilesUnder(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<HasMetadata> all() {
    return objects;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The single object of this type; fails if there is none or more than one. */
  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    assertThat(found).as("objects of kind %s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  <T extends HasMetadata> T named(Class<T> type, String name) {
    return all(type).stream()
        .filter(o -> name.equals(o.getMetadata().getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name
            + " among " + objects.stream().map(Manifests::describe).toList()));
  }

  static String describe(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }

  private static boolean isBlank(String document) {
    return document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
  }

  private static Path locateModule() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate : List.of(here, here.resolve("deploy"))) {
      if (Files.isDirectory(candidate.resolve("helm/pulse"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find the deploy module from " + here);
  }
}
