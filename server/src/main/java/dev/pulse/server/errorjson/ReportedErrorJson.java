package dev.pulse.server.errorjson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code Error} input as JSON, in the wire's field names ({@code message}, {@code errorClass},
 * {@code cause}, {@code stack}, {@code metadata}; frames with {@code package}). Stores keep error
 * reports in this form and the export writes it. Chains are walked, written and read iteratively:
 * their depth is bounded at ingestion, not here, and a recursion would overflow the stack first.
 */
public final class ReportedErrorJson {

  /**
   * The deepest nesting read or written, here and in the export's lines: one level per cause, for chains
   * far deeper than a server takes at ingestion (at most 1,000 errors, {@code IngestLimits.MAX_CAUSE_DEPTH}),
   * as an import of another system's records may hold. Jackson's default is 1,000.
   */
  public static final int MAX_NESTING = 20_000;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
      .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING).build())
      .build());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportedErrorJson() {}

  /** The error as a JSON tree, cause chain nested. */
  public static ObjectNode toTree(ReportedError error) {
    ObjectNode root = null;
    ObjectNode parent = null;
    for (ReportedError e = error; e != null; e = e.cause()) {
      ObjectNode node = single(e);
      if (parent == null) {
        root = node;
      } else {
        parent.set("cause", node);
      }
      parent = node;
    }
    parent.putNull("cause");
    return root;
  }

  /** The error as compact JSON text. */
  public static String write(ReportedError error) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
      write(out, error);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return text.toString();
  }

  /**
   * Writes the error as {@link #toTree} has it, one error after the other: its fields, then its cause,
   * the objects closed at the end. Jackson writes a tree recursively, which a chain of thousands overflows.
   */
  public static void write(JsonGenerator out, ReportedError error) throws IOException {
    int open = 0;
    for (ReportedError e = error; e != null; e = e.cause()) {
      out.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> fields = single(e).fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        out.writeFieldName(field.getKey());
        MAPPER.writeTree(out, field.getValue());
      }
      out.writeFieldName("cause");
      open++;
    }
    out.writeNull();
    for (int i = 0; i < open; i++) {
      out.writeEndObject();
    }
  }

  /**
   * Parses JSON text written by {@link #write}.
   *
   * @throws UncheckedIOException when the text is not JSON
   */
  public static ReportedError read(String json) {
    try {
      return fromTree(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("stored error report is not valid JSON", e);
    }
  }

  /** Rebuilds an error from a tree in the wire's shape. */
  public static ReportedError fromTree(JsonNode node) {
    List<JsonNode> chain = new ArrayList<>();
    for (JsonNode n = node; n != null && !n.isNull() && !n.isMissingNode(); n = n.get("cause")) {
      chain.add(n);
    }
    ReportedError cause = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      JsonNode n = chain.get(i);
      cause =
          new ReportedError(
              n.path("message").asText(""),
              n.path("errorClass").asText(""),
              cause,
              frames(n.path("stack")),
              metadata(n.path("metadata")));
    }
    return cause;
  }

  private static ObjectNode single(ReportedError e) {
    ObjectNode node = NODES.objectNode();
    node.put("message", e.message());
    node.put("errorClass", e.errorClass());
    ArrayNode stack = node.putArray("stack");
    for (StackFrame frame : e.stack()) {
      ObjectNode f = stack.addObject();
      f.put("file", frame.file());
      f.put("lineNumber", frame.lineNumber());
      f.put("name", frame.name());
      f.put("package", frame.packageName());
    }
    ArrayNode metadata = node.putArray("metadata");
    for (MetadataEntry entry : e.metadata()) {
      metadata.addObject().put("key", entry.key()).put("value", entry.value());
    }
    return node;
  }

  private static List<StackFrame> frames(JsonNode stack) {
    List<StackFrame> frames = new ArrayList<>();
    for (JsonNode f : stack) {
      frames.add(
          new StackFrame(
              f.path("file").asText(""),
              f.path("lineNumber").asInt(),
              f.path("name").asText(""),
              f.path("package").asText("")));
    }
    return frames;
  }

  private static List<MetadataEntry> metadata(JsonNode metadata) {
    List<MetadataEntry> entries = new ArrayList<>();
    for (JsonNode m : metadata) {
      entries.add(new MetadataEntry(m.path("key").asText(""), m.path("value").asText("")));
    }
    return entries;
  }
}
