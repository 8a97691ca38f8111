package dev.pulse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic mutations of valid request bodies, driven by one seeded {@link Random}: the same seed
 * gives the same bodies. Structural mutations edit the JSON tree (type swaps, huge numbers, wrong
 * enum names, extra, missing or duplicated members, characters no store can hold, deep nesting);
 * byte mutations break the text (bit flips, truncation, invalid UTF-8, raw NUL bytes).
 */
final class BodyMutator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Stands for a value spliced in as raw text after serialization. */
  private static final String SPLICE = "@@splice@@";
  private static final String[] HUGE = {
    "2147483648", "-2147483649", "9223372036854775808", "1e400", "-1e400", "1.5", "-1", "0",
    "123456789012345678901234567890123456789", "1E+2147483647", "-0.0"
  };
  private static final String[] WRONG_ENUMS = {
    "NOT_A_REAL_EVENT", "active", "ACTIVE ", "", "STARTED\\u0000", "INTENTS_OPERATOR", "NETWORK_MAPPER2", "0"
  };
  private static final String[] ODD_TEXT = {
    "\\u0000", "x\\u0000y", "\\ud800", "\\udc00", "a\\ud800b", "\\ud83d\\ude00", "\\udbff\\udfff", "\\u00e9",
    "\\\\", "\\\"", "\\n\\t\\r", "\\u001f"
  };
  private static final byte[][] BAD_UTF8 = {
    {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88},
    {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {0}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
  };

  private final Random random;

  BodyMutator(long seed) {
    this.random = new Random(seed);
  }

  /** One to three mutations of {@code body}, a valid JSON object. */
  byte[] mutate(String body) throws Exception {
    JsonNode tree = JSON.readTree(body);
    String splice = null;
    int structural = 1 + random.nextInt(3);
    for (int i = 0; i < structural && random.nextInt(4) != 0; i++) {
      splice = structural(tree, splice);
    }
    String text = JSON.writeValueAsString(tree);
    if (splice != null) {
      text = text.replace("\"" + SPLICE + "\"", splice);
    }
    text = duplicateKey(text);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return random.nextInt(3) == 0 ? bytes(bytes) : bytes;
  }

  private String structural(JsonNode tree, String splice) {
    List<Slot> slots = new ArrayList<>();
    collect(tree, slots);
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (random.nextInt(8)) {
      case 0 -> slot.set(swapType(slot.get()));
      case 1 -> {
        slot.set(new TextNode(SPLICE));
        return HUGE[random.nextInt(HUGE.length)];
      }
      case 2 -> {
        slot.set(new TextNode(SPLICE));
        return "\"" + WRONG_ENUMS[random.nextInt(WRONG_ENUMS.length)] + "\"";
      }
      case 3 -> {
        String base = slot.get() != null && slot.get().isTextual() ? slot.get().asText() : "v";
        int cut = base.isEmpty() ? 0 : random.nextInt(base.length() + 1);
        slot.set(new TextNode(SPLICE));
        return JSON.valueToTree(base.substring(0, cut)).toString().replaceAll("\"$", "")
            + ODD_TEXT[random.nextInt(ODD_TEXT.length)] + JSON.valueToTree(base.substring(cut)).toString().substring(1);
      }
      case 4 -> {
        slot.set(new TextNode(SPLICE));
        return deep(1 + random.nextInt(random.nextBoolean() ? 40 : 3000));
      }
      case 5 -> extraMember(slot, tree);
      case 6 -> slot.remove();
      default -> slot.set(slots.get(random.nextInt(slots.size())).get().deepCopy());
    }
    return splice;
  }

  /** A member or element of an object or array in the tree, which can be replaced or removed. */
  private record Slot(JsonNode parent, String name, int index) {
    JsonNode get() {
      return name != null ? parent.get(name) : parent.get(index);
    }

    void set(JsonNode value) {
      if (name != null) {
        ((ObjectNode) parent).set(name, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (name != null) {
        ((ObjectNode) parent).remove(name);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        slots.add(new Slot(node, member.getKey(), -1));
        collect(member.getValue(), slots);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        slots.add(new Slot(node, null, i));
        collect(node.get(i), slots);
      }
    }
  }

  private JsonNode swapType(JsonNode value) {
    return switch (random.nextInt(6)) {
      case 0 -> value != null && value.isTextual() ? NODES.numberNode(7) : NODES.textNode("7");
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.nullNode();
      case 3 -> NODES.arrayNode().add(value == null ? NODES.nullNode() : value.deepCopy());
      case 4 -> NODES.objectNode().set("value", value == null ? NODES.nullNode() : value.deepCopy());
      default -> value != null && value.isArray() && value.size() > 0 ? value.get(0).deepCopy() : NODES.textNode("");
    };
  }

  private void extraMember(Slot slot, JsonNode tree) {
    JsonNode target = slot.get() != null && slot.get().isObject() ? slot.get() : tree;
    String[] names = {"ip", "__typename", "extensions", "userId", "contextid", "count", "query"};
    ((ObjectNode) target).put(names[random.nextInt(names.length)], "10.0.0.1");
  }

  private String deep(int depth) {
    boolean arrays = random.nextBoolean();
    StringBuilder text = new StringBuilder(depth * 8);
    for (int i = 0; i < depth; i++) {
      text.append(arrays ? "[" : "{\"cause\":");
    }
    text.append("null");
    for (int i = 0; i < depth; i++) {
      text.append(arrays ? "]" : "}");
    }
    return text.toString();
  }

  /** Sometimes repeats a member: {@code "name":} becomes {@code "name":<other value>,"name":}. */
  private String duplicateKey(String text) {
    if (random.nextInt(5) != 0) {
      return text;
    }
    List<Integer> names = new ArrayList<>();
    for (int i = text.indexOf("\":"); i >= 0 && names.size() < 2000; i = text.indexOf("\":", i + 2)) {
      names.add(i);
    }
    if (names.isEmpty()) {
      return text;
    }
    int end = names.get(random.nextInt(names.size()));
    int start = text.lastIndexOf('"', end - 1);
    if (start < 0) {
      return text;
    }
    String member = text.substring(start, end + 2);
    String value = random.nextBoolean() ? "\"dup\"" : "null";
    return text.substring(0, start) + member + value + "," + text.substring(start);
  }

  private byte[] bytes(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
    int at = random.nextInt(body.length);
    switch (random.nextInt(4)) {
      case 0 -> {
        byte[] flipped = body.clone();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
          flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return flipped;
      }
      case 1 -> out.write(body, 0, at);
      default -> {
        int quote = indexOf(body, (byte) '"', at);
        int insertAt = quote < 0 ? at : quote + 1;
        out.write(body, 0, insertAt);
        out.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
        out.write(body, insertAt, body.length - insertAt);
      }
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
