package dev.phasekeeper.security;

/**
 * A further way a surface's clients send their API key, on that surface's paths only: a header
 * naming the user and a header with the user's key (Loom's {@code X-Loom-UserID} and {@code
 * X-Loom-ApiKey}). The key must belong to the user named. {@code X-Api-Key} and {@code
 * Authorization: Bearer} work everywhere. A surface declares a bean of this type.
 *
 * @param pattern the surface's paths, such as {@code /v1/loom/**}
 * @param userHeader the header that names the user
 * @param keyHeader the header that carries the key
 */
public record UserKeyHeaders(String pattern, String userHeader, String keyHeader) {

  public UserKeyHeaders {
    if (pattern == null || !pattern.startsWith("/")) {
      throw new IllegalArgumentException("pattern: must start with '/', was " + pattern);
    }
    if (userHeader == null || userHeader.isBlank() || keyHeader == null || keyHeader.isBlank()) {
      throw new IllegalArgumentException("userHeader, keyHeader: both are required");
    }
  }
}
