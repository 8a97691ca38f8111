package dev.pulse.server.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Every bound the endpoint enforces on one request, with its default. A request over any of them is
 * refused whole (nothing of it is stored) with an error naming the limit; see {@code docs/api.md}
 * for the table of limits and the error each gives. String lengths count UTF-16 code units.
 *
 * <p>Immutable; every value is checked on construction.
 *
 * @param maxCompressedBodyBytes request body as received (before gzip inflation); HTTP 413
 * @param maxBodyBytes request body after inflation (or as received when not compressed); HTTP 413
 * @param maxItemsPerRequest list items (telemetries, CLI commands, errors) in one request, all fields
 *     together; at least 1000
 * @param maxIdentifierLength ids, versions, cloud client ids, CLI nouns, verbs and modifiers,
 *     metadata keys
 * @param maxMessageLength an error's {@code message}
 * @param maxErrorTextLength the {@code error} text of a usage event
 * @param maxFieldLength an error's {@code errorClass}, stack frame fields, metadata values
 * @param maxCauseDepth errors in one {@code cause} chain, the outermost included; at least 32, at most
 *     {@link #MAX_CAUSE_DEPTH}
 * @param maxStackFrames frames in one error's {@code stack}
 * @param maxMetadataEntries entries in one error's {@code metadata}
 * @param maxModifiers modifiers of one CLI command
 * @param maxQueryCharacters characters of the GraphQL operation text
 * @param maxQueryTokens grammar tokens of the GraphQL operation text
 * @param maxQueryDepth field nesting depth of the operation
 * @param maxQueryFields fields selected in the operation, all levels together
 * @param maxAliases aliased fields in the operation
 */
public record IngestLimits(
    long maxCompressedBodyBytes,
    long maxBodyBytes,
    int maxItemsPerRequest,
    int maxIdentifierLength,
    int maxMessageLength,
    int maxErrorTextLength,
    int maxFieldLength,
    int maxCauseDepth,
    int maxStackFrames,
    int maxMetadataEntries,
    int maxModifiers,
    int maxQueryCharacters,
    int maxQueryTokens,
    int maxQueryDepth,
    int maxQueryFields,
    int maxAliases) {

  /** The smallest {@code maxItemsPerRequest} allowed: a full Go client buffer must fit in a few. */
  public static final int MIN_ITEMS_PER_REQUEST = 1000;

  /** The smallest {@code maxCauseDepth} allowed. */
  public static final int MIN_CAUSE_DEPTH = 32;

  /**
   * The largest {@code maxCauseDepth} allowed. graphql-java reads a request's variables recursively, a
   * few frames a level, on the request's thread: 1,500 levels overflowed a default 1 MiB stack.
   */
  public static final int MAX_CAUSE_DEPTH = 1_000;

  /** The JSON nesting the body may have beyond the cause chain (envelope, lists, frames). */
  private static final int ENVELOPE_NESTING = 8;

  public IngestLimits {
    positive("maxCompressedBodyBytes", maxCompressedBodyBytes);
    positive("maxBodyBytes", maxBodyBytes);
    if (maxBodyBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be at most " + Integer.MAX_VALUE + ", got " + maxBodyBytes);
    }
    atLeast("maxItemsPerRequest", maxItemsPerRequest, MIN_ITEMS_PER_REQUEST);
    positive("maxIdentifierLength", maxIdentifierLength);
    positive("maxMessageLength", maxMessageLength);
    positive("maxErrorTextLength", maxErrorTextLength);
    positive("maxFieldLength", maxFieldLength);
    atLeast("maxCauseDepth", maxCauseDepth, MIN_CAUSE_DEPTH);
    if (maxCauseDepth > MAX_CAUSE_DEPTH) {
      throw new IllegalArgumentException("maxCauseDepth must be at most " + MAX_CAUSE_DEPTH
          + " (a deeper chain is read recursively, and overflows a request thread's stack), got " + maxCauseDepth);
    }
    positive("maxStackFrames", maxStackFrames);
    positive("maxMetadataEntries", maxMetadataEntries);
    positive("maxModifiers", maxModifiers);
    atLeast("maxQueryCharacters", maxQueryCharacters, 512);
    atLeast("maxQueryTokens", maxQueryTokens, 64);
    positive("maxQueryDepth", maxQueryDepth);
    positive("maxQueryFields", maxQueryFields);
    atLeast("maxAliases", maxAliases, 0);
  }

  /** A copy with another {@code maxCauseDepth}. */
  public IngestLimits withMaxCauseDepth(int depth) {
    return new IngestLimits(maxCompressedBodyBytes, maxBodyBytes, maxItemsPerRequest, maxIdentifierLength,
        maxMessageLength, maxErrorTextLength, maxFieldLength, depth, maxStackFrames, maxMetadataEntries, maxModifiers,
        maxQueryCharacters, maxQueryTokens, maxQueryDepth, maxQueryFields, maxAliases);
  }

  /** The defaults: generous for every client we know, small enough to bound one request's cost. */
  public static IngestLimits defaults() {
    return new IngestLimits(
        4L * 1024 * 1024, // compressed body: a 5000-event uncompressed batch is about 2.3 MiB
        16L * 1024 * 1024, // inflated body
        5000, // items: the Go clients' whole buffer
        256, // identifiers
        8 * 1024, // error message
        4 * 1024, // usage event error text
        1024, // errorClass, frame fields, metadata values
        64, // cause chain
        256, // stack frames
        64, // metadata entries
        32, // CLI modifiers
        16 * 1024, // query characters
        2000, // query tokens
        8, // query depth
        16, // query fields
        8); // aliases
  }

  /**
   * The JSON nesting depth the body parser allows: the deepest legal cause chain plus the envelope.
   * Deeper JSON is refused while parsing, before anything recursive sees it.
   */
  public int maxJsonNestingDepth() {
    return maxCauseDepth + ENVELOPE_NESTING;
  }

  /**
   * The longest member name the request JSON may hold: the schema's names are a few dozen characters,
   * so a longer one is no telemetry (Jackson's own bound, 50,000, was no documented limit).
   */
  public static final int MAX_MEMBER_NAME_LENGTH = 1024;

  /**
   * A JSON factory whose parsers enforce these bounds: nesting just deep enough for the longest legal
   * cause chain (so a chain of 100,000 causes is refused by the tokenizer, before any recursive code
   * could overflow the stack on it), and no string or document longer than the body may be.
   */
  public JsonFactory jsonFactory() {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(maxJsonNestingDepth())
            .maxNameLength(MAX_MEMBER_NAME_LENGTH)
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
            .maxDocumentLength(maxBodyBytes)
            .build();
    return JsonFactory.builder().streamReadConstraints(constraints).build();
  }

  /** A copy with another item bound. */
  public IngestLimits withMaxItemsPerRequest(int value) {
    return new IngestLimits(
        maxCompressedBodyBytes, maxBodyBytes, value, maxIdentifierLength, maxMessageLength,
        maxErrorTextLength, maxFieldLength, maxCauseDepth, maxStackFrames, maxMetadataEntries,
        maxModifiers, maxQueryCharacters, maxQueryTokens, maxQueryDepth, maxQueryFields, maxAliases);
  }

  /** A copy with other body bounds. */
  public IngestLimits withBodyBytes(long compressed, long inflated) {
    return new IngestLimits(
        compressed, inflated, maxItemsPerRequest, maxIdentifierLength, maxMessageLength,
        maxErrorTextLength, maxFieldLength, maxCauseDepth, maxStackFrames, maxMetadataEntries,
        maxModifiers, maxQueryCharacters, maxQueryTokens, maxQueryDepth, maxQueryFields, maxAliases);
  }

  private static void positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  private static void atLeast(String field, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be at least " + min + ", got " + value);
    }
  }
}
