package dev.pulse.server.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.server.store.StorableText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Refuses an import line holding text no store can hold, naming where: the rule ingestion applies. */
final class UnstorableText {

  private UnstorableText() {}

  /** A value still to check, and where it is: its parent's place and its own member or index. */
  private record Place(JsonNode node, Place parent, String step) {
    String path() {
      StringBuilder path = new StringBuilder();
      for (Place p = this; p.parent != null; p = p.parent) {
        path.insert(0, p.step);
      }
      return path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }
  }

  /**
   * The same rule as ingestion, so that an import stores the same records on both stores. Walked with a
   * stack of its own, in document order: a cause chain of thousands would overflow the thread's.
   */
  static void refuseIn(JsonNode root) {
    Deque<Place> pending = new ArrayDeque<>(List.of(new Place(root, null, "")));
    while (!pending.isEmpty()) {
      Place place = pending.pop();
      JsonNode node = place.node();
      if (node.isTextual() && StorableText.firstInvalid(node.textValue()) >= 0) {
        throw new IllegalArgumentException("\"" + place.path() + "\" holds a character no store can hold"
            + " (a NUL or an unpaired surrogate) at index " + StorableText.firstInvalid(node.textValue()));
      }
      List<Place> children = new ArrayList<>();
      node.fields().forEachRemaining(f -> children.add(new Place(f.getValue(), place, "." + f.getKey())));
      for (int i = 0; node.isArray() && i < node.size(); i++) {
        children.add(new Place(node.get(i), place, "[" + i + "]"));
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        pending.push(children.get(i));
      }
    }
  }
}
