package dev.phasekeeper.hooks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Hook runs in {@code pk_hook_run}. Every change bumps {@code version}. */
@Repository
class HookRunRepository {

  static final String COLUMNS =
      "id, definition_id, hook_name, global_hook, subject_id,"
          + " subject_kind, tenant_id, from_phase, transition, to_phase, url, include_body,"
          + " timeout_seconds, status, exit_code, process_id, standard_output, standard_error,"
          + " message, start_date, end_date, created_at, process_instance_id, token_hash, version,"
          + " entry_execution_id";

  private final JdbcTemplate jdbc;

  HookRunRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(HookRun r) {
    jdbc.update(
        "insert into pk_hook_run ("
            + COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.id(),
        r.definitionId(),
        r.hookName(),
        r.globalHook(),
        r.subjectId(),
        r.subjectKind(),
        r.tenantId(),
        r.fromPhase(),
        r.transition(),
        r.toPhase(),
        r.url(),
        r.includeBody(),
        r.timeoutSeconds(),
        r.status(),
        r.exitCode(),
        r.processId(),
        r.standardOutput(),
        r.standardError(),
        r.message(),
        r.startDate(),
        r.endDate(),
        r.createdAt(),
        r.processInstanceId(),
        r.tokenHash(),
        r.version(),
        r.entryExecutionId());
  }

  Optional<HookRun> find(String id) {
    return jdbc
        .query("select " + COLUMNS + " from pk_hook_run where id = ?", HookRunRepository::row, id)
        .stream()
        .findFirst();
  }

  /** A new attempt: waiting again, with a new token, nothing of the last attempt kept. */
  void started(String id, String tokenHash, OffsetDateTime at) {
    jdbc.update(
        "update pk_hook_run set status = 'WAITING', token_hash = ?, start_date = ?,"
            + " end_date = null, exit_code = null, process_id = null, standard_output = null,"
            + " standard_error = null, message = null, version = version + 1 where id = ?",
        tokenHash,
        at,
        id);
  }

  /** The pid of a script that is still running a moment after it started. */
  void processRunning(String id, long pid) {
    jdbc.update(
        "update pk_hook_run set process_id = ?, version = version + 1 where id = ?", pid, id);
  }

  /**
   * Records the script's end, with its pid unless it was recorded while the script ran. Its status
   * counts only while the run is still waiting: a status set meanwhile by an operator or the
   * script's callback stands.
   *
   * @param pid the script's process id, 0 or less when it never started
   * @return the run's status now
   */
  String ended(
      String id,
      String status,
      int exitCode,
      long pid,
      String stdout,
      String stderr,
      String message,
      OffsetDateTime at) {
    String output = stdout == null || stdout.isEmpty() ? null : stdout;
    Long processId = pid > 0 ? pid : null;
    OffsetDateTime endDate = HookRun.WAITING.equals(status) ? null : at;
    int updated =
        jdbc.update(
            "update pk_hook_run set status = ?, exit_code = ?, process_id ="
                + " coalesce(process_id, ?), standard_output = coalesce(?, standard_output),"
                + " standard_error = ?, message = ?, end_date = ?, version = version + 1"
                + " where id = ? and status = 'WAITING'",
            status,
            exitCode,
            processId,
            output,
            stderr,
            truncate(message),
            endDate,
            id);
    if (updated == 1) {
      return status;
    }
    jdbc.update(
        "update pk_hook_run set exit_code = ?, process_id = coalesce(process_id, ?),"
            + " standard_output = coalesce(?, standard_output), standard_error = ?, message = ?,"
            + " end_date = coalesce(end_date, ?), version = version + 1 where id = ?",
        exitCode,
        processId,
        output,
        stderr,
        truncate(message),
        at,
        id);
    return statusOf(id).orElse(status);
  }

  /** Sets the status of a waiting run; false when it is no longer waiting. */
  boolean finishWaiting(String id, String status, String output, OffsetDateTime at) {
    return jdbc.update(
            "update pk_hook_run set status = ?, standard_output = coalesce(?,"
                + " standard_output), end_date = ?, version = version + 1 where id = ? and"
                + " status = 'WAITING'",
            status,
            output,
            HookRun.WAITING.equals(status) ? null : at,
            id)
        == 1;
  }

  private static String truncate(String message) {
    return message == null || message.length() <= 2000 ? message : message.substring(0, 2000);
  }

  Optional<String> statusOf(String id) {
    return jdbc
        .queryForList("select status from pk_hook_run where id = ?", String.class, id)
        .stream()
        .findFirst();
  }

  boolean tokenExists(String tokenHash) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from pk_hook_run where token_hash = ?", Integer.class, tokenHash);
    return count != null && count > 0;
  }

  List<HookRun> query(String where, List<Object> args, String orderBy, int max, int offset) {
    Object[] all =
        java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of(max, offset))
            .toArray();
    return jdbc.query(
        "select "
            + COLUMNS
            + " from pk_hook_run where "
            + where
            + " order by "
            + orderBy
            + " limit ? offset ?",
        HookRunRepository::row,
        all);
  }

  long count(String where, List<Object> args) {
    Long count =
        jdbc.queryForObject(
            "select count(*) from pk_hook_run where " + where, Long.class, args.toArray());
    return count == null ? 0 : count;
  }

  static HookRun row(ResultSet rs, int n) throws SQLException {
    return new HookRun(
        rs.getString("id"),
        rs.getString("definition_id"),
        rs.getString("hook_name"),
        rs.getBoolean("global_hook"),
        rs.getString("subject_id"),
        rs.getString("subject_kind"),
        rs.getString("tenant_id"),
        rs.getString("from_phase"),
        rs.getString("transition"),
        rs.getString("to_phase"),
        rs.getString("url"),
        rs.getBoolean("include_body"),
        rs.getInt("timeout_seconds"),
        rs.getString("status"),
        (Integer) rs.getObject("exit_code", Integer.class),
        (Long) rs.getObject("process_id", Long.class),
        rs.getString("standard_output"),
        rs.getString("standard_error"),
        rs.getString("message"),
        rs.getObject("start_date", OffsetDateTime.class),
        rs.getObject("end_date", OffsetDateTime.class),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getString("process_instance_id"),
        rs.getString("token_hash"),
        rs.getInt("version"),
        rs.getString("entry_execution_id"));
  }
}
