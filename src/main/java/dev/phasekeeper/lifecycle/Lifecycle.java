package dev.phasekeeper.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The one way features reach the engine: start a subject's lifecycle, send it the messages its BPMN
 * waits for, read its phase and history. Every method joins the caller's transaction.
 */
public interface Lifecycle {

  /** Process key of the shipped process that moves a subject to its last phase on delete. */
  String PURGE_PROCESS = "subject-purge";

  /** Records a new subject; its phase stays empty until a lifecycle process enters one. */
  void register(SubjectKind kind, String subjectId, String tenantId);

  /** Variable of every process started here: the subject's name, for Cockpit's search. */
  String SUBJECT_NAME = "subjectName";

  /** Variable of every process started here: the subject's kind ({@link SubjectKind#id()}). */
  String SUBJECT_KIND = "subjectKind";

  /** Variable of every process started here: the subject's tenant id. */
  String SUBJECT_TENANT = "subjectTenant";

  /**
   * Starts a process for a registered subject. Its business key is the subject id, and its
   * variables {@value #SUBJECT_NAME}, {@value #SUBJECT_KIND} and {@value #SUBJECT_TENANT} name the
   * subject, so Cockpit finds it by its id or by its name.
   *
   * @return the process instance id
   */
  String start(
      String processKey, String subjectId, String subjectName, Map<String, Object> variables);

  Optional<Subject> find(String subjectId);

  /**
   * Locks the subject's row until the caller's transaction ends.
   *
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
   * The transition taken towards the next phase element, while the execution is on its way there
   * (at a gateway in front of the element, or in a process called on the way, such as {@code
   * before-hooks}); {@code null} when none is pending.
   */
  String pendingTransition(DelegateExecution execution);

  /**
   * Keeps the pending transition across a wait state before the next phase element (a called
   * process that waits, such as {@code before-hooks}); without this it lives only as long as the
   * engine command that took it.
   */
  void keepPendingTransition(DelegateExecution execution);
}
