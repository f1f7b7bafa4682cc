package dev.phasekeeper.hooks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Hook definitions in {@code pk_hook_definition}. */
@Repository
class HookDefinitionRepository {

  private static final String COLUMNS =
      "id, name, scope, owner_id, tenant_id, kind, hook_type,"
          + " current_phase, transition, next_phase, url, include_body, timeout_seconds, created_at,"
          + " version";

  private final JdbcTemplate jdbc;

  HookDefinitionRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<HookDefinition> globals() {
    return jdbc.query(
        "select " + COLUMNS + " from pk_hook_definition where scope = 'global'" + " order by name",
        HookDefinitionRepository::row);
  }

  /**
   * The definitions that apply to a subject: its own, and the global ones for its kind that no own
   * definition of the same name overrides. Ordered by name. Within a transaction it reads the
   * database once per subject (see {@link #relevantTo}).
   */
  List<HookDefinition> effective(String kind, String subjectId) {
    List<HookDefinition> relevant = relevantTo(subjectId);
    Set<String> ownNames =
        relevant.stream()
            .filter(d -> !d.global())
            .map(HookDefinition::name)
            .collect(Collectors.toSet());
    return relevant.stream()
        .filter(d -> !d.global() || firesFor(d, kind) && !ownNames.contains(d.name()))
        .toList();
  }

  /** {@link #effective(String, String)}, only those of one type ({@code after}, {@code before}). */
  List<HookDefinition> effective(String kind, String subjectId, String type) {
    return effective(kind, subjectId).stream().filter(d -> d.type().equals(type)).toList();
  }

  private static boolean firesFor(HookDefinition global, String kind) {
    return global.kind().equals(kind) || HookDefinition.ANY_KIND.equals(global.kind());
  }

  /** Whether a global definition of the type exists, or one of the subject's own. */
  boolean anyOfType(String type, String subjectId) {
    return relevantTo(subjectId).stream().anyMatch(d -> d.type().equals(type));
  }

  /**
   * The subject's own definitions and every global one, by name: what its phase changes consult.
   * One phase change asks twice (before hooks on entry, after hooks once entered) and one
   * transaction often makes several, so the answer is kept until the transaction ends; a write to
   * the definitions in the same transaction forgets it.
   */
  private List<HookDefinition> relevantTo(String subjectId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return queryRelevantTo(subjectId);
    }
    return transactionMemo().computeIfAbsent(subjectId, this::queryRelevantTo);
  }

  private List<HookDefinition> queryRelevantTo(String subjectId) {
    // two queries, not a union: H2 caches no plan of a union and parsed it on every phase change
    List<HookDefinition> relevant = new ArrayList<>(globals());
    relevant.addAll(owned(subjectId));
    relevant.sort(Comparator.comparing(HookDefinition::name));
    return relevant;
  }

  @SuppressWarnings("unchecked")
  private Map<String, List<HookDefinition>> transactionMemo() {
    Object bound = TransactionSynchronizationManager.getResource(this);
    if (bound != null) {
      return (Map<String, List<HookDefinition>>) bound;
    }
    Map<String, List<HookDefinition>> memo = new HashMap<>();
    TransactionSynchronizationManager.bindResource(this, memo);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(
                HookDefinitionRepository.this);
          }
        });
    return memo;
  }

  private void forgetRead() {
    if (TransactionSynchronizationManager.getResource(this) instanceof Map<?, ?> memo) {
      memo.clear();
    }
  }

  List<HookDefinition> owned(String ownerId) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from pk_hook_definition where scope = 'subject'"
            + " and owner_id = ? order by name",
        HookDefinitionRepository::row,
        ownerId);
  }

  /** The own definitions of many subjects at once (a page of a list). */
  List<HookDefinition> ownedByAny(java.util.Collection<String> ownerIds) {
    if (ownerIds.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", java.util.Collections.nCopies(ownerIds.size(), "?"));
    return jdbc.query(
        "select "
            + COLUMNS
            + " from pk_hook_definition where scope = 'subject'"
            + " and owner_id in ("
            + marks
            + ") order by name",
        HookDefinitionRepository::row,
        ownerIds.toArray());
  }

  /** A global definition by id, or else by name. */
  Optional<HookDefinition> global(String idOrName) {
    List<HookDefinition> found =
        jdbc.query(
            "select "
                + COLUMNS
                + " from pk_hook_definition"
                + " where scope = 'global' and (id = ? or name = ?) order by case when id = ? then 0"
                + " else 1 end",
            HookDefinitionRepository::row,
            idOrName,
            idOrName,
            idOrName);
    return found.stream().findFirst();
  }

  void insert(HookDefinition d) {
    forgetRead();
    jdbc.update(
        "insert into pk_hook_definition ("
            + COLUMNS
            + ") values"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        d.id(),
        d.name(),
        d.scope(),
        d.ownerId(),
        d.tenantId(),
        d.kind(),
        d.type(),
        d.currentPhase(),
        d.transition(),
        d.nextPhase(),
        d.url(),
        d.includeBody(),
        d.timeoutSeconds(),
        d.createdAt(),
        d.version());
  }

  void update(HookDefinition d) {
    forgetRead();
    jdbc.update(
        "update pk_hook_definition set name = ?, kind = ?, hook_type = ?,"
            + " current_phase = ?, transition = ?, next_phase = ?, url = ?, include_body = ?,"
            + " timeout_seconds = ?, version = version + 1 where id = ?",
        d.name(),
        d.kind(),
        d.type(),
        d.currentPhase(),
        d.transition(),
        d.nextPhase(),
        d.url(),
        d.includeBody(),
        d.timeoutSeconds(),
        d.id());
  }

  int delete(String id) {
    forgetRead();
    return jdbc.update("delete from pk_hook_definition where id = ?", id);
  }

  void deleteOwned(String ownerId) {
    forgetRead();
    jdbc.update("delete from pk_hook_definition where scope = 'subject' and owner_id = ?", ownerId);
  }

  private static HookDefinition row(ResultSet rs, int n) throws SQLException {
    return new HookDefinition(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("scope"),
        rs.getString("owner_id"),
        rs.getString("tenant_id"),
        rs.getString("kind"),
        rs.getString("hook_type"),
        rs.getString("current_phase"),
        rs.getString("transition"),
        rs.getString("next_phase"),
        rs.getString("url"),
        rs.getBoolean("include_body"),
        rs.getInt("timeout_seconds"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getInt("version"));
  }
}
