package dev.phasekeeper.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call Phasekeeper and how much a request may carry.
 *
 * @param adminApiKey the built-in admin's API key; empty means one is generated at first start,
 *     printed once and kept in {@code <dataDir>/admin-api-key}
 * @param dataDir where generated secrets are kept ({@code admin-api-key}, {@code
 *     cockpit-admin-password}), readable by the owner only
 * @param maxBodySize the largest request body accepted outside Cockpit and the engine REST API; a
 *     larger one is answered with 413
 * @param maxJsonDepth how deeply JSON objects and arrays may nest in a request body
 */
@ConfigurationProperties("phasekeeper.security")
@Validated
public record SecurityProperties(
    @DefaultValue("") String adminApiKey,
    @DefaultValue("./data") @NotNull Path dataDir,
    @DefaultValue("1MB") @NotNull DataSize maxBodySize,
    @DefaultValue("64") @Positive int maxJsonDepth) {

  /** Whether an admin API key is configured, rather than generated. */
  public boolean adminApiKeyConfigured() {
    return adminApiKey != null && !adminApiKey.isBlank();
  }

  @Override
  public String toString() {
    return "SecurityProperties[adminApiKey="
        + (adminApiKeyConfigured() ? "[PROTECTED]" : "")
        + ", dataDir="
        + dataDir
        + ", maxBodySize="
        + maxBodySize
        + ", maxJsonDepth="
        + maxJsonDepth
        + "]";
  }
}
