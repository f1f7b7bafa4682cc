package dev.phasekeeper.security;

import dev.phasekeeper.web.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The tenant directory. */
@Service
public class Tenants {

  /** Moab: letters, digits, periods, dashes and underscores. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private final JdbcTemplate jdbc;
  private final Clock clock;

  /** A savepoint in the caller's transaction (or a transaction of its own when there is none). */
  private final TransactionTemplate savepoint;

  Tenants(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  public Optional<Tenant> findById(String id) {
    return first(
        jdbc.query(
            "select id, name from pk_tenant where id = ?",
            (rs, n) -> new Tenant(rs.getString(1), rs.getString(2)),
            id));
  }

  public Optional<Tenant> findByName(String name) {
    return first(
        jdbc.query(
            "select id, name from pk_tenant where name = ?",
            (rs, n) -> new Tenant(rs.getString(1), rs.getString(2)),
            name));
  }

  public List<Tenant> list() {
    return jdbc.query(
        "select id, name from pk_tenant order by name",
        (rs, n) -> new Tenant(rs.getString(1), rs.getString(2)));
  }

  /**
   * Finds the tenant a request names by id, name or both, creating it when it does not exist yet
   * and its name is valid.
   *
   * @throws IllegalArgumentException naming the field when the reference is invalid or
   *     contradictory
   */
  public Tenant resolveOrCreate(String id, String name) {
    if (id == null && name == null) {
      throw new IllegalArgumentException("tenant: give the tenant's name, id, or both");
    }
    Optional<Tenant> byId = id == null ? Optional.empty() : findById(id);
    Optional<Tenant> byName = name == null ? Optional.empty() : findByName(name);
    if (byId.isPresent() && byName.isPresent() && !byId.equals(byName)) {
      throw new IllegalArgumentException(
          "tenant: id '" + id + "' and name '" + name + "' refer to different tenants");
    }
    if (byId.isPresent() && name != null && byName.isEmpty()) {
      throw new IllegalArgumentException(
          "tenant: id '"
              + id
              + "' belongs to tenant '"
              + byId.get().name()
              + "', not '"
              + name
              + "'");
    }
    if (byName.isPresent() && id != null && byId.isEmpty()) {
      throw new IllegalArgumentException(
          "tenant: tenant '" + name + "' has id '" + byName.get().id() + "', not '" + id + "'");
    }
    return byId.or(() -> byName).orElseGet(() -> createOrJoin(id, name));
  }

  /**
   * Creates the tenant, or joins it when a concurrent request created it first (clients that create
   * their first services in a new tenant at once all get that one tenant). The insert runs in a
   * savepoint, so the caller's transaction survives the duplicate key. While the other request has
   * not committed yet, H2 answers with a lock timeout or a concurrent update instead; those end the
   * caller's transaction, which its caller runs again ({@code RetriedTransactions}) and which then
   * finds the tenant.
   */
  private Tenant createOrJoin(String id, String name) {
    try {
      return savepoint.execute(status -> create(id, name));
    } catch (DuplicateKeyException e) {
      return findByName(name)
          .filter(tenant -> id == null || tenant.id().equals(id))
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "tenant.id: '" + id + "' belongs to another tenant"));
    }
  }

  /**
   * Creates a tenant.
   *
   * @throws IllegalArgumentException naming the field when the name or id is invalid
   * @throws DuplicateKeyException when a tenant has that name or id already
   */
  public Tenant create(String id, String name) {
    if (name == null) {
      throw new IllegalArgumentException("tenant: no tenant has id '" + id + "'");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "tenant.name: '"
              + name
              + "' may contain only letters, digits, periods, dashes and underscores");
    }
    if (id != null && !Ids.isValid(id)) {
      throw new IllegalArgumentException("tenant.id: '" + id + "' is not a 24-character hex id");
    }
    Tenant tenant = new Tenant(id == null ? Ids.next() : id, name);
    jdbc.update(
        "insert into pk_tenant (id, name, created_at) values (?, ?, ?)",
        tenant.id(),
        tenant.name(),
        OffsetDateTime.now(clock));
    return tenant;
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.stream().findFirst();
  }
}
