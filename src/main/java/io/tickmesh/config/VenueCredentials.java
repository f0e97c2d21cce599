package io.tickmesh.config;

import java.util.regex.Pattern;

/**
 * Where a venue feed's API credentials are: the names of the environment variables that hold its API key,
 * its secret and its passphrase (the fields apiKeyEnv, apiSecretEnv and apiPassphraseEnv of a
 * {@code venues.feeds} entry). The configuration holds these names only, never the secrets, so a config
 * file, dump or log shows nothing to hide; the node reads the variables when it starts.
 */
public record VenueCredentials(String keyEnv, String secretEnv, String passphraseEnv) {
  /** The fields of a feed entry, in the order of the components. */
  public static final java.util.List<String> FIELDS = java.util.List.of("apiKeyEnv", "apiSecretEnv", "apiPassphraseEnv");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /** Checks each name; an IllegalArgumentException names the field. */
  public VenueCredentials {
    String[] names = {keyEnv, secretEnv, passphraseEnv};
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null || !ENV_NAME.matcher(names[i]).matches()) {
        throw new IllegalArgumentException(FIELDS.get(i) + ": expected the name of an environment variable (A-Z a-z 0-9 _, not"
            + " starting with a digit), got " + names[i]);
      }
    }
  }

  /** The credentials of an entry's three fields; null if none is given, refused if only some are. */
  static VenueCredentials of(String keyEnv, String secretEnv, String passphraseEnv) {
    if (keyEnv == null && secretEnv == null && passphraseEnv == null) {
      return null;
    }
    if (keyEnv == null || secretEnv == null || passphraseEnv == null) {
      java.util.List<String> given = new java.util.ArrayList<>();
      String[] names = {keyEnv, secretEnv, passphraseEnv};
      for (int i = 0; i < names.length; i++) {
        if (names[i] != null) {
          given.add(FIELDS.get(i));
        }
      }
      throw new IllegalArgumentException(String.join(", ", FIELDS) + ": all three or none, got only " + String.join(" and ", given));
    }
    return new VenueCredentials(keyEnv, secretEnv, passphraseEnv);
  }
}
