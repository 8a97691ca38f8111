package dev.pulse.client.json;

import java.util.function.UnaryOperator;

/**
 * A minimal compact JSON writer into a {@link StringBuilder}, enough for the GraphQL request bodies the
 * client sends. The caller is responsible for well-formed nesting; commas are placed automatically.
 *
 * <p>Not thread-safe: one writer per payload.
 */
public final class JsonWriter {

  private final StringBuilder out;
  private final UnaryOperator<String> strings;
  // Whether the next value at the current nesting needs a leading comma; depth is small (< 128).
  private final boolean[] needsComma = new boolean[128];
  private int depth;
  private boolean afterName;

  /** A writer appending to a new buffer. */
  public JsonWriter() {
    this(new StringBuilder(256));
  }

  /** A writer appending to {@code out}. */
  public JsonWriter(StringBuilder out) {
    this(out, UnaryOperator.identity());
  }

  /** A writer appending to a new buffer, each string (name or value) written as {@code strings} makes it. */
  public JsonWriter(UnaryOperator<String> strings) {
    this(new StringBuilder(256), strings);
  }

  private JsonWriter(StringBuilder out, UnaryOperator<String> strings) {
    this.out = out;
    this.strings = strings;
  }

  /** Opens an object. */
  public JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    push();
    return this;
  }

  /** Closes an object. */
  public JsonWriter endObject() {
    depth--;
    out.append('}');
    return this;
  }

  /** Opens an array. */
  public JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    push();
    return this;
  }

  /** Closes an array. */
  public JsonWriter endArray() {
    depth--;
    out.append(']');
    return this;
  }

  /** Writes a member name; the next call writes its value. */
  public JsonWriter name(String name) {
    beforeValue();
    quote(name);
    out.append(':');
    afterName = true;
    return this;
  }

  /** Writes a string value, or {@code null}. */
  public JsonWriter value(String value) {
    beforeValue();
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  /** Writes a number value. */
  public JsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** Writes a boolean value. */
  public JsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** Writes {@code null}. */
  public JsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** Appends an already-encoded JSON value verbatim. */
  public JsonWriter rawValue(String json) {
    beforeValue();
    out.append(json);
    return this;
  }

  /** The JSON written so far. */
  @Override
  public String toString() {
    return out.toString();
  }

  private void push() {
    depth++;
    needsComma[depth] = false;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (needsComma[depth]) {
      out.append(',');
    }
    needsComma[depth] = true;
  }

  private void quote(String text) {
    String s = strings.apply(text);
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
