package dev.phasekeeper.security;

import org.springframework.http.HttpMethod;

/**
 * A request that only admins may make, beside {@code /admin/**} and actuator endpoints. A module
 * declares one bean of this type per rule (global hook definitions, host credentials, pools); a
 * user's key then gets 403 there.
 *
 * @param method the HTTP method, or {@code null} for every method
 * @param pattern a path pattern such as {@code /api/v0/hosts/{id}/creds} or {@code /v2/pools/**}
 */
public record AdminOnlyPath(HttpMethod method, String pattern) {

  public AdminOnlyPath {
    if (pattern == null || !pattern.startsWith("/")) {
      throw new IllegalArgumentException("pattern: must start with '/', was " + pattern);
    }
  }

  public static AdminOnlyPath any(String pattern) {
    return new AdminOnlyPath(null, pattern);
  }

  public static AdminOnlyPath of(HttpMethod method, String pattern) {
    return new AdminOnlyPath(method, pattern);
  }
}
