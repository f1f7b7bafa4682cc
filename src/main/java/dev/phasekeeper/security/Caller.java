package dev.phasekeeper.security;

/**
 * Who is making a request.
 *
 * @param tenantId the caller's tenant; {@code null} for an admin, who sees every tenant
 */
public record Caller(String name, String tenantId, boolean admin) {

  /** Whether the caller may see and change an object of the given tenant. */
  public boolean canAccess(String objectTenantId) {
    return admin || (tenantId != null && tenantId.equals(objectTenantId));
  }
}
