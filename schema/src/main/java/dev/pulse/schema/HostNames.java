package dev.pulse.schema;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which host names in free text {@link IdentifierScrubber} removes: a dotted name that ends in a
 * top-level domain organizations name their hosts under ({@code db.prod.acme-corp.com},
 * {@code vault.megabank.io}, {@code registry.acme.internal}) names the organization, and goes. A public
 * host every user of the components reaches alike (GitHub, the container registries, Go's module
 * hosts, the vendor's own) says nothing about who sent the text, and stays, as does a Kubernetes name
 * ({@code kube-dns.kube-system.svc}), whose last label is no such domain.
 *
 * <p>Top-level domains that are also common file endings ({@code .py}, {@code .sh}, {@code .md},
 * {@code .rs}, {@code .pl}, {@code .so}, {@code .cc}, {@code .cs}) and {@code .info} ({@code log.info})
 * are left out, so that {@code main.py} is not taken for a host: a name under them is kept.
 */
final class HostNames {

  /** The top-level domains a removed name ends in. */
  static final List<String> DOMAINS = List.of(
      "com", "net", "org", "io", "co", "biz", "cloud", "app", "dev", "ai", "tech", "online", "site", "xyz",
      "me", "us", "eu", "gov", "edu", "internal", "intranet", "corp", "lan", "home", "private",
      "de", "uk", "fr", "nl", "be", "ch", "at", "se", "no", "dk", "fi", "es", "it", "pt", "ie", "cz", "ru", "ua",
      "cn", "jp", "kr", "tw", "hk", "sg", "in", "br", "ar", "mx", "au", "nz", "za", "il", "tr", "gr", "hu",
      "ro", "ca");

  /** Public hosts, kept with their subdomains. */
  private static final Set<String> PUBLIC = Set.of(
      "github.com", "githubusercontent.com", "gitlab.com", "bitbucket.org", "golang.org", "gopkg.in",
      "go.uber.org", "k8s.io", "docker.io", "docker.com", "ghcr.io", "quay.io", "gcr.io", "otterize.com");

  /**
   * A run of dotted labels, read whole from its start and possessively (a hostile "a.a.a..." costs one
   * pass and no recursion), that ends in one of {@link #DOMAINS}.
   */
  static final String PATTERN = "(?i)(?<![\\w.-])[a-z0-9-]++(?:\\.[a-z0-9-]++)++(?<=\\.(?:"
      + String.join("|", DOMAINS) + "))(?![\\w-])";

  private HostNames() {}

  /** Whether {@code name} (a match of {@link #PATTERN}) names a host of its own, not a public one. */
  static boolean isPrivate(String name) {
    String host = name.toLowerCase(Locale.ROOT);
    for (int dot = -1; ; dot = host.indexOf('.', dot + 1)) {
      if (PUBLIC.contains(host.substring(dot + 1))) {
        return false;
      }
      if (host.indexOf('.', dot + 1) < 0) {
        return true;
      }
    }
  }
}
