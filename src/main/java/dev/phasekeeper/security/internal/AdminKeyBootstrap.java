package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.SecurityProperties;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Gives the built-in admin its API key before the server takes requests: the configured {@code
 * phasekeeper.security.admin-api-key}; else the one kept in {@code <data dir>/admin-api-key}; else,
 * at first start, a new one, written there (0600) and printed once.
 */
@Component
class AdminKeyBootstrap implements InitializingBean {

  static final String FILE = "admin-api-key";

  private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

  private static final int SHORTEST_ADVISED = 32;

  private final SecurityProperties properties;
  private final ApiKeys apiKeys;

  AdminKeyBootstrap(SecurityProperties properties, ApiKeys apiKeys) {
    this.properties = properties;
    this.apiKeys = apiKeys;
  }

  @Override
  public void afterPropertiesSet() {
    if (properties.adminApiKeyConfigured()) {
      String key = properties.adminApiKey().trim();
      if (key.length() < SHORTEST_ADVISED) {
        log.warn(
            "SECURITY-003 phasekeeper.security.admin-api-key is shorter than {} characters;"
                + " use a long random key, for example from 'openssl rand -hex 32'",
            SHORTEST_ADVISED);
      }
      apiKeys.setBuiltIn(key);
      return;
    }
    Path file = properties.dataDir().resolve(FILE);
    Optional<String> stored = Secrets.read(file);
    if (stored.isPresent()) {
      apiKeys.setBuiltIn(stored.get());
    } else if (apiKeys.builtInExists()) {
      log.warn(
          "SECURITY-004 the built-in admin API key stays as it is in the database, but {}"
              + " is missing, so it cannot be shown again. Set phasekeeper.security.admin-api-key to"
              + " replace it, or copy that file from the node that generated it.",
          file.toAbsolutePath());
    } else {
      generate(file);
    }
  }

  private void generate(Path file) {
    String key = Secrets.newApiKey();
    Secrets.writeOwnerOnly(file, key);
    apiKeys.setBuiltIn(key);
    log.warn(
        Banner.of(
            "SECURITY-001 Admin API key generated (first start)",
            "X-Api-Key: " + key,
            "Kept in " + file.toAbsolutePath() + " (readable by its owner only).",
            "It is not printed again. Set phasekeeper.security.admin-api-key to choose one."));
  }
}
