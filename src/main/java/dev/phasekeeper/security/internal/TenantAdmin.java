package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.Tenant;
import dev.phasekeeper.security.Tenants;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import dev.phasekeeper.web.TransientFailures;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What admins do with tenants, beside the directory ({@link Tenants}) every module uses. */
@Service
class TenantAdmin {

  private static final String SELECT = "select id, name, created_at from pk_tenant";

  /** A tenant as admins see it. */
  record TenantView(String id, String name, OffsetDateTime created) {}

  private final JdbcTemplate jdbc;
  private final Tenants tenants;
  private final UserAccounts users;

  TenantAdmin(JdbcTemplate jdbc, Tenants tenants, UserAccounts users) {
    this.jdbc = jdbc;
    this.tenants = tenants;
    this.users = users;
  }

  Page<TenantView> page(PageRequest request) {
    Long total = jdbc.queryForObject("select count(*) from pk_tenant", Long.class);
    List<TenantView> rows =
        jdbc.query(
            SELECT + " order by name limit ? offset ?",
            (rs, n) ->
                new TenantView(
                    rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)),
            request.max(),
            request.offset());
    return Page.of(total == null ? 0 : total, rows);
  }

  TenantView get(String id) {
    return jdbc
        .query(
            SELECT + " where id = ?",
            (rs, n) ->
                new TenantView(
                    rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)),
            id)
        .stream()
        .findFirst()
        .orElseThrow(() -> AdminException.notFound("tenant", id));
  }

  @Transactional
  TenantView create(String name) {
    if (name == null || !Tenants.NAME.matcher(name).matches()) {
      throw AdminException.invalid(
          "name", "required: 1 to 200 letters, digits, '.', '_' or" + " '-'");
    }
    if (tenants.findByName(name).isPresent()) {
      throw AdminException.conflict("name: a tenant named '" + name + "' exists already");
    }
    Tenant tenant;
    try {
      tenant = tenants.create(null, name);
    } catch (RuntimeException e) {
      if (!TransientFailures.isTransient(e)) {
        throw e;
      }
      // a concurrent request created it first, or holds it uncommitted
      throw AdminException.conflict(
          "name: a tenant named '"
              + name
              + "' exists already or is"
              + " being created by another request");
    }
    return get(tenant.id());
  }

  /** Deletes a tenant that has no users and no objects left. */
  @Transactional
  void delete(String id) {
    TenantView tenant = get(id);
    long members = users.countInTenant(id);
    if (members > 0) {
      throw AdminException.conflict(
          "tenant '" + tenant.name() + "' still has " + members + " user(s); delete them first");
    }
    // pk_subject holds every service, cluster, host and job with its tenant.
    Long objects =
        jdbc.queryForObject("select count(*) from pk_subject where tenant_id = ?", Long.class, id);
    if (objects != null && objects > 0) {
      throw AdminException.conflict(
          "tenant '"
              + tenant.name()
              + "' still owns "
              + objects
              + " object(s) (services, clusters, hosts or jobs); delete them first");
    }
    jdbc.update("delete from pk_tenant where id = ?", id);
  }
}
