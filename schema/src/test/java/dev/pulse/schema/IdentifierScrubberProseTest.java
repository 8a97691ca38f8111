package dev.pulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secrets and names written in prose, after a word rather than as {@code key=value}. */
class IdentifierScrubberProseTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      a password after a space         | login with password hunter2 failed   | login with password <secret> failed
      a passwd after a space           | passwd hunter2 rejected              | passwd <secret> rejected
      a quoted password after a space  | with password "hunter2"              | with password <secret>
      a quoted password with a space   | with password 'hunter 2' refused     | with password <secret> refused
      a password ending a sentence     | rejected password hunter2.           | rejected password <secret>.
      a passphrase with a symbol       | passphrase correct#horse refused     | passphrase <secret> refused
      a pwd in mixed case              | pwd hunTer rejected                  | pwd <secret> rejected
      an API key after a space         | api key sk_abc123XYZ rejected        | api key <secret> rejected
      an apikey in mixed case          | apikey abcXYZ rejected               | apikey <secret> rejected
      an API key after a colon         | API key: abc123 rejected             | API key: <secret> rejected
      a secret key                     | secret key wJalrXUtnFEMI rejected    | secret key <secret> rejected
      an access token                  | access token abc_def rejected        | access token <secret> rejected
      an auth token                    | auth token 12ab rejected             | auth token <secret> rejected
      a client secret                  | client secret Xyz!abc rejected       | client secret <secret> rejected
      a passphrase after =             | passphrase=correcthorse              | passphrase=<secret>
      a passphrase after a colon       | passphrase: correcthorse             | passphrase: <secret>
      a prefixed key after a space     | DB_PASSWORD hunter2 rejected         | DB_PASSWORD <secret> rejected
      a dotted key after a space       | app.secret s3cr3t leaked             | app.secret <secret> leaked
      a header's name after a space    | X-Api-Key abc123 refused             | X-Api-Key <secret> refused
      a password, spaces around =      | password = hunter rejected           | password = <secret> rejected
      a prefixed key, spaces around =  | DB_PASSWORD = "a b"                  | DB_PASSWORD = <secret>
      a token, a space before =        | token =abc                           | token =<secret>
      a token with a digit             | token abc123 rejected                | token <secret> rejected
      a quoted token                   | token "abc" rejected                 | token <secret> rejected
      a secret with a digit            | secret s3cr3t leaked                 | secret <secret> leaked
      a bare token after a colon       | token: 9f8e7d6c rejected             | token: <secret> rejected
      a bare TOKEN, no space           | TOKEN:abc123                         | TOKEN:<secret>
      a bare secret, long run          | secret: abcdefghijklmnopqrst         | secret: <secret>
      a bare secret, quoted            | secret: 'x y' leaked                 | secret: <secret> leaked
      """)
  void removesASecretAfterAWordThatNamesIt(String kind, String sent, String stored) {
    assertThat(IdentifierScrubber.scrub(sent)).as(kind).isEqualTo(stored);
    assertThat(IdentifierScrubber.scrub(stored)).as(kind + ", twice").isEqualTo(stored);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      a wrong password                 | password is incorrect
      a password's rule                | password must be at least 8 characters
      a refusal naming a placeholder   | invalid password for user <user>
      an expired token                 | token expired
      a missing secret                 | secret not found
      a failed refresh                 | token refresh failed
      a secret's name after named      | the secret named db-creds was not found
      a secret's lower-case name       | secret db-creds not found
      Kubernetes' missing secrets      | secrets "db-creds" not found
      a parser's unexpected token      | Unexpected token } in JSON
      a token's colon then words       | token: unexpected EOF
      a secret's colon then words      | secret: not found
      a missing API key                | api key missing
      a shell's pwd flag               | run pwd -P first
      a path after pwd                 | pwd /srv/app failed
      a password with =, spaced        | expected password == confirmation
      a key naming a secret's file     | DB_PASSWORD_FILE /run/pulse/db unreadable
      a word inside a longer word      | mytoken 12 ignored
      """)
  void leavesProseAboutSecretsAlone(String kind, String text) {
    assertThat(IdentifierScrubber.scrub(text)).as(kind).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      a missing account                | no account 'jane.doe'                | no account '<user>'
      a login with a domain            | login 'jane.doe@corp' refused        | login '<user>' refused
      an owner                         | owner 'jane' may not                 | owner '<user>' may not
      an account in double quotes      | account "jane.doe" locked            | account "<user>" locked
      a member                         | member "jdoe" removed                | member "<user>" removed
      a Kerberos principal             | principal "jdoe@CORP" unknown        | principal "<user>" unknown
      a username                       | username 'jdoe' taken                | username '<user>' taken
      a uid                            | uid "1001" unknown                   | uid "<user>" unknown
      a user, as before                | user "jdoe" not found                | user "<user>" not found
      a full name with a space         | account "Jane Doe" locked            | account "<user>" locked
      two names, each in its quotes    | user "a b" and role 'c' refused      | user "<user>" and role '<user>' refused
      """)
  void replacesANameQuotedAfterAWordForAPersonOrAccount(String kind, String sent, String stored) {
    assertThat(IdentifierScrubber.scrub(sent)).as(kind).isEqualTo(stored);
    assertThat(IdentifierScrubber.scrub(stored)).as(kind + ", twice").isEqualTo(stored);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      an API group                     | cannot list pods in API group "apps"
      a quoted resource                | resource "pods" is forbidden
      a host without a domain          | connect to build-box-7 failed
      """)
  void leavesOtherQuotedNamesAlone(String kind, String text) {
    assertThat(IdentifierScrubber.scrub(text)).as(kind).isEqualTo(text);
  }
}
