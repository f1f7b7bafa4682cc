package dev.phasekeeper.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one way features reach the engine: start a subject's lifecycle, send it the messages its
 * BPMN waits for, read its phase and history. Every method joins the caller's transaction.
 */
public interface Lifecycle {

  /** Process key of the shipped process that moves a subject to its last phase on delete. */
  String PURGE_PROCESS = "subject-purge";

  /** Records a new subject; its phase stays empty until a lifecycle process enters one. */
  void register(SubjectKind kind, String subjectId, String tenantId);

  /**
   * Starts a process for a registered subject. Its business key is the subject id, so Cockpit
   * finds it by that id.
   *
   * @return the process instance id
   */
  String start(String processKey, String subjectId, Map<String, Object> variables);

  Optional<Subject> find(String subjectId);

  /**
   * Locks the subject's row until the caller's transaction ends.
   * @return false when there is no such subject
   */
  boolean lock(String subjectId);

  List<PhaseHistoryEntry> history(String subjectId);

  /**
   * Delivers a message to the subject's process.
   *
   * @return false when no process of the subject waits for that message now
   */
  boolean send(String subjectId, String message, Map<String, Object> variables);

  /** The names of the messages the subject's processes wait for now. */
  Set<String> awaitedMessages(String subjectId);

  /** Whether any process of the subject is still running. */
  boolean isRunning(String subjectId);

  void moveTenant(String subjectId, String tenantId);

  /**
   * Reports the outcome of one {@link PhaseEntryChecks entry check} to the execution waiting for
   * it: passed, the entry goes on with the next check or into the phase; failed, the subject is
   * blocked with {@code reason} (a JSON object as text).
   *
   * @return false when that execution no longer waits for that check (terminated meanwhile, or
   * a stale report), in which case nothing changes
   */
  boolean entryCheckDone(String executionId, String check, boolean passed, String reason);
}
