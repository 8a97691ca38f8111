package dev.pulse.client.errors;

import dev.pulse.schema.IdentifierScrubber;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes what could identify a user or a machine from an error message before it leaves the
 * process. First the server's own rules ({@link IdentifierScrubber}: AWS ARNs' accounts, users and
 * sessions, access key ids, credentials and queries in URLs, {@code password=}-style secrets and users,
 * credentials after {@code Bearer} or {@code Basic}, secrets written as {@code key: value} or in JSON,
 * a secret that looks like one after a word that names it ({@code password hunter2},
 * {@code token: 9f8e7d6c}), a name quoted after {@code user}, {@code account}, {@code login},
 * {@code owner}, ..., well-known token formats, e-mail, IP and MAC addresses, mDNS names, an
 * organization's host names, home directories' users, UUIDs, hex digests and tokens), so nothing the
 * server would remove is ever sent; then wider ones, since no one has reviewed what a host puts in its
 * messages: whole URLs, absolute paths (Unix and Windows, and {@code ~/...}), {@code host:port}, host
 * names under common suffixes and numbers of six or more digits (ids; ports are kept). Best effort by
 * design. Bounded: at most {@link #SCRUB_BOUND} characters are scrubbed, with patterns linear in their
 * length.
 */
public final class MessageScrubber {

  /** Messages are cut to this many characters. */
  public static final int MAX_LENGTH = 300;

  /** At most this many characters of a message are scrubbed; the rest is never looked at or sent. */
  public static final int SCRUB_BOUND = 1000;

  /** Sent instead of a message the rules could not handle. */
  public static final String WITHHELD = "<message withheld>";

  private record Rule(Pattern pattern, String replacement) {}

  /** Not inside a word, a dotted name or a placeholder the rules before left. */
  private static final String START = "(?<![\\w.<>-])";

  // Every pattern is linear in the text's length: possessive quantifiers, no group repeated
  // with backtracking (Java recurses per repetition of such a group: a StackOverflowError on long
  // input). The server's rules (IdentifierScrubber) see the bounded text only.
  private static final List<Rule> WIDER = List.of(
      new Rule(Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*+://\\S++"), "<url>"),
      // A path goes whole, also one whose home directory's user is already "<user>"; Windows paths also
      // with the doubled backslashes of Go's %q and JSON.
      new Rule(Pattern.compile("(?<![\\w.])(?:~|[A-Za-z]:)?+(?:(?:/|\\\\{1,2}+)(?:[\\w.@-]++|<user>)){2,}+[/\\\\]?+"),
          "<path>"),
      // A file right under the home directory: "~/notes.txt".
      new Rule(Pattern.compile("(?<![\\w.])~(?:/|\\\\{1,2}+)[\\w.@-]++[/\\\\]?+"), "<path>"),
      // A host has a letter in its name: "12:34:56" is a time of day. One the server's rules replaced
      // ("<host>:5432") loses its port too.
      new Rule(Pattern.compile("(?:<host>|" + START + "(?=[\\w.-]*[a-zA-Z])[a-zA-Z0-9-]++(?:\\.[a-zA-Z0-9-]++)*+)"
          + ":\\d{2,5}+\\b"), "<host>"),
      new Rule(Pattern.compile(START + "[a-z0-9-][a-z0-9.-]*\\.(?:com|net|org|io|dev|internal|lan|home|corp|"
          + "cloud|svc|cluster\\.local|amazonaws\\.com|azure\\.com|googleapis\\.com)\\b"), "<host>"),
      new Rule(Pattern.compile("\\b\\d{6,}+\\b"), "<number>"));

  private final MessagePolicy policy;

  /** A scrubber applying this policy. */
  public MessageScrubber(MessagePolicy policy) {
    this.policy = policy;
  }

  /**
   * The message as it may be reported; never null, never throws. Under {@code SCRUB}, text past
   * {@link #SCRUB_BOUND} characters is cut first, back to the last whitespace so no half token survives
   * the cut, and only that prefix is scrubbed: time on the caller's thread is bounded whatever the
   * message's length. Text a rule cannot handle (a stack too small for it) is withheld, never sent.
   */
  public String scrub(String message) {
    if (message == null || policy == MessagePolicy.DROP) {
      return "";
    }
    if (policy == MessagePolicy.VERBATIM) {
      return cut(message);
    }
    try {
      String result = IdentifierScrubber.scrub(bounded(message));
      for (Rule rule : WIDER) {
        result = rule.pattern().matcher(result).replaceAll(rule.replacement());
      }
      return cut(result);
    } catch (StackOverflowError | RuntimeException e) {
      return WITHHELD;
    }
  }

  /**
   * {@code text} with the identifiers the server removes replaced (an address, an email, a secret), as
   * the server scrubs a frame's file name; never throws: text a rule cannot handle is withheld.
   */
  static String identifiersOf(String text) {
    try {
      return IdentifierScrubber.scrub(bounded(text));
    } catch (StackOverflowError | RuntimeException e) {
      return WITHHELD;
    }
  }

  /** The first {@link #SCRUB_BOUND} characters at most, ending at a whitespace, and "…" when cut. */
  static String bounded(String message) {
    if (message.length() <= SCRUB_BOUND) {
      return message;
    }
    int end = SCRUB_BOUND;
    while (end > 0 && !Character.isWhitespace(message.charAt(end))) {
      end--;
    }
    return message.substring(0, end) + "…";
  }

  private static String cut(String text) {
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    return text.substring(0, end) + "…";
  }
}
