package dev.phasekeeper.security;

/**
 * Paths whose endpoints check their callers themselves (a hook run's own token, say): the API key
 * chain lets them through. A module declares one bean of this type per pattern.
 *
 * @param pattern a path pattern such as {@code /callbacks/hook-runs/**}
 */
public record SelfAuthenticatedPath(String pattern) {

  public SelfAuthenticatedPath {
    if (pattern == null || !pattern.startsWith("/")) {
      throw new IllegalArgumentException("pattern: must start with '/', was " + pattern);
    }
  }
}
