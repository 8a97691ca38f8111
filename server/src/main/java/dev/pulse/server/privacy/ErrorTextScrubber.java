package dev.pulse.server.privacy;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.schema.TelemetryData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what could identify a person or a machine from the text of a reported error before it is
 * stored: the components send their error messages as they are ({@code dial tcp 10.0.0.7:9092}), and
 * the server must not depend on a client having scrubbed them.
 *
 * <p>Each match is replaced by a placeholder naming what was removed, in this order (earlier rules
 * see the text first, so a URL's credentials are not mistaken for an e-mail address):
 *
 * <ol>
 *   <li>an AWS ARN's account, IAM user and role session: {@code arn:aws:iam::<account>:user/<user>};
 *   <li>AWS access key ids: {@code <aws-key>};
 *   <li>a URL's credentials: {@code https://<credentials>@host/};
 *   <li>a URL's query string: {@code https://host/path?<query>};
 *   <li>{@code key=value} secrets and users: {@code password=<secret>}, {@code user=<user>};
 *   <li>a credential after {@code Bearer} or {@code Basic}: {@code Bearer <token>};
 *   <li>e-mail addresses: {@code <email>};
 *   <li>IPv6 addresses (with {@code ::}, or all eight groups, IPv4-mapped ones included): {@code <ip>};
 *   <li>IPv4 addresses: {@code <ip>} (a port after them is kept);
 *   <li>the address in an EC2 host name: {@code ip-<ip>}; a name under {@code .local} (a machine's mDNS
 *       name, a company's domain) but {@code cluster.local}: {@code <host>.local};
 *   <li>MAC addresses: {@code <mac>};
 *   <li>the user of a home directory: {@code /home/<user>}, {@code /Users/<user>}, {@code
 *       C:\Users\<user>};
 *   <li>UUIDs: {@code <uuid>};
 *   <li>hex runs of 24 digits or more: {@code <hex>};
 *   <li>base64 or base64url runs of 32 characters or more with digits and both cases, and padded
 *       base64 runs of 32 or more: {@code <token>}.
 * </ol>
 *
 * <p>Applied to every message and metadata key and value of the cause chain, to stack frames' file names,
 * to the short {@code error} text of usage events and to CLI commands' modifiers.
 * Scrubbing scrubbed text changes nothing. Immutable and thread-safe.
 */
public final class ErrorTextScrubber {

  private record Rule(Pattern pattern, String replacement) {
    String apply(String text) {
      Matcher matcher = pattern.matcher(text);
      return matcher.find() ? matcher.replaceAll(replacement) : text;
    }
  }

  private static final String SCHEME = "\\b[a-zA-Z][a-zA-Z0-9+.-]*://";
  private static final String HEX4 = "[0-9a-fA-F]{1,4}";
  private static final String IPV4 = "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  /** Neither a word character nor a colon or dot: what may stand around an address. */
  private static final String EDGE_BEFORE = "(?<![\\w:.])";
  private static final String EDGE_AFTER = "(?![\\w:]|\\.\\w)";

  /** A value after {@code key=}: quoted, or up to a space or separator; never a placeholder. */
  private static final String VALUE = "(?:\"[^\"]*\"|'[^']*'|[^\\s,;&\"'<>]+)";
  /** What an AWS name may hold (IAM user, role and session names). */
  private static final String AWS_NAME = "[\\w+=,.@-]+";

  private static final List<Rule> RULES = List.of(
      // AWS errors name the account and the user or session ("User: arn:aws:iam::123456789012:user/jane").
      new Rule(Pattern.compile("(\\barn:aws[\\w-]*:[\\w-]*:[\\w-]*:)\\d{12}(?=:)"), "$1<account>"),
      new Rule(Pattern.compile("(\\barn:aws[\\w-]*:iam::[^:\\s]*:user/)(?:" + AWS_NAME + "/)*" + AWS_NAME), "$1<user>"),
      new Rule(Pattern.compile("(:assumed-role/" + AWS_NAME + "/)" + AWS_NAME), "$1<session>"),
      new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"), "<aws-key>"),
      new Rule(Pattern.compile("(" + SCHEME + ")[^\\s/@<>\"']+@"), "$1<credentials>@"),
      new Rule(Pattern.compile("(" + SCHEME + "[^\\s?#\"']*)\\?[^\\s#\"'<>]+"), "$1?<query>"),
      new Rule(Pattern.compile("(?i)\\b(password|passwd|pwd|secret|api[_-]?key|token)=" + VALUE), "$1=<secret>"),
      new Rule(Pattern.compile("(?i)\\b(user|username)=" + VALUE), "$1=<user>"),
      // A credential after an HTTP auth scheme: 8 or more characters with a digit, not "Basic auth".
      new Rule(Pattern.compile("(?i)\\b(Bearer|Basic) +(?=[A-Za-z._~+/-]*\\d)[A-Za-z0-9._~+/-]{8,}=*"), "$1 <token>"),
      new Rule(Pattern.compile("[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)+"), "<email>"),
      new Rule(Pattern.compile(EDGE_BEFORE + "(?:"
          // Compressed forms: "::" somewhere, at most seven groups, an IPv4 tail allowed.
          + "(?:" + HEX4 + ":){0,6}(?:" + HEX4 + ")?::(?:" + HEX4 + ":){0,6}(?:" + IPV4 + "|" + HEX4 + ")?"
          // Full form: eight groups.
          + "|(?:" + HEX4 + ":){7}" + HEX4
          + ")" + EDGE_AFTER + "(?<=[0-9a-fA-F:])"), "<ip>"),
      new Rule(Pattern.compile(EDGE_BEFORE + IPV4 + "(?![\\w.]*\\w)"), "<ip>"),
      // EC2 and EKS host names spell the address with dashes: ip-10-0-1-23.ec2.internal.
      new Rule(Pattern.compile("\\bip-" + IPV4.replace("\\.", "-") + "(?![\\w-])"), "ip-<ip>"),
      // A machine's mDNS name, usually its owner's ("Janes-MacBook-Pro.local"), or a name in a
      // company's .local domain ("fs01.acme.local"); a Kubernetes service's cluster.local name is kept.
      new Rule(Pattern.compile("(?<![\\w.-])(?!(?:[\\w-]+\\.)*cluster\\.local\\b)(?:[\\w-]+\\.)+local\\b"),
          "<host>.local"),
      new Rule(Pattern.compile(EDGE_BEFORE + "[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){5}" + EDGE_AFTER), "<mac>"),
      // Windows paths in any case, and with doubled backslashes as Go's %q and JSON write them.
      new Rule(Pattern.compile("(/home/|/Users/|[A-Za-z]:(?:\\\\{1,2}|/)(?i:users)(?:\\\\{1,2}|/))[^/\\\\\\s<>\"':]+"),
          "$1<user>"),
      new Rule(Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"), "<uuid>"),
      new Rule(Pattern.compile("\\b[0-9a-fA-F]{24,}\\b"), "<hex>"),
      // Slashes split a run (Go package paths mix cases and digits too), unless it ends in padding.
      new Rule(Pattern.compile("(?<![\\w+/])[A-Za-z0-9+/]{30,}={1,2}(?![\\w+/=])"), "<token>"),
      new Rule(Pattern.compile("(?<![\\w+/-])(?=[\\w+-]*\\d)(?=[\\w+-]*[a-z])(?=[\\w+-]*[A-Z])"
          + "[A-Za-z0-9+_-]{32,}={0,2}(?![\\w+=-])"), "<token>"));

  /** Reports that the Pulse SDK or a component already scrubbed come through unchanged. */
  public ErrorTextScrubber() {}

  /** The text with every identifying match replaced by its placeholder; null stays null. */
  public String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (Rule rule : RULES) {
      result = rule.apply(result);
    }
    return result;
  }

  /**
   * A CLI command with its modifiers scrubbed: the SDK sends no flag's value, but a client could send
   * {@code --password=...} as a modifier. The same object when nothing changed.
   */
  public CliCommand scrub(CliCommand command) {
    List<String> modifiers = null;
    for (int i = 0; i < command.modifiers().size(); i++) {
      String sent = command.modifiers().get(i);
      String scrubbed = scrub(sent);
      if (scrubbed != sent && modifiers == null) {
        modifiers = new ArrayList<>(command.modifiers().subList(0, i));
      }
      if (modifiers != null) {
        modifiers.add(scrubbed);
      }
    }
    return modifiers == null ? command : new CliCommand(command.noun(), command.verb(), modifiers);
  }

  /** A usage event's data with its {@code error} text scrubbed; the same object when nothing changed. */
  public TelemetryData scrub(TelemetryData data) {
    String error = scrub(data.error());
    return error == data.error() ? data : new TelemetryData(data.eventType(), data.count(), error);
  }

  /**
   * The error with its messages, metadata values and frame file names scrubbed, along the whole
   * cause chain (iteratively: chains can be long). Returns the same object when nothing changed.
   */
  public ReportedError scrub(ReportedError error) {
    Deque<ReportedError> chain = new ArrayDeque<>();
    for (ReportedError e = error; e != null; e = e.cause()) {
      chain.push(e);
    }
    ReportedError cause = null;
    boolean changed = false;
    while (!chain.isEmpty()) {
      ReportedError e = chain.pop();
      String message = scrub(e.message());
      List<MetadataEntry> metadata = scrubMetadata(e.metadata());
      List<StackFrame> stack = scrubFrames(e.stack());
      if (changed || message != e.message() || metadata != e.metadata() || stack != e.stack()) {
        cause = new ReportedError(message, e.errorClass(), cause, stack, metadata);
        changed = true;
      } else {
        cause = e;
      }
    }
    return cause;
  }

  private List<MetadataEntry> scrubMetadata(List<MetadataEntry> metadata) {
    List<MetadataEntry> result = null;
    for (int i = 0; i < metadata.size(); i++) {
      MetadataEntry entry = metadata.get(i);
      // Keys too: a component's keys are names, but a client can send anything as one.
      String key = scrub(entry.key());
      String value = scrub(entry.value());
      boolean same = key == entry.key() && value == entry.value();
      if (!same && result == null) {
        result = new ArrayList<>(metadata.subList(0, i));
      }
      if (result != null) {
        result.add(same ? entry : new MetadataEntry(key, value));
      }
    }
    return result == null ? metadata : result;
  }

  private List<StackFrame> scrubFrames(List<StackFrame> stack) {
    List<StackFrame> result = null;
    for (int i = 0; i < stack.size(); i++) {
      StackFrame frame = stack.get(i);
      String file = scrub(frame.file());
      if (file != frame.file() && result == null) {
        result = new ArrayList<>(stack.subList(0, i));
      }
      if (result != null) {
        result.add(file == frame.file()
            ? frame : new StackFrame(file, frame.lineNumber(), frame.name(), frame.packageName()));
      }
    }
    return result == null ? stack : result;
  }
}
