package dev.pulse.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields that the typed model did not recognise. fabric8 keeps unknown YAML keys in each object's
 * additionalProperties instead of failing, so without this walk a typo such as {@code readinesProbe} or a
 * field at the wrong indentation would load silently (and Kubernetes would reject or ignore it).
 */
final class UnknownFields {

  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
  private static final int MAX_DEPTH = 40;

  private UnknownFields() {}

  /** Paths such as {@code spec.template.spec.containers[0].readinesProbe}; empty when all fields are known. */
  static List<String> in(Object object) {
    List<String> found = new ArrayList<>();
    walk(object, "", found, 0);
    return found;
  }

  private static void walk(Object value, String path, List<String> found, int depth) {
    if (value == null || depth > MAX_DEPTH) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", found, depth + 1);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "[" + k + "]", found, depth + 1));
      return;
    }
    if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    if (value instanceof GenericKubernetesResource) {
      return; // a custom resource (a PrometheusRule): the model has no schema of its fields to hold it to
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isPropertyGetter(getter)) {
        continue;
      }
      Object child = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(join(path, k.toString())));
        }
        continue;
      }
      walk(child, join(path, property(getter)), found, depth + 1);
    }
  }

  private static boolean isPropertyGetter(Method method) {
    return method.getName().startsWith("get")
        && method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers())
        && !method.getReturnType().isPrimitive()
        && method.getDeclaringClass() != Object.class
        && !method.getName().equals("getClass");
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null; // a derived accessor that cannot run on this object is not a YAML field
    }
  }

  private static String property(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
