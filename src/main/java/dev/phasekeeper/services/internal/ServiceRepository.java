package dev.phasekeeper.services.internal;

import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.lifecycle.SubjectKind;
import dev.phasekeeper.security.Tenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Rows of {@code pk_service} and {@code pk_service_dependency}. */
@Repository
class ServiceRepository {

  static final String FROM =
      " from pk_service v join pk_subject s on s.id = v.id"
          + " left join pk_tenant t on t.id = v.tenant_id";
  private static final String COLUMNS =
      "v.id, v.name, v.type, v.label, v.user_name, v.account,"
          + " v.tenant_id, v.status, v.status_code, v.parent_id, v.parent_name, v.root_id,"
          + " v.start_date_requested, v.start_date_scheduled, v.duration_requested, v.attributes,"
          + " v.steps_completed, v.included_services, v.service_template, v.date_created,"
          + " v.last_updated, v.date_deleted, v.version";

  private final JdbcTemplate jdbc;

  ServiceRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ServiceRecord r, String baseName, int sequence) {
    jdbc.update(
        "insert into pk_service (id, name, base_name, name_seq, type, label, user_name,"
            + " account, tenant_id, status, status_code, parent_id, parent_name, root_id,"
            + " start_date_requested, start_date_scheduled, duration_requested, attributes,"
            + " steps_completed, included_services, service_template, date_created, last_updated,"
            + " version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)",
        r.id(),
        r.name(),
        baseName,
        sequence,
        r.type(),
        r.label(),
        r.user(),
        r.account(),
        r.tenantId(),
        r.status(),
        r.statusCode(),
        r.parentId(),
        r.parentName(),
        r.rootId(),
        r.startDateRequested(),
        r.startDateScheduled(),
        r.durationRequested(),
        r.attributes(),
        r.stepsCompleted(),
        r.includedServices(),
        r.serviceTemplate(),
        r.dateCreated(),
        r.lastUpdated(),
        r.version());
  }

  /** Locks the service's row until the transaction ends. */
  void lockRow(String id) {
    jdbc.queryForList("select id from pk_service where id = ? for update", String.class, id);
  }

  /**
   * Takes the next number of a base name. Call it in a short transaction of its own: the counter's
   * row stays locked until that transaction ends. A base name's first number follows the services
   * that have it already.
   */
  int takeNumber(String baseName) {
    if (jdbc.update(
            "update pk_service_name_seq set last_seq = last_seq + 1 where base_name = ?", baseName)
        == 0) {
      jdbc.update(
          "insert into pk_service_name_seq (base_name, last_seq) select ?,"
              + " coalesce(max(name_seq), 0) + 1 from pk_service where base_name = ?",
          baseName,
          baseName);
    }
    return jdbc.queryForObject(
        "select last_seq from pk_service_name_seq where base_name = ?", Integer.class, baseName);
  }

  Optional<ServiceRecord> findById(String id) {
    return first(jdbc.query("select " + COLUMNS + FROM + " where v.id = ?", this::row, id));
  }

  /**
   * Where a service sits in its family: its container and its root (itself when top-level), and
   * whether it has dependency edges either way (a container depends on each of its children, so a
   * container has dependencies).
   */
  record Placement(String parentId, String rootId, boolean hasDependencies, boolean hasDependants) {

    /** No container, no children, no dependencies, no dependants: no gate ever waits. */
    boolean alone() {
      return parentId == null && !hasDependencies && !hasDependants;
    }
  }

  /** The service's placement, in one statement and without reading the rest of the service. */
  Optional<Placement> placement(String id) {
    return first(
        jdbc.query(
            "select v.parent_id, v.root_id,"
                + " exists (select 1 from pk_service_dependency d where d.service_id = v.id),"
                + " exists (select 1 from pk_service_dependency d where d.depends_on_id = v.id)"
                + " from pk_service v where v.id = ?",
            (rs, n) ->
                new Placement(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)),
            id));
  }

  /** The service's type, without reading the rest of the service. */
  Optional<String> type(String id) {
    return first(jdbc.queryForList("select type from pk_service where id = ?", String.class, id));
  }

  Optional<ServiceRecord> findByName(String name) {
    return first(jdbc.query("select " + COLUMNS + FROM + " where v.name = ?", this::row, name));
  }

  /** The newest live service with this base name (the name before its {@code .N} suffix). */
  Optional<ServiceRecord> findNewestByBaseName(String baseName, String tenantId) {
    return first(
        jdbc.query(
            "select "
                + COLUMNS
                + FROM
                + " where v.base_name = ? and"
                + " v.tenant_id = ? and v.date_deleted is null order by v.name_seq desc",
            this::row,
            baseName,
            tenantId));
  }

  /** Live services with this base name in any tenant, newest first. */
  List<ServiceRecord> findLiveByBaseName(String baseName) {
    return jdbc.query(
        "select "
            + COLUMNS
            + FROM
            + " where v.base_name = ? and"
            + " v.date_deleted is null order by v.name_seq desc",
        this::row,
        baseName);
  }

  Optional<ServiceRecord> findByVm(String vmId) {
    return first(
        jdbc.query(
            "select "
                + COLUMNS
                + FROM
                + " where v.type = 'vm' and"
                + " v.date_deleted is null and pk_json_text(v.attributes, 'vmId') = ?"
                + " order by v.date_created",
            this::row,
            vmId));
  }

  List<ServiceRecord> children(String parentId) {
    return jdbc.query(
        "select "
            + COLUMNS
            + FROM
            + " where v.parent_id = ? and"
            + " v.date_deleted is null order by v.date_created, v.id",
        this::row,
        parentId);
  }

  /** Ids of the live services a container includes, in the order of {@link #children}. */
  List<String> childIds(String parentId) {
    return jdbc.queryForList(
        "select id from pk_service where parent_id = ? and"
            + " date_deleted is null order by date_created, id",
        String.class,
        parentId);
  }

  /** A page of live services with their phase and tenant, in one query. */
  List<ListedService> query(
      String where, List<Object> params, String orderBy, int max, int offset) {
    List<Object> all = new ArrayList<>(params);
    all.add(max);
    all.add(offset);
    return jdbc.query(
        "select "
            + COLUMNS
            + ", s.kind, s.tenant_id, s.phase, s.phase_entered_at,"
            + " s.phase_reason, s.process_instance_id, s.version, t.id, t.name"
            + FROM
            + " where v.date_deleted is null and ("
            + where
            + ") order by "
            + orderBy
            + " limit ? offset ?",
        (rs, n) ->
            new ListedService(
                row(rs, n),
                new Subject(
                    rs.getString(1),
                    SubjectKind.fromId(rs.getString(24)),
                    rs.getString(25),
                    rs.getString(26),
                    rs.getObject(27, OffsetDateTime.class),
                    rs.getString(28),
                    rs.getString(29),
                    rs.getInt(30)),
                rs.getString(31) == null ? null : new Tenant(rs.getString(31), rs.getString(32))),
        all.toArray());
  }

  /** A service as a list shows it: with its phase and its tenant. */
  record ListedService(ServiceRecord service, Subject subject, Tenant tenant) {}

  long count(String where, List<Object> params) {
    Long count =
        jdbc.queryForObject(
            "select count(*)" + FROM + " where v.date_deleted is null and (" + where + ")",
            Long.class,
            params.toArray());
    return count == null ? 0 : count;
  }

  /**
   * Writes what modifications and scripts change (label, status, statusCode, attributes,
   * stepsCompleted) if the service is still at the version it was read at; nothing else.
   *
   * @return false when another write changed the service since it was read
   */
  boolean updateState(ServiceRecord r, OffsetDateTime now) {
    return jdbc.update(
            "update pk_service set label = ?, status = ?, status_code = ?,"
                + " attributes = ?, steps_completed = ?, last_updated = ?, version = version + 1"
                + " where id = ? and version = ?",
            r.label(),
            r.status(),
            r.statusCode(),
            r.attributes(),
            r.stepsCompleted(),
            now,
            r.id(),
            r.version())
        == 1;
  }

  /**
   * Writes where the service sits (container, family, tenant) if the service is still at the
   * version it was read at; nothing else.
   *
   * @return false when another write changed the service since it was read
   */
  boolean updatePlacement(ServiceRecord r, OffsetDateTime now) {
    return jdbc.update(
            "update pk_service set tenant_id = ?, parent_id = ?, parent_name = ?,"
                + " root_id = ?, last_updated = ?, version = version + 1 where id = ? and version = ?",
            r.tenantId(),
            r.parentId(),
            r.parentName(),
            r.rootId(),
            now,
            r.id(),
            r.version())
        == 1;
  }

  void markDeleted(String id, OffsetDateTime now) {
    jdbc.update(
        "update pk_service set date_deleted = ?, last_updated = ?, version = version + 1"
            + " where id = ?",
        now,
        now,
        id);
  }

  void addDependency(String serviceId, String dependsOnId, boolean explicit) {
    jdbc.update(
        "insert into pk_service_dependency (service_id, depends_on_id, explicit)"
            + " values (?, ?, ?)",
        serviceId,
        dependsOnId,
        explicit);
  }

  /** Ids of the services {@code serviceId} depends on (explicit ones and its children). */
  List<String> dependencies(String serviceId) {
    return jdbc.queryForList(
        "select depends_on_id from pk_service_dependency" + " where service_id = ?",
        String.class,
        serviceId);
  }

  /** Ids of the live services that depend on {@code serviceId}, explicitly or as its container. */
  List<String> dependants(String serviceId, boolean explicitOnly) {
    return jdbc.queryForList(
        "select d.service_id from pk_service_dependency d"
            + " join pk_service v on v.id = d.service_id where d.depends_on_id = ?"
            + " and v.date_deleted is null"
            + (explicitOnly ? " and d.explicit = true" : ""),
        String.class,
        serviceId);
  }

  /** How many of the given services are not in the given phase. */
  long countNotInPhase(List<String> ids, String phase) {
    if (ids.isEmpty()) {
      return 0;
    }
    String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
    List<Object> params = new ArrayList<>(ids);
    params.add(phase);
    Long count =
        jdbc.queryForObject(
            "select count(*) from pk_subject where id in ("
                + marks
                + ") and (phase is null or phase <> ?)",
            Long.class,
            params.toArray());
    return count == null ? 0 : count;
  }

  private ServiceRecord row(ResultSet rs, int n) throws SQLException {
    return new ServiceRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        (Long) rs.getObject(9, Long.class),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getObject(13, OffsetDateTime.class),
        rs.getObject(14, OffsetDateTime.class),
        (Long) rs.getObject(15, Long.class),
        rs.getString(16),
        rs.getString(17),
        rs.getString(18),
        rs.getString(19),
        rs.getObject(20, OffsetDateTime.class),
        rs.getObject(21, OffsetDateTime.class),
        rs.getObject(22, OffsetDateTime.class),
        rs.getInt(23));
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.stream().findFirst();
  }
}
