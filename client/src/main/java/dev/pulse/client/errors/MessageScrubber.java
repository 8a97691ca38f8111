package dev.pulse.client.errors;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes what could identify a user or a machine from an error message before it leaves the
 * process. Best effort by design: patterns catch the account, user and session of AWS ARNs, {@code
 * password=}-style secrets and users, credentials after {@code Bearer} or {@code Basic}, AWS access key
 * ids, long tokens, UUIDs and hex digests, URLs, e-mail addresses, MAC and IPv4/IPv6 addresses,
 * {@code host:port}, host names under common suffixes and mDNS names, absolute paths (Unix and
 * Windows, and {@code ~/...}) and numbers of six or more digits (ids, ports are kept); everything the
 * server scrubs is gone before it. Order matters: ARNs before addresses, URLs before paths, paths
 * before hosts.
 */
public final class MessageScrubber {

  /** Messages are cut to this many characters. */
  public static final int MAX_LENGTH = 300;

  private record Rule(Pattern pattern, String replacement) {}

  /** What an AWS name may hold (IAM user, role and session names). */
  private static final String AWS_NAME = "[\\w+=,.@-]+";

  private static final List<Rule> RULES = List.of(
      // AWS errors name the account and the user or session ("User: arn:aws:iam::123456789012:user/jane").
      new Rule(Pattern.compile("(\\barn:aws[\\w-]*:[\\w-]*:[\\w-]*:)\\d{12}(?=:)"), "$1<account>"),
      new Rule(Pattern.compile("(\\barn:aws[\\w-]*:iam::[^:\\s]*:user/)(?:" + AWS_NAME + "/)*" + AWS_NAME), "$1<user>"),
      new Rule(Pattern.compile("(:assumed-role/" + AWS_NAME + "/)" + AWS_NAME), "$1<session>"),
      new Rule(Pattern.compile("(?i)\\b(password|passwd|pwd|secret|api[_-]?key|token)=(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'<>]+)"),
          "$1=<secret>"),
      new Rule(Pattern.compile("(?i)\\b(user|username)=(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'<>]+)"), "$1=<user>"),
      new Rule(Pattern.compile("(?i)\\b(Bearer|Basic) +(?=[A-Za-z._~+/-]*\\d)[A-Za-z0-9._~+/-]{8,}=*"), "$1 <token>"),
      new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"), "<aws-key>"),
      // Keys and tokens: 32 or more base64 characters mixing digits and both cases.
      new Rule(Pattern.compile("(?<![\\w+/-])(?=[\\w+-]*\\d)(?=[\\w+-]*[a-z])(?=[\\w+-]*[A-Z])[A-Za-z0-9+_-]{32,}={0,2}"),
          "<token>"),
      new Rule(Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"), "<uuid>"),
      new Rule(Pattern.compile("\\b[0-9a-fA-F]{24,}\\b"), "<hex>"),
      new Rule(Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://\\S+"), "<url>"),
      new Rule(Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+"), "<email>"),
      new Rule(Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b"), "<ip>"),
      new Rule(Pattern.compile("\\b[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}\\b"), "<mac>"),
      // Not after a word: an ARN's "iam::" is no address.
      new Rule(Pattern.compile("\\[?(?<![\\w:.])(?=[0-9a-fA-F:]*[0-9a-fA-F])[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}\\]?(:\\d+)?"),
          "<ip>"),
      // Windows paths also with the doubled backslashes of Go's %q and JSON.
      new Rule(Pattern.compile("(?<![\\w.])(~|[A-Za-z]:)?((/|\\\\{1,2})[\\w.@-]+){2,}[/\\\\]?"), "<path>"),
      new Rule(Pattern.compile("\\b[a-zA-Z0-9-]+(\\.[a-zA-Z0-9-]+)*:\\d{2,5}\\b"), "<host>"),
      new Rule(Pattern.compile("\\b([a-z0-9-]+\\.)+(com|net|org|io|dev|local|internal|lan|home|corp|cloud|"
          + "svc|cluster\\.local|amazonaws\\.com|azure\\.com|googleapis\\.com)\\b"), "<host>"),
      // A machine's mDNS name, usually its owner's: "Janes-MacBook-Pro.local".
      new Rule(Pattern.compile("(?<![\\w.-])([\\w-]+\\.)+local\\b"), "<host>"),
      new Rule(Pattern.compile("\\b\\d{6,}\\b"), "<number>"));

  private final MessagePolicy policy;

  /** A scrubber applying this policy. */
  public MessageScrubber(MessagePolicy policy) {
    this.policy = policy;
  }

  /** The message as it may be reported; never null. */
  public String scrub(String message) {
    if (message == null || policy == MessagePolicy.DROP) {
      return "";
    }
    String result = message;
    if (policy == MessagePolicy.SCRUB) {
      for (Rule rule : RULES) {
        result = rule.pattern().matcher(result).replaceAll(rule.replacement());
      }
    }
    return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) + "…" : result;
  }
}
