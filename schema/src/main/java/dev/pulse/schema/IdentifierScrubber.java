package dev.pulse.schema;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what could identify a person or a machine from free text, such as an error's message: the
 * rules the server applies before it stores a report, and the first ones the client SDK applies
 * before it sends one (it then removes more). One list for both, so nothing the server would remove
 * ever leaves a client.
 *
 * <p>Each match is replaced by a placeholder naming what was removed, in this order (earlier rules
 * see the text first, so a URL's credentials are not mistaken for an e-mail address):
 *
 * <ol>
 *   <li>an AWS ARN's account, IAM user and role session: {@code arn:aws:iam::<account>:user/<user>};
 *   <li>AWS access key ids: {@code <aws-key>};
 *   <li>a URL's credentials: {@code https://<credentials>@host/};
 *   <li>a URL's query string: {@code https://host/path?<query>};
 *   <li>an object store URL's bucket or container: {@code s3://<bucket>/path}, {@code gs://}, {@code az://},
 *       {@code abfss://}, ...;
 *   <li>{@code key=value} secrets and users: {@code password=<secret>}, {@code DB_PASSWORD=<secret>},
 *       {@code user=<user>}; secrets written as {@code key: value} or in JSON under a secret's name:
 *       {@code "password":"<secret>"}, {@code X-Api-Key: <secret>}; a quoted value goes whole
 *       ({@code password: 'hunter 2'}), and so does the rest of the text after a quote never closed; a
 *       user or an account named in quotes after {@code user}, {@code username}, {@code login}, {@code
 *       account}, {@code owner}, {@code member}, {@code principal}, {@code role} or {@code uid}: {@code
 *       for user "<user>"}, {@code no account '<user>'};
 *   <li>a credential after {@code Bearer}, {@code Basic} or {@code Token}: {@code Bearer <token>};
 *   <li>well-known token formats (Stripe, OpenAI and Anthropic, Slack, GitHub, GitLab, Google API keys)
 *       and JSON Web Tokens: {@code <token>};
 *   <li>a secret in prose, after a word and a space (or a colon): after a word that only names a secret
 *       ({@code password}, {@code passwd}, {@code passphrase}, {@code pwd}, {@code api key}, {@code secret
 *       key}, {@code access token}, {@code auth token}, {@code client secret}), alone or ending a key ({@code
 *       DB_PASSWORD}), a value that is quoted, has a digit, a symbol or a mixed case: {@code password <secret>}; after {@code secret} or {@code token}
 *       alone, a value that is quoted, has a digit or is a run of 16 or more of a key's characters: {@code
 *       token: <secret>}; prose stays ({@code password is incorrect}, {@code token: unexpected EOF});
 *   <li>e-mail addresses: {@code <email>}; a user at a machine without a domain, as ssh names them:
 *       {@code <user>@<host>};
 *   <li>IPv6 addresses (with {@code ::}, or all eight groups, IPv4-mapped ones included): {@code <ip>};
 *   <li>IPv4 addresses, zero-padded ones too: {@code <ip>} (a port after them is kept);
 *   <li>the address in an EC2 host name: {@code ip-<ip>}; a name under {@code .local} (a machine's mDNS
 *       name, a company's domain) but {@code cluster.local}: {@code <host>.local};
 *   <li>any other host name under a top-level domain organizations name hosts under ({@code .com},
 *       {@code .io}, {@code .internal}, a country's, ...: {@link HostNames}), but a public host's
 *       ({@code github.com}, the container registries): {@code <host>};
 *   <li>MAC addresses: {@code <mac>};
 *   <li>payment card numbers (13 to 19 digits passing the Luhn check): {@code <card>};
 *   <li>IBANs whose check digits hold: {@code <iban>}; telephone numbers, international ({@code +} and 8
 *       to 15 digits) or North American ({@code (555) 123-4567}, {@code 555-123-4567}): {@code <phone>};
 *   <li>the user of a home directory: {@code /home/<user>}, {@code /Users/<user>}, {@code
 *       C:\Users\<user>};
 *   <li>UUIDs: {@code <uuid>};
 *   <li>hex runs of 24 digits or more: {@code <hex>};
 *   <li>base64 or base64url runs of 32 characters or more with digits and both cases, and padded
 *       base64 runs of 32 or more: {@code <token>}.
 * </ol>
 *
 * <p>A value stored under a key (an error's metadata) is judged by its key first ({@link
 * #scrubValue}): under a key that names a secret, a user or a host, the whole value goes, whatever it
 * looks like ({@code "password": "hunter2"} has nothing the rules above would see).
 *
 * <p>Best effort: text can carry something no pattern knows. Scrubbing scrubbed text changes nothing.
 */
public final class IdentifierScrubber {

  /** A pattern and its placeholder; a match {@code when} refuses (given its {@code group}) is left as it is. */
  private record Rule(Pattern pattern, String replacement, int group, Predicate<String> when) {
    Rule(Pattern pattern, String replacement) {
      this(pattern, replacement, 0, null);
    }

    Rule(Pattern pattern, String replacement, Predicate<String> when) {
      this(pattern, replacement, 0, when);
    }

    String apply(String text) {
      Matcher matcher = pattern.matcher(text);
      if (!matcher.find()) {
        return text;
      }
      return when == null ? matcher.replaceAll(replacement)
          : matcher.replaceAll(m -> when.test(m.group(group)) ? replacement : Matcher.quoteReplacement(m.group()));
    }
  }

  // Every run of characters a rule reads starts where the run does (a lookbehind) and is possessive
  // where what follows cannot be in it: each rule then reads the text once, whatever its length,
  // and no repetition of a group recurses once per repetition (a hostile "a.a.a..." overflowed the stack).
  private static final String SCHEME = "\\b(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*+://";
  private static final String HEX4 = "[0-9a-fA-F]{1,4}";
  /** An IPv4 octet, zero-padded or not ({@code 192.168.001.020} is an address too). */
  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|[01]?\\d?\\d)";
  private static final String IPV4 = "(?:" + OCTET + "\\.){3}" + OCTET;
  /** Neither a word character nor a colon or dot: what may stand around an address. */
  private static final String EDGE_BEFORE = "(?<![\\w:.])";
  private static final String EDGE_AFTER = "(?![\\w:]|\\.\\w)";

  /**
   * A value after {@code key=}: quoted (a quote never closed, as where a message was cut, runs to the
   * end), or up to a space or separator; never a placeholder.
   */
  private static final String VALUE = "(?:\"[^\"]*+\"?+|'[^']*+'?+|[^\\s,;&\"'<>]++)";
  /** A secret's value after {@code key:}: quoted as {@link #VALUE}, or up to a space or separator. */
  private static final String COLON_VALUE = "(?:\"[^\"]*+\"?+|'[^']*+'?+|(?!<)[^\\s,;&\"'<>}]++)";
  /**
   * How a secret's key ends ({@code DB_PASSWORD}, {@code aws_secret_access_key}, {@code X-Api-Key});
   * "secret" and "token" alone are words too ("secret: not found"), so before {@code :} they count
   * only after a separator ({@code GITHUB_TOKEN: ...}), while {@code key=value} and JSON take them bare.
   * {@code pass} and {@code pw} count only as a whole key or after a separator ({@code DB_PASS},
   * {@code pw:}), so that {@code bypass=true} and {@code compass=north} stay.
   */
  private static final String SECRET_KEYS = "password|passwd|passphrase|pwd|api[_-]?key|client[_-]?secret"
      + "|access[_-]?key|private[_-]?key|[_.-]pass|\\bpass|[_.-]pw|\\bpw";
  /**
   * A key read whole, possessively, from its start; the lookbehind after it then says how it must end,
   * so a prefix ({@code POSTGRES_}) costs no backtracking.
   */
  private static final String KEY = "(?<![\\w.-])[\\w.-]*+";
  /** The URL scheme of an object store, whose host part is a bucket or container: S3, GCS, Azure, OSS, R2. */
  private static final String OBJECT_STORE_SCHEME =
      "\\b(?<![a-zA-Z0-9+.-])(?:s3[an]?|gs|gcs|az|abfss?|wasbs?|oss|r2)://";
  /**
   * Words after which a quoted value names a person or an account ({@code no account 'jane.doe'}); not
   * {@code group}, whose quoted value is as often a team's or an API group's ({@code API group "apps"}).
   */
  private static final String NAMING_WORDS = "account|login|owner|member|principal|username|user|role|uid";
  /** What an AWS name may hold (IAM user, role and session names). */
  private static final String AWS_NAME = "[\\w+=,.@-]+";

  private static final List<Rule> RULES = List.of(
      // AWS errors name the account and the user or session ("User: arn:aws:iam::123456789012:user/jane").
      new Rule(Pattern.compile("(\\barn:aws[\\w-]*:[\\w-]*:[\\w-]*:)\\d{12}(?=:)"), "$1<account>"),
      new Rule(Pattern.compile("(\\barn:aws[\\w-]*:iam::[^:\\s]*:user/)[\\w+=,.@/-]*[\\w+=,.@-]"), "$1<user>"),
      new Rule(Pattern.compile("(:assumed-role/" + AWS_NAME + "/)" + AWS_NAME), "$1<session>"),
      new Rule(Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"), "<aws-key>"),
      new Rule(Pattern.compile("(" + SCHEME + ")[^\\s/@<>\"']+@"), "$1<credentials>@"),
      // The path before the query takes a colon only before a port: "a://a://..." is then read once.
      new Rule(Pattern.compile("(" + SCHEME + "[^\\s?#\"':]*+(?::\\d++)?[^\\s?#\"':]*+)\\?[^\\s#\"'<>]+"),
          "$1?<query>"),
      // An object store's bucket or container is named by its owner ("s3://acme-prod-backups/db.dump").
      new Rule(Pattern.compile("(?i)(" + OBJECT_STORE_SCHEME + ")(?!<)[^\\s/?#\"'<>@]++"),
          "$1<bucket>"),
      // Spaces around "=" too ("password = hunter2"), not a comparison ("password == confirmation").
      new Rule(Pattern.compile("(?i)(" + KEY + "(?<=" + SECRET_KEYS + "|secret|token))( *+= *+)(?!=)" + VALUE),
          "$1$2<secret>"),
      new Rule(Pattern.compile("(?i)(\"" + KEY + "(?<=" + SECRET_KEYS + "|secret|token)\"\\s*+:\\s*+)\"[^\"]*+\""),
          "$1\"<secret>\""),
      new Rule(Pattern.compile("(?i)(" + KEY + "(?<=" + SECRET_KEYS + "|[_.-]secret|[_.-]token))(\\s*+:\\s*+)"
          + COLON_VALUE), "$1$2<secret>"),
      new Rule(Pattern.compile("(?i)\\b(user|username)=" + VALUE), "$1=<user>"),
      // A database names the user it refused in quotes: for user "jdoe", role 'jdoe' does not exist; a
      // person's full name has a space in it (account "Jane Doe"), a line break ends it.
      new Rule(Pattern.compile("(?i)\\b(" + NAMING_WORDS + ") ([\"'])[^\"'\\n]++\\2"), "$1 $2<user>$2"),
      // A credential after an HTTP auth scheme: 8 or more characters with a digit, not "Basic auth".
      new Rule(Pattern.compile("(?i)\\b(Bearer|Basic|Token) +(?=[A-Za-z._~+/-]*\\d)[A-Za-z0-9._~+/-]{8,}=*"),
          "$1 <token>"),
      new Rule(Pattern.compile("(?<![\\w-])(?:[spr]k[-_](?:live|test)[-_][A-Za-z0-9]{8,}+"
          + "|sk-(?:proj-|ant-|svcacct-)?[\\w-]{20,}+"
          + "|xox[abposr]-[A-Za-z0-9-]{10,}+"
          + "|gh[pousr]_[A-Za-z0-9]{20,}+|github_pat_\\w{20,}+|glpat-[\\w-]{20,}+|AIza[\\w-]{35})"), "<token>"),
      // A JSON Web Token, signed or not: its header and its claims are JSON objects, base64url ("eyJ").
      new Rule(Pattern.compile("(?<![\\w-])eyJ[\\w-]++\\.eyJ[\\w-]++\\.[\\w-]*+"), "<token>"),
      // After the formats above, which name what they remove: "password hunter2", "token: 9f8e7d6c".
      new Rule(SecretWords.AFTER_KEY_WORD, "$1$2<secret>", 3, SecretWords::looksLikeSecret),
      new Rule(SecretWords.AFTER_WORD, "$1$2<secret>", 3, SecretWords::looksLikeCredential),
      new Rule(Pattern.compile("(?<![\\w.%+-])[\\w.%+-]++@[\\w-]+\\.[\\w-]+(?:[\\w.-]*[\\w-])?"), "<email>"),
      // As a URL or a form encodes it: jane.doe%40acme.com.
      new Rule(Pattern.compile("(?<![\\w.%+-])[\\w.+-]++%40[\\w-]+\\.[\\w-]+(?:[\\w.-]*[\\w-])?"), "<email>"),
      // A user at a machine with no domain, as ssh and scp name them ("jane@buildbox: Permission denied");
      // an image's digest (app@sha256:...) is not one.
      new Rule(Pattern.compile("(?<![\\w.%+-])[\\w.%+-]++@(?!sha\\d)[A-Za-z][\\w-]*+(?![\\w.@-])"), "<user>@<host>"),
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
      new Rule(Pattern.compile("(?<![\\w.-])(?!(?:[\\w.-]*\\.)?cluster\\.local\\b)[\\w-][\\w.-]*\\.local\\b"),
          "<host>.local"),
      // Any other host name of an organization's own: db.prod.acme-corp.com, but not api.github.com.
      new Rule(Pattern.compile(HostNames.PATTERN), "<host>", HostNames::isPrivate),
      new Rule(Pattern.compile(EDGE_BEFORE + "[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){5}" + EDGE_AFTER), "<mac>"),
      // A payment card's number: 13 to 19 digits, in groups of four or not, that pass the Luhn check.
      new Rule(Pattern.compile("(?<![\\w.-])\\d{4}(?:[ -]?\\d{4}){2}[ -]?\\d{1,7}+(?![\\w.-])"), "<card>",
          PersonalNumbers::isCard),
      // A bank account's IBAN, grouped by four or not, whose check digits hold: DE89 3704 0044 0532 0130 00.
      new Rule(Pattern.compile("(?<![\\w-])[A-Z]{2}\\d{2}(?: ?+[A-Z0-9]{4}){2,7}+(?: ?+[A-Z0-9]{1,3}+)?+(?![\\w-])"),
          "<iban>", PersonalNumbers::isIban),
      // A telephone number: international (+ and 8 to 15 digits), or North American, (555) 123-4567.
      new Rule(Pattern.compile("(?<![\\w+])\\+\\d{1,3}+(?:[ .-]?+(?:\\(\\d{1,4}+\\)|\\d{1,4}+)){2,6}+"
          + "(?![\\w(]|\\.\\d)"),
          "<phone>", PersonalNumbers::isPhone),
      new Rule(Pattern.compile("(?<![\\w.+-])(?:\\(\\d{3}\\) ?|\\d{3}[.-])\\d{3}[.-]\\d{4}(?![\\w-]|\\.\\d)"),
          "<phone>"),
      // Windows paths in any case, and with doubled backslashes as Go's %q and JSON write them; a
      // Windows profile's name may hold spaces ("C:\\Users\\Jane Doe\\"), up to the backslash after it.
      new Rule(Pattern.compile("([A-Za-z]:(?:\\\\{1,2}|/)(?i:users)\\\\{1,2})[^/\\\\\\s<>\"':]++"
          + "(?: [^/\\\\\\s<>\"':]++){1,3}+"
          + "(?=\\\\)"), "$1<user>"),
      // A user's home by name, as a shell writes it: ~jane/projects.
      new Rule(Pattern.compile("(?<![\\w.~])~[A-Za-z_][\\w.-]*+(?=/)"), "~<user>"),
      // So may a macOS or Linux home's ("/Users/Jane Doe/"), up to the slash after it.
      new Rule(Pattern.compile("(/home/|/Users/)[^/\\\\\\s<>\"':]++(?: [^/\\\\\\s<>\"':]++){1,3}+(?=/)"), "$1<user>"),
      new Rule(Pattern.compile("(/home/|/Users/|[A-Za-z]:(?:\\\\{1,2}|/)(?i:users)(?:\\\\{1,2}|/))[^/\\\\\\s<>\"':]+"),
          "$1<user>"),
      new Rule(Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"),
          "<uuid>"),
      new Rule(Pattern.compile("\\b[0-9a-fA-F]{24,}\\b"), "<hex>"),
      // Slashes split a run (Go package paths mix cases and digits too), unless it ends in padding.
      new Rule(Pattern.compile("(?<![\\w+/])[A-Za-z0-9+/]{30,}={1,2}(?![\\w+/=])"), "<token>"),
      new Rule(Pattern.compile("(?<![\\w+/-])(?=[\\w+-]*\\d)(?=[\\w+-]*[a-z])(?=[\\w+-]*[A-Z])"
          + "[A-Za-z0-9+_-]{32,}={0,2}(?![\\w+=-])"), "<token>"));

  /** What a key names once lower-cased without separators ("X-Api-Key" is "xapikey"): a part of it. */
  private static final List<String> SECRET_KEY_PARTS = List.of("password", "passwd", "passphrase", "secret",
      "apikey", "privatekey", "accesskey", "credential", "authorization", "cookie", "sessionid");
  /** Keys whose whole name is a secret's, or ends as one does ("authToken", "bearer_token"). */
  private static final List<String> SECRET_KEYS_WHOLE = List.of("pwd", "pass", "auth");
  private static final List<String> USER_KEYS = List.of("user", "username", "userid", "login", "owner");
  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^a-z0-9]");
  private static final List<String> HOST_KEYS = List.of("host", "hostname", "node", "nodename", "machine",
      "machinename", "computername", "server", "servername");

  private IdentifierScrubber() {}

  /**
   * The placeholder that replaces any value stored under {@code key}: {@code <secret>} for a key that
   * names a secret ({@code password}, {@code db.password}, {@code X-Api-Key}, {@code client_secret},
   * {@code authToken}, ...), {@code <user>} for a user's ({@code user}, {@code username}, {@code login},
   * {@code owner}), {@code <host>} for a machine's ({@code host}, {@code hostname}, {@code nodeName});
   * null for any other key, whose value is then scrubbed as text.
   */
  public static String placeholderFor(String key) {
    if (key == null) {
      return null;
    }
    String name = NOT_LETTER_OR_DIGIT.matcher(key.toLowerCase(Locale.ROOT)).replaceAll("");
    if (name.endsWith("token") || SECRET_KEYS_WHOLE.contains(name)
        || SECRET_KEY_PARTS.stream().anyMatch(name::contains)) {
      return "<secret>";
    }
    if (USER_KEYS.contains(name)) {
      return "<user>";
    }
    return HOST_KEYS.contains(name) ? "<host>" : null;
  }

  /**
   * A value stored under {@code key}: its key's placeholder ({@link #placeholderFor}) when the key
   * names a secret, a user or a host and the value is not empty, else the value scrubbed as text.
   */
  public static String scrubValue(String key, String value) {
    String placeholder = placeholderFor(key);
    return placeholder == null || value == null || value.isEmpty() ? scrub(value) : placeholder;
  }

  /**
   * The text with every identifying match replaced by its placeholder; null stays null, and text with
   * nothing to remove is returned as the same object.
   */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (Rule rule : RULES) {
      result = rule.apply(result);
    }
    return result;
  }
}
