package dev.pulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierScrubberTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      IPv4 with a port          | dial tcp 10.0.0.7:9092: connect: connection refused   | dial tcp <ip>:9092: connect: connection refused
      IPv4 at the end           | no route to host 192.168.1.254.                       | no route to host <ip>.
      IPv6 compressed           | dial tcp [fe80::1ff:fe23:4567:890a]:443: timeout      | dial tcp [<ip>]:443: timeout
      IPv6 loopback             | listen on ::1 failed                                  | listen on <ip> failed
      IPv6 full                 | peer 2001:0db8:85a3:0000:0000:8a2e:0370:7334 reset    | peer <ip> reset
      IPv6 mapped IPv4          | from ::ffff:10.1.2.3 refused                          | from <ip> refused
      e-mail                    | user jane.doe+ops@example.co.uk not allowed           | user <email> not allowed
      URL credentials           | GET https://admin:s3cret@registry.example.com/v2/ 401 | GET https://<credentials>@<host>/v2/ 401
      URL query                 | GET https://api.example.com/x?token=abc&user=jane 403 | GET https://<host>/x?<query> 403
      Linux home                | open /home/jane/.kube/config: permission denied       | open /home/<user>/.kube/config: permission denied
      macOS home                | stat /Users/jdoe/Library/x: no such file              | stat /Users/<user>/Library/x: no such file
      Windows home              | open C:\\Users\\jdoe\\AppData\\x.json: denied         | open C:\\Users\\<user>\\AppData\\x.json: denied
      MAC address               | interface 00:1a:2b:3c:4d:5e down                      | interface <mac> down
      UUID                      | pod 123e4567-e89b-12d3-a456-426614174000 not found    | pod <uuid> not found
      long hex                  | bad digest 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b   | bad digest <hex>
      base64url token           | invalid token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9xyz | invalid token <token>
      padded base64             | key c2VjcmV0LWtleS1mb3ItdGhlLWNsdXN0ZXIvdjE/YWJj== bad | key <token> bad
      Windows home, lower case  | open c:\\users\\jdoe\\x.json: denied                | open c:\\users\\<user>\\x.json: denied
      Windows home, Go %q       | open "C:\\\\Users\\\\jdoe\\\\.kube": denied           | open "C:\\\\Users\\\\<user>\\\\.kube": denied
      AWS account and user      | User: arn:aws:iam::123456789012:user/ops/jane.doe is not authorized | User: arn:aws:iam::<account>:user/<user> is not authorized
      AWS assumed role session  | arn:aws:sts::123456789012:assumed-role/Operator/jane@acme.com denied | arn:aws:sts::<account>:assumed-role/Operator/<session> denied
      AWS access key id         | key AKIAIOSFODNN7EXAMPLE is disabled                   | key <aws-key> is disabled
      EKS node name             | node ip-192-168-12-34.us-west-2.compute.internal down | node ip-<ip>.us-west-2.compute.internal down
      mDNS host name            | lookup Janes-MacBook-Pro.local: no such host          | lookup <host>.local: no such host
      a company's .local name   | open \\\\fs01.acme.local\\share: denied                | open \\\\<host>.local\\share: denied
      password in a DSN         | connect host=db user=jane password='s3 cr3t' failed    | connect host=db user=<user> password=<secret> failed
      API key parameter         | bad request api_key=abcd1234; retry                   | bad request api_key=<secret>; retry
      bearer token              | sent Authorization: Bearer abc.123-xyz                | sent Authorization: Bearer <token>
      URL query after a port    | GET https://api.example.com:8443/x?token=abc 403      | GET https://<host>:8443/x?<query> 403
      e-mail ending a sentence  | mail jane@example.com.                                | mail <email>.
      AWS user with a path      | arn:aws:iam::123456789012:user/a/b/jane.doe denied    | arn:aws:iam::<account>:user/<user> denied
      .local with dashes        | dial build-01.ci.acme.local:22                        | dial <host>.local:22
      an organization's host    | dial tcp: lookup db.prod.acme-corp.com: no such host  | dial tcp: lookup <host>: no such host
      a host ending a sentence  | cannot reach vault.megabank.io.                       | cannot reach <host>.
      a host in capitals        | lookup DB.ACME.COM failed                             | lookup <host> failed
      a private registry        | pull registry.acme.internal:5000/team/app:v1 denied   | pull <host>:5000/team/app:v1 denied
      a country's domain        | acme.co.uk is down                                    | <host> is down
      an S3 bucket              | GetObject s3://acme-prod-backups/db/2026.dump: denied | GetObject s3://<bucket>/db/2026.dump: denied
      a GCS bucket, a query     | read gs://acme-ml-data/x.csv?generation=7 failed      | read gs://<bucket>/x.csv?<query> failed
      an Azure container        | write to abfss://Reports/q4 failed; retry             | write to abfss://<bucket>/q4 failed; retry
      a dotted bucket           | S3A://logs.acme.com denied                            | S3A://<bucket> denied
      a JSON password           | body {"password":"hunter2"} refused                   | body {"password":"<secret>"} refused
      a JSON access token       | {"access_token": "abc.def"}                           | {"access_token": "<secret>"}
      a password after a colon  | PASSWORD: hunter2 rejected                            | PASSWORD: <secret> rejected
      an API key header         | X-Api-Key: 9f8e7d6c5b4a39281706 rejected              | X-Api-Key: <secret> rejected
      a quoted password         | password: 'hunter2' rejected                          | password: <secret> rejected
      a quoted password, spaced | password: "hunter 2" rejected                         | password: <secret> rejected
      a quoted PASSWORD         | PASSWORD: 'a b' rejected                              | PASSWORD: <secret> rejected
      a quoted pwd              | login pwd: "s3 cr3t" failed                           | login pwd: <secret> failed
      a quoted API key header   | X-Api-Key: "9f8e 7d6c" rejected                       | X-Api-Key: <secret> rejected
      a quote left open         | login password: "s3 cr3t                              | login password: <secret>
      a quote left open after = | login password='s3                                    | login password=<secret>
      a client secret           | client_secret=abc.def-123 rejected                    | client_secret=<secret> rejected
      a Stripe key              | key sk_live_4f9a8b7c6d5e refused                      | key <token> refused
      a Slack token             | post with xoxb-1234-5678-abcdefgh failed              | post with <token> failed
      a GitHub token            | auth ghp_AbCdEfGhIjKlMnOpQrStUvWx12 bad               | auth <token> bad
      a GitLab token            | clone with glpat-abcdefghij0123456789 denied          | clone with <token> denied
      IPv4 zero-padded          | connection from 192.168.001.020 refused               | connection from <ip> refused
      a user at a bare host     | at jane@buildbox: Permission denied                   | at <user>@<host>: Permission denied
      an image's digest         | pull app@sha256:0a1b failed                           | pull app@sha256:0a1b failed
      """)
  void replacesEachKindOfIdentifierWithAPlaceholderNamingIt(String kind, String sent, String stored) {
    assertThat(IdentifierScrubber.scrub(sent)).as(kind).isEqualTo(stored);
  }

  /** What a component's error text holds in the wild, found by trying the SDK as an embedding developer would. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      an environment password   | env POSTGRES_PASSWORD=Tr0ub4dor3 invalid             | env POSTGRES_PASSWORD=<secret> invalid
      a prefixed password       | DB_PASSWORD=hunter2 failed                            | DB_PASSWORD=<secret> failed
      a prefixed token          | GITHUB_TOKEN=abc123def456 rejected                    | GITHUB_TOKEN=<secret> rejected
      a prefixed pwd            | mysql_pwd=hunter2                                     | mysql_pwd=<secret>
      a prefixed pass           | login with DB_PASS=hunter2 failed                     | login with DB_PASS=<secret> failed
      a bare pw, colon          | retry with pw:hunter2                                 | retry with pw:<secret>
      a bare pass               | pass=hunter2 refused                                  | pass=<secret> refused
      a word ending in pass     | bypass=true compass=north                             | bypass=true compass=north
      an AWS secret key         | AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG+bPxRfiCY | AWS_SECRET_ACCESS_KEY: <secret>
      a prefixed token, colon   | GITHUB_TOKEN: abc123 rejected                         | GITHUB_TOKEN: <secret> rejected
      a dotted JSON password    | {"db.password": "hunter2"}                            | {"db.password": "<secret>"}
      PostgreSQL's refusal      | password authentication failed for user "jdoe"        | password authentication failed for user "<user>"
      MySQL's refusal           | Access denied for user 'jdoe'@'db'                    | Access denied for user '<user>'@'db'
      a missing role            | role "jdoe" does not exist                            | role "<user>" does not exist
      a card number             | charge 4111 1111 1111 1111 declined                   | charge <card> declined
      a card number with dashes | card 5500-0000-0000-0004 expired                      | card <card> expired
      an OpenAI key             | key sk-proj-AbCdEfGhIjKlMnOpQrStUv refused            | key <token> refused
      a Token credential        | Authorization: Token 9f8e7d6c5b refused               | Authorization: Token <token> refused
      a Windows profile, spaced | open C:\\Users\\Jane Doe\\Documents\\x.xlsx   | open C:\\Users\\<user>\\Documents\\x.xlsx
      a macOS home, spaced      | open /Users/Jane Doe/Library/x.plist       | open /Users/<user>/Library/x.plist
      a user's home by name     | cd ~jane/projects/secret failed            | cd ~<user>/projects/secret failed
      an e-mail, URL-encoded    | GET /invite?to=jane.doe%40acme.com failed | GET /invite?to=<email> failed
      a short JWT               | token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.abc expired | token <token> expired
      a JWT without signature   | jwt eyJhbGciOiJub25lIn0.eyJzdWIiOiJqYW5lIn0. refused | jwt <token> refused
      a Linux home, spaced      | read /home/Jane Q Doe/.config/app.yaml     | read /home/<user>/.config/app.yaml
      an IBAN in groups         | refund to DE89 3704 0044 0532 0130 00 failed | refund to <iban> failed
      an IBAN as one run        | account GB82WEST12345698765432 closed      | account <iban> closed
      a short IBAN, ending      | pay NL91ABNA0417164300.                    | pay <iban>.
      an international phone    | SMS to +44 20 7946 0958 failed             | SMS to <phone> failed
      a phone with parentheses  | call +1 (555) 123-4567 now                 | call <phone> now
      a phone as one run        | SMS to +491701234567 undelivered           | SMS to <phone> undelivered
      a North American phone    | callback 555-867-5309 not reachable        | callback <phone> not reachable
      a phone with an area code | dial (212) 555-0134 busy                   | dial <phone> busy
      """)
  void replacesIdentifiersThatComponentsReallyWrite(String kind, String sent, String stored) {
    assertThat(IdentifierScrubber.scrub(sent)).as(kind).isEqualTo(stored);
    assertThat(IdentifierScrubber.scrub(stored)).as(kind + ", twice").isEqualTo(stored);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a number failing Luhn     | sequence 1234 5678 9012 3456 out of order
      a date and a count        | batch 20261206 12345678 rows
      a password file's path    | PASSWORD_FILE=/run/secrets/db missing
      a count of tokens         | max_tokens=4096 exceeded
      a time of day             | deadline at 12:34:56 exceeded
      a version                 | unsupported version v1.2.3 (want 1.4)
      a Go package path         | github.com/otterize/intents-operator/src/operator/controllers/KafkaACLReconciler2 failed
      a C++ scope               | std::runtime_error thrown
      a short hex id            | object 5d8f9c7b6 is gone
      a lowercase pod name      | pod intents-operator-controller-manager-5d8f9c7b6-x2k4p restarting
      a duration                | context deadline exceeded after 30.5s
      a root path               | open /etc/otterize/config.yaml: no such file
      a cluster service name    | dial kafka.kafka-ns.svc.cluster.local:9092 refused
      an ARN's role             | assume arn:aws:iam::role/OtterizeOperator failed
      words after Basic         | Basic authentication is not enabled
      a token's absence         | no Bearer token in the request
      a secret's absence        | secret: not found in namespace
      words about tokens        | the token: expired, 3 passwords: tried
      a test flag               | skip-live-tests is on
      a public host             | Post "https://api.github.com/repos/x": i/o timeout
      a public registry         | pull ghcr.io/otterize/agent:v2 and registry-1.docker.io/library/nginx failed
      a Go module host          | golang.org/x/net/http2: stream closed
      a Kubernetes service      | dial kube-dns.kube-system.svc:53 refused
      an HTTP service's URL     | Post "http://intents-operator-webhook:9443/validate": EOF
      a Java class              | java.io.IOException: Broken pipe at com.example.Main.run(Main.java:42)
      file names                | run main.py, see README.md and config.yaml; log.info failed
      an IBAN's shape, no IBAN  | ref DE00 3704 0044 0532 0130 00 unknown
      a signed count            | offset +12345678 rows behind
      a time zone               | at 2026-12-07T10:00:00+01:00 started
      a short signed number     | moved +1 2 3 places
      a version after a plus    | built +1.22.333 from source
      a date                    | expired on 2026-12-07 at noon
      """)
  void leavesTextThatIdentifiesNobodyAlone(String kind, String text) {
    assertThat(IdentifierScrubber.scrub(text)).as(kind).isEqualTo(text);
  }

  @Test
  void scrubbingScrubbedTextChangesNothing() {
    String once = IdentifierScrubber.scrub(
        "dial tcp 10.0.0.7:9092 as jane@example.com from /home/jane via https://u:p@h.example/x?y=1");
    assertThat(IdentifierScrubber.scrub(once)).isEqualTo(once);
    assertThat(once).doesNotContain("10.0.0.7", "jane", "u:p", "y=1");
  }

  @Test
  void scrubbingTheNewerKindsTwiceChangesNothingEither() {
    String once = IdentifierScrubber.scrub("arn:aws:sts::123456789012:assumed-role/R/jane key AKIAIOSFODNN7EXAMPLE"
        + " user=jane password=\"p w\" pwd: 'p w' Bearer abc12345 node ip-10-1-2-3 Janes-Mac.local fs01.acme.local c:\\\\users\\\\jane\\\\x");
    assertThat(IdentifierScrubber.scrub(once)).isEqualTo(once);
    assertThat(once).doesNotContain("123456789012", "jane", "AKIA", "p w", "abc12345", "10-1-2-3", "Janes", "acme");
  }

  /**
   * Text a client may send on purpose, 8 KiB of one repeated unit: each rule reads it once, so it is
   * scrubbed on a thread with a small stack (once "a." took a stack frame per repetition and
   * overflowed it, and "a" took a rule a quadratic number of steps).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a.         | a.
      x@a.       | <email>@
      a://       | a://
      s3://      | s3://
      s3://a/    | s3://<bucket>/
      12.        | 12.
      a-         | a-
      arn:aws:iam::123456789012:user/ | arn:aws:iam::<account>:user/<user>
      pwd: '     | pwd: <secret>
      pwd: "a    | pwd: <secret>
      a_         | a_
      '4111 1111 1111 1111 ' | <card>
      user "a"   | user "<user>"
      a.a.co.    | <host>.
      '+1 '      | +1
      'DE89 '    | DE89
      '(555) 1-' | (555) 1
      'password a1.' | password <secret>
      token: "   | token: <secret>
      'account "a" ' | account "<user>"
      """)
  void aLongRepetitionOfOneUnitIsScrubbedOnASmallStack(String unit, String scrubbedStart) throws Exception {
    String text = unit.repeat(8192 / unit.length());
    String[] scrubbed = new String[1];
    Throwable[] failure = new Throwable[1];
    Thread small = new Thread(null, () -> {
      try {
        scrubbed[0] = IdentifierScrubber.scrub(text);
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join();

    assertThat(failure[0]).as(unit).isNull();
    assertThat(scrubbed[0]).startsWith(scrubbedStart);
  }

  @Test
  void textWithNothingToRemoveIsReturnedAsItIs() {
    String text = "deadline at 12:34:56 exceeded";
    assertThat(IdentifierScrubber.scrub(text)).isSameAs(text);
    assertThat(IdentifierScrubber.scrub(null)).isNull();
  }

  /** A password has no shape the text rules could see: its key says what it is. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      password      | hunter2             | <secret>
      db.password   | hunter2             | <secret>
      X-Api-Key     | 9f8e7d6c            | <secret>
      client_secret | abc                 | <secret>
      authToken     | abc                 | <secret>
      token         | abc                 | <secret>
      Cookie        | sid=1               | <secret>
      pwd           | x                   | <secret>
      username      | jane                | <user>
      owner         | jane                | <user>
      hostname      | janes-laptop        | <host>
      nodeName      | worker-7            | <host>
      node          | db-prod-01          | <host>
      server        | buildbox            | <host>
      peer          | jane@example.com    | <email>
      level         | WARN                | WARN
      max_tokens    | 4096                | 4096
      """)
  void aValueUnderAKeyNamingASecretAUserOrAHostGoesWhole(String key, String value, String stored) {
    assertThat(IdentifierScrubber.scrubValue(key, value)).isEqualTo(stored);
    assertThat(IdentifierScrubber.scrubValue(key, stored)).as("scrubbed twice").isEqualTo(stored);
  }

  @Test
  void anEmptyValueUnderASecretsKeyStaysEmpty() {
    assertThat(IdentifierScrubber.scrubValue("password", "")).isEmpty();
    assertThat(IdentifierScrubber.scrubValue("password", null)).isNull();
    assertThat(IdentifierScrubber.placeholderFor(null)).isNull();
  }
}
