package dev.pulse.server.http;

import dev.pulse.schema.Suggestions;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paths the app's routes answer, by method, gathered as features add them: what a path that none
 * answers (404) was probably meant to be. Paths with parameters ({@code /api/v1/errors/{fingerprint}})
 * are left out: a suggestion is a path to send as it is.
 */
final class KnownRoutes {

  private final Map<HandlerType, Set<String>> paths = new ConcurrentHashMap<>();

  /** Takes in a route as the app adds it; before and after handlers are not routes. */
  void added(HandlerMetaInfo route) {
    String path = route.getPath();
    if (route.getHttpMethod().isHttpMethod() && !path.contains("{") && !path.contains("<") && !path.contains("*")) {
      paths.computeIfAbsent(route.getHttpMethod(), method -> ConcurrentHashMap.newKeySet()).add(path);
    }
  }

  /**
   * The path of a route taking {@code method} that {@code path} probably meant, if any (the routes see
   * a HEAD as a GET: {@link HeadAsGet}).
   */
  Optional<String> meant(HandlerType method, String path) {
    // Never the path itself: a route that answers 404 of its own would be told to try itself.
    return Suggestions.meant(path, paths.getOrDefault(method, Set.of())).filter(meant -> !meant.equals(path));
  }
}
