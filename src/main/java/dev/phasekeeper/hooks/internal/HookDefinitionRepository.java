package dev.phasekeeper.hooks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Hook definitions in {@code pk_hook_definition}. */
@Repository
class HookDefinitionRepository {

  private static final String COLUMNS = "id, name, scope, owner_id, tenant_id, kind, hook_type,"
      + " current_phase, transition, next_phase, url, include_body, timeout_seconds, created_at,"
      + " version";

  /** A subject's own definitions, and the global ones for its kind it does not override. */
  private static final String EFFECTIVE = "((d.scope = 'subject' and d.owner_id = ?)"
      + " or (d.scope = 'global' and (d.kind = ? or d.kind = 'any') and not exists ("
      + "select 1 from pk_hook_definition o where o.scope = 'subject' and o.owner_id = ?"
      + " and o.name = d.name)))";

  private final JdbcTemplate jdbc;

  HookDefinitionRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<HookDefinition> globals() {
    return jdbc.query("select " + COLUMNS + " from pk_hook_definition where scope = 'global'"
        + " order by name", HookDefinitionRepository::row);
  }

  /**
   * The definitions that apply to a subject, in one query: its own, and the global ones for its
   * kind that no own definition of the same name overrides. Ordered by name.
   */
  List<HookDefinition> effective(String kind, String subjectId) {
    return jdbc.query("select " + COLUMNS + " from pk_hook_definition d where " + EFFECTIVE
        + " order by d.name", HookDefinitionRepository::row, subjectId, kind, subjectId);
  }

  /** {@link #effective(String, String)}, only those of one type ({@code after}, {@code before}). */
  List<HookDefinition> effective(String kind, String subjectId, String type) {
    return jdbc.query("select " + COLUMNS + " from pk_hook_definition d where d.hook_type = ?"
            + " and " + EFFECTIVE + " order by d.name", HookDefinitionRepository::row, type,
        subjectId, kind, subjectId);
  }

  /** Whether a global definition of the type exists, or one of the subject's own. */
  boolean anyOfType(String type, String subjectId) {
    return !jdbc.queryForList("select 1 from pk_hook_definition where hook_type = ? and"
        + " (scope = 'global' or (scope = 'subject' and owner_id = ?)) fetch first 1 rows only",
        Integer.class, type, subjectId).isEmpty();
  }

  List<HookDefinition> owned(String ownerId) {
    return jdbc.query("select " + COLUMNS + " from pk_hook_definition where scope = 'subject'"
        + " and owner_id = ? order by name", HookDefinitionRepository::row, ownerId);
  }

  /** The own definitions of many subjects at once (a page of a list). */
  List<HookDefinition> ownedByAny(java.util.Collection<String> ownerIds) {
    if (ownerIds.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", java.util.Collections.nCopies(ownerIds.size(), "?"));
    return jdbc.query("select " + COLUMNS + " from pk_hook_definition where scope = 'subject'"
        + " and owner_id in (" + marks + ") order by name", HookDefinitionRepository::row,
        ownerIds.toArray());
  }

  /** A global definition by id, or else by name. */
  Optional<HookDefinition> global(String idOrName) {
    List<HookDefinition> found = jdbc.query("select " + COLUMNS + " from pk_hook_definition"
            + " where scope = 'global' and (id = ? or name = ?) order by case when id = ? then 0"
            + " else 1 end", HookDefinitionRepository::row, idOrName, idOrName, idOrName);
    return found.stream().findFirst();
  }

  void insert(HookDefinition d) {
    jdbc.update("insert into pk_hook_definition (" + COLUMNS + ") values"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", d.id(), d.name(), d.scope(),
        d.ownerId(), d.tenantId(), d.kind(), d.type(), d.currentPhase(), d.transition(),
        d.nextPhase(), d.url(), d.includeBody(), d.timeoutSeconds(), d.createdAt(), d.version());
  }

  void update(HookDefinition d) {
    jdbc.update("update pk_hook_definition set name = ?, kind = ?, hook_type = ?,"
            + " current_phase = ?, transition = ?, next_phase = ?, url = ?, include_body = ?,"
            + " timeout_seconds = ?, version = version + 1 where id = ?", d.name(), d.kind(),
        d.type(), d.currentPhase(), d.transition(), d.nextPhase(), d.url(), d.includeBody(),
        d.timeoutSeconds(), d.id());
  }

  int delete(String id) {
    return jdbc.update("delete from pk_hook_definition where id = ?", id);
  }

  void deleteOwned(String ownerId) {
    jdbc.update("delete from pk_hook_definition where scope = 'subject' and owner_id = ?",
        ownerId);
  }

  private static HookDefinition row(ResultSet rs, int n) throws SQLException {
    return new HookDefinition(rs.getString("id"), rs.getString("name"), rs.getString("scope"),
        rs.getString("owner_id"), rs.getString("tenant_id"), rs.getString("kind"),
        rs.getString("hook_type"), rs.getString("current_phase"), rs.getString("transition"),
        rs.getString("next_phase"), rs.getString("url"), rs.getBoolean("include_body"),
        rs.getInt("timeout_seconds"), rs.getObject("created_at", OffsetDateTime.class),
        rs.getInt("version"));
  }
}
