package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.Tenant;
import dev.phasekeeper.security.Tenants;
import dev.phasekeeper.web.Ids;
import dev.phasekeeper.web.Page;
import dev.phasekeeper.web.PageRequest;
import dev.phasekeeper.web.TransientFailures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The users (pk_user): the built-in admin, further admins, and users of one tenant each. */
@Service
class UserAccounts {

  /** The built-in admin, created by V3__security.sql; it cannot be deleted. */
  static final String BUILT_IN_ADMIN_ID = "000000000000000000000001";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,200}");

  private static final String SELECT =
      "select u.id, u.name, u.role, u.tenant_id, t.name,"
          + " u.created_at from pk_user u left join pk_tenant t on t.id = u.tenant_id";

  /** A user as admins see it. */
  record User(
      String id, String name, Role role, String tenantId, String tenant, OffsetDateTime created) {}

  private final JdbcTemplate jdbc;
  private final Tenants tenants;
  private final Clock clock;

  UserAccounts(JdbcTemplate jdbc, Tenants tenants, Clock clock) {
    this.jdbc = jdbc;
    this.tenants = tenants;
    this.clock = clock;
  }

  Optional<User> findById(String id) {
    return jdbc.query(SELECT + " where u.id = ?", UserAccounts::user, id).stream().findFirst();
  }

  Optional<User> findByName(String name) {
    return jdbc.query(SELECT + " where u.name = ?", UserAccounts::user, name).stream().findFirst();
  }

  /** By id, or else by name: how requests refer to a user. */
  Optional<User> find(String idOrName) {
    return findById(idOrName).or(() -> findByName(idOrName));
  }

  User get(String id) {
    return findById(id).orElseThrow(() -> AdminException.notFound("user", id));
  }

  Page<User> page(PageRequest request) {
    Long total = jdbc.queryForObject("select count(*) from pk_user", Long.class);
    List<User> users =
        jdbc.query(
            SELECT + " order by u.name limit ? offset ?",
            UserAccounts::user,
            request.max(),
            request.offset());
    return Page.of(total == null ? 0 : total, users);
  }

  /**
   * Creates a user. A user belongs to the tenant named (by name or id); an admin to none.
   *
   * @throws AdminException naming the field that is missing or wrong, or 409 when the name is taken
   */
  @Transactional
  User create(String name, String roleName, String tenantRef) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw AdminException.invalid(
          "name", "required: 1 to 200 letters, digits, '.', '_', '@'" + " or '-'");
    }
    if (roleName == null || roleName.isBlank()) {
      throw AdminException.invalid("role", "required: admin or user");
    }
    Role role = Role.of(roleName);
    Tenant tenant = tenant(role, tenantRef);
    if (findByName(name).isPresent()) {
      throw AdminException.conflict("name: a user named '" + name + "' exists already");
    }
    String id = Ids.next();
    try {
      jdbc.update(
          "insert into pk_user (id, name, role, tenant_id, created_at)" + " values (?, ?, ?, ?, ?)",
          id,
          name,
          role.value(),
          tenant == null ? null : tenant.id(),
          OffsetDateTime.now(clock));
    } catch (RuntimeException e) {
      if (!TransientFailures.isTransient(e)) {
        throw e;
      }
      // a concurrent request created it first, or holds it uncommitted
      throw AdminException.conflict(
          "name: a user named '"
              + name
              + "' exists already or is"
              + " being created by another request");
    }
    return get(id);
  }

  /** Deletes a user and its API keys. */
  @Transactional
  void delete(String id) {
    if (BUILT_IN_ADMIN_ID.equals(id)) {
      throw AdminException.conflict(
          "the built-in admin cannot be deleted; its key is set with"
              + " phasekeeper.security.admin-api-key");
    }
    if (jdbc.update("delete from pk_user where id = ?", id) == 0) {
      throw AdminException.notFound("user", id);
    }
  }

  long countInTenant(String tenantId) {
    Long count =
        jdbc.queryForObject(
            "select count(*) from pk_user where tenant_id = ?", Long.class, tenantId);
    return count == null ? 0 : count;
  }

  private Tenant tenant(Role role, String tenantRef) {
    boolean named = tenantRef != null && !tenantRef.isBlank();
    if (role == Role.ADMIN) {
      if (named) {
        throw AdminException.invalid(
            "tenant", "an admin sees every tenant and belongs to none;" + " leave tenant out");
      }
      return null;
    }
    if (!named) {
      throw AdminException.invalid("tenant", "required for role user: the tenant's name or id");
    }
    return tenants
        .findById(tenantRef)
        .or(() -> tenants.findByName(tenantRef))
        .orElseThrow(
            () ->
                AdminException.invalid(
                    "tenant",
                    "no tenant has the name or id '"
                        + tenantRef
                        + "'; create it at /admin/tenants first"));
  }

  private static User user(ResultSet rs, int row) throws SQLException {
    return new User(
        rs.getString(1),
        rs.getString(2),
        Role.stored(rs.getString(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getObject(6, OffsetDateTime.class));
  }
}
