package dev.pulse.server.ingest;

import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parsed and validated operation documents, keyed on the operation text. Real clients send the same
 * three texts with different variables, so after the first request of each kind no request parses or
 * validates again. A text that does not parse gets our words ({@link SyntaxErrors}); one that does
 * is parsed again by graphql-java's own parse and validate, once per distinct text. Also enforces
 * the document-shape limits ({@code maxQueryFields}, {@code maxAliases}) once per distinct text; the
 * verdict is cached with the document.
 *
 * <p>Bounded: when {@value #MAX_ENTRIES} distinct texts are cached the cache is emptied and starts
 * over, so clients sending ever-new texts cost parsing, never memory. Thread-safe.
 */
final class DocumentCache implements PreparsedDocumentProvider {

  static final int MAX_ENTRIES = 256;

  private final Map<String, PreparsedDocumentEntry> entries = new ConcurrentHashMap<>();
  private final IngestLimits limits;

  DocumentCache(IngestLimits limits) {
    this.limits = limits;
  }

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
      ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    String query = input.getQuery();
    PreparsedDocumentEntry entry = entries.get(query);
    if (entry == null) {
      InvalidSyntaxException syntax = ParseAndValidate.parse(input).getSyntaxException();
      if (syntax != null) {
        entry = new PreparsedDocumentEntry(SyntaxErrors.of(syntax, query, limits));
      } else {
        entry = parseAndValidate.apply(input);
        if (!entry.hasErrors()) {
          entry = checkShape(entry);
        }
      }
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(query, entry);
    }
    return CompletableFuture.completedFuture(entry);
  }

  /** Counts fields and aliases without recursion: documents are untrusted. */
  private PreparsedDocumentEntry checkShape(PreparsedDocumentEntry entry) {
    Document document = entry.getDocument();
    Deque<SelectionSet> pending = new ArrayDeque<>();
    for (Definition<?> definition : document.getDefinitions()) {
      if (definition instanceof OperationDefinition operation) {
        pushIfPresent(pending, operation.getSelectionSet());
      } else if (definition instanceof FragmentDefinition fragment) {
        pushIfPresent(pending, fragment.getSelectionSet());
      }
    }
    int fields = 0;
    int aliases = 0;
    while (!pending.isEmpty()) {
      SelectionSet set = pending.pop();
      for (Selection<?> selection : set.getSelections()) {
        if (selection instanceof Field field) {
          fields++;
          if (field.getAlias() != null) {
            aliases++;
          }
          pushIfPresent(pending, field.getSelectionSet());
        } else if (selection instanceof InlineFragment fragment) {
          pushIfPresent(pending, fragment.getSelectionSet());
        }
      }
    }
    if (fields > limits.maxQueryFields()) {
      return shapeError(
          "the operation selects " + fields + " fields, more than the limit of "
              + limits.maxQueryFields() + " (maxQueryFields)",
          "TOO_MANY_FIELDS");
    }
    if (aliases > limits.maxAliases()) {
      return shapeError(
          "the operation uses " + aliases + " aliases, more than the limit of "
              + limits.maxAliases() + " (maxAliases)",
          "TOO_MANY_ALIASES");
    }
    return entry;
  }

  private static void pushIfPresent(Deque<SelectionSet> pending, SelectionSet set) {
    if (set != null) {
      pending.push(set);
    }
  }

  private static PreparsedDocumentEntry shapeError(String message, String code) {
    return new PreparsedDocumentEntry(
        GraphqlErrorBuilder.newError()
            .message(message)
            .errorType(ErrorType.ValidationError)
            .extensions(Map.of("code", code))
            .build());
  }
}
