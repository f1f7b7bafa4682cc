package dev.phasekeeper.security;

/**
 * A query parameter with which an admin (an application account) acts as a named user of one
 * tenant, on a surface's paths (Moab's {@code proxy-user}). A surface declares a bean of this type;
 * anyone else sending the parameter there gets 403.
 *
 * @param pattern the surface's paths, such as {@code /mws/**}
 * @param name the query parameter, such as {@code proxy-user}
 */
public record ProxyUserParameter(String pattern, String name) {

  public ProxyUserParameter {
    if (pattern == null || !pattern.startsWith("/")) {
      throw new IllegalArgumentException("pattern: must start with '/', was " + pattern);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: required");
    }
  }
}
