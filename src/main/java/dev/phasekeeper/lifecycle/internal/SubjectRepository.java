package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.PhaseHistoryEntry;
import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.lifecycle.SubjectKind;
import dev.phasekeeper.lifecycle.internal.engine.PhaseEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Rows of {@code pk_subject} and {@code pk_phase_history}. */
@Repository
class SubjectRepository {

  private static final String COLUMNS =
      "id, kind, tenant_id, phase, phase_entered_at, phase_reason, process_instance_id, version";

  private final JdbcTemplate jdbc;

  SubjectRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String id, SubjectKind kind, String tenantId, OffsetDateTime now) {
    jdbc.update(
        "insert into pk_subject (id, kind, tenant_id, version, created_at, updated_at)"
            + " values (?, ?, ?, 0, ?, ?)",
        id,
        kind.id(),
        tenantId,
        now,
        now);
  }

  Optional<Subject> find(String id) {
    return jdbc
        .query("select " + COLUMNS + " from pk_subject where id = ?", this::subject, id)
        .stream()
        .findFirst();
  }

  /**
   * Locks the subject's row until the transaction ends; false when there is no such subject. The
   * lock is an update that changes nothing (H2 and PostgreSQL lock the row all the same): H2 caches
   * the plan of an update, never that of {@code select ... for update}.
   */
  boolean lock(String id) {
    return jdbc.update("update pk_subject set version = version where id = ?", id) == 1;
  }

  /**
   * Moves the subject to the entry's phase, locking its row, and returns it as it is now, with the
   * phase it left in {@link PhaseMove#from()}; empty when there is no such subject. An entry
   * without a phase returns the subject to the phase it was in before its current one.
   */
  Optional<PhaseMove> movePhase(PhaseEntry entry, OffsetDateTime now) {
    int updated =
        jdbc.update(
            "update pk_subject set previous_phase = phase,"
                + " phase = coalesce(cast(? as varchar(32)), previous_phase),"
                + " phase_entered_at = ?, phase_reason = ?, process_instance_id = ?,"
                + " version = version + 1, updated_at = ? where id = ?",
            entry.phase(),
            now,
            entry.reason(),
            entry.processInstanceId(),
            now,
            entry.subjectId());
    if (updated == 0) {
      return Optional.empty();
    }
    return jdbc
        .query(
            "select " + COLUMNS + ", previous_phase from pk_subject where id = ?",
            (rs, n) -> new PhaseMove(subject(rs, n), rs.getString("previous_phase")),
            entry.subjectId())
        .stream()
        .findFirst();
  }

  /** A subject just after a phase change, and the phase it left. */
  record PhaseMove(Subject subject, String from) {}

  void updateTenant(String id, String tenantId) {
    jdbc.update(
        "update pk_subject set tenant_id = ?, version = version + 1 where id = ?", tenantId, id);
  }

  void appendHistory(String fromPhase, String toPhase, PhaseEntry entry, OffsetDateTime now) {
    jdbc.update(
        "insert into pk_phase_history (subject_id, from_phase, transition, to_phase,"
            + " changed_at, process_instance_id, element_id, note) values (?, ?, ?, ?, ?, ?, ?, ?)",
        entry.subjectId(),
        fromPhase,
        entry.transition(),
        toPhase,
        now,
        entry.processInstanceId(),
        entry.elementId(),
        entry.note());
  }

  List<PhaseHistoryEntry> history(String subjectId) {
    return jdbc.query(
        "select id, subject_id, from_phase, transition, to_phase, changed_at,"
            + " process_instance_id, note from pk_phase_history where subject_id = ? order by id",
        (rs, n) ->
            new PhaseHistoryEntry(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, OffsetDateTime.class),
                rs.getString(7),
                rs.getString(8)),
        subjectId);
  }

  void delete(String id) {
    jdbc.update("delete from pk_phase_history where subject_id = ?", id);
    jdbc.update("delete from pk_subject where id = ?", id);
  }

  private Subject subject(ResultSet rs, int row) throws SQLException {
    return new Subject(
        rs.getString("id"),
        SubjectKind.fromId(rs.getString("kind")),
        rs.getString("tenant_id"),
        rs.getString("phase"),
        rs.getObject("phase_entered_at", OffsetDateTime.class),
        rs.getString("phase_reason"),
        rs.getString("process_instance_id"),
        rs.getInt("version"));
  }
}
