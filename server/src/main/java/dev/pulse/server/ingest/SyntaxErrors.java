package dev.pulse.server.ingest;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.exceptions.InvalidUnicodeSyntaxException;
import graphql.parser.exceptions.MoreTokensSyntaxException;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;

/**
 * Says why an operation text could not be parsed, in our words: graphql-java's own messages name its
 * parser ("ANTLR error"), speak of "Denial Of Service attacks" and follow the server's default
 * locale. The code stays {@code GRAPHQL_PARSE_FAILED} and the place stays in {@code locations}.
 */
final class SyntaxErrors {

  private SyntaxErrors() {}

  static GraphQLError of(InvalidSyntaxException e, String query, IngestLimits limits) {
    GraphqlErrorBuilder<?> error =
        GraphqlErrorBuilder.newError().errorType(ErrorType.InvalidSyntax).message(message(e, query, limits));
    if (e.getLocation() != null && !(e instanceof ParseCancelledException)) {
      error.location(e.getLocation());
    }
    return error.build();
  }

  private static String message(InvalidSyntaxException e, String query, IngestLimits limits) {
    if (e instanceof ParseCancelledTooManyCharsException) {
      return "the operation text is longer than the limit of " + limits.maxQueryCharacters()
          + " characters (maxQueryCharacters)";
    }
    if (e instanceof ParseCancelledTooDeepException) {
      return "the operation is nested deeper than the limit allows (maxQueryDepth " + limits.maxQueryDepth() + ")";
    }
    if (e instanceof ParseCancelledException) {
      return "the operation text has more than the limit of " + limits.maxQueryTokens() + " tokens (maxQueryTokens)";
    }
    String place = place(e.getLocation());
    if (e instanceof InvalidUnicodeSyntaxException) {
      return "the operation is not valid GraphQL: a Unicode escape or surrogate is wrong" + place;
    }
    String token = e.getOffendingToken() != null ? e.getOffendingToken() : characterAt(query, e.getLocation());
    String unexpected = token == null || token.isEmpty() ? "" : ": unexpected " + quoted(token);
    if (e instanceof MoreTokensSyntaxException) {
      return "the operation is not valid GraphQL" + unexpected + " after its end," + place;
    }
    return "the operation is not valid GraphQL" + unexpected + place;
  }

  private static String place(SourceLocation location) {
    return location == null ? "" : " at line " + location.getLine() + ", column " + location.getColumn();
  }

  /** The character a lexer error points at (graphql-java names no token for those). */
  private static String characterAt(String query, SourceLocation location) {
    if (location == null) {
      return null;
    }
    String[] lines = query.split("\r\n|\r|\n", -1);
    int line = location.getLine() - 1;
    int column = location.getColumn() - 1;
    if (line < 0 || line >= lines.length || column < 0 || column >= lines[line].length()) {
      return null;
    }
    return new String(Character.toChars(lines[line].codePointAt(column)));
  }

  /** The token as sent, cut short: it is the client's text. */
  private static String quoted(String token) {
    return "'" + (token.length() > 40 ? token.substring(0, 40) + "..." : token) + "'";
  }
}
