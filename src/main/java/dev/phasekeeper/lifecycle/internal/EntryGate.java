package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.PendingEntry;
import dev.phasekeeper.lifecycle.PhaseEntryChecks;
import dev.phasekeeper.lifecycle.Subject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The wait on a phase element for its entry checks. Its state lives in local variables of the
 * waiting execution, so it survives restarts and shows in Cockpit: {@value #STATE} is
 * {@value #CHECKING} while a check runs and {@value #BLOCKED} after one failed. The checks run
 * one at a time, so only one report at a time can touch the execution.
 *
 * <p>A failed check records {@code <from> -block-> blocked} with the check's reason; unblock
 * records {@code blocked -unblock-> <from>} and runs the failed check again, or with
 * {@code skip} goes on with the next one.
 */
@Component
class EntryGate {

  static final String CHECK_DONE = "phasekeeper-entry-check-done";
  static final String UNBLOCK = "phasekeeper-entry-unblock";
  static final String STATE = "phasekeeperEntryState";
  static final String CHECKS = "phasekeeperEntryChecks";
  static final String INDEX = "phasekeeperEntryIndex";
  static final String CHECKING = "checking";
  static final String BLOCKED = "blocked";
  private static final String TRANSITION = "phasekeeperEntryTransition";
  private static final String PHASE = "phasekeeperEntryPhase";
  private static final String FROM = "phasekeeperEntryFrom";
  private static final List<String> VARIABLES =
      List.of(STATE, CHECKS, INDEX, TRANSITION, PHASE, FROM);
  /** Vocabulary names a blocked entry uses, as the lifecycle's steps do. */
  private static final String BLOCK_TRANSITION = "block";
  private static final String BLOCKED_PHASE = "blocked";
  private static final String UNBLOCK_TRANSITION = "unblock";

  enum Next { WAIT, ENTER }

  /** What a check reports; {@code reason} is a JSON object as text, set when it failed. */
  record CheckOutcome(String check, boolean passed, String reason) {}

  private final SubjectRepository subjects;
  private final PhaseRecorder recorder;
  private final ObjectProvider<PhaseEntryChecks> checks;
  /** The checks once found: resolving the bean on every phase entry cost more than its row. */
  private volatile PhaseEntryChecks resolvedChecks;
  /** Ids of the phase elements that can hold a token, as parsed on this node. */
  private final Set<String> holdingElements = ConcurrentHashMap.newKeySet();

  /** The checks come from a feature that needs the engine itself, hence the provider. */
  EntryGate(SubjectRepository subjects, PhaseRecorder recorder,
      ObjectProvider<PhaseEntryChecks> checks) {
    this.subjects = subjects;
    this.recorder = recorder;
    this.checks = checks;
  }

  /** Remembers, at deployment, an element whose behaviour waits for entry checks. */
  void holdsAt(String elementId) {
    holdingElements.add(elementId);
  }

  /** Whether a token on this element may be held for entry checks (false: certainly not). */
  boolean mayHoldAt(String elementId) {
    return elementId != null && holdingElements.contains(elementId);
  }

  /** The check a waiting execution's variables say runs now, or null when none runs. */
  static String runningCheck(Map<String, Object> variables) {
    if (!CHECKING.equals(variables.get(STATE)) || !(variables.get(INDEX) instanceof Integer i)) {
      return null;
    }
    String[] names = String.valueOf(variables.get(CHECKS)).split("\n");
    return i < names.length ? names[i] : null;
  }

  /**
   * The token reached a phase element: starts the first check that applies.
   *
   * @return true when the execution now waits; false to enter the phase at once
   */
  boolean arrive(ActivityExecution execution, String transition, String phase) {
    PhaseEntryChecks provider = checks();
    if (provider == null || !provider.anyFor(execution.getProcessBusinessKey())) {
      return false;
    }
    Subject subject = subjects.find(execution.getProcessBusinessKey()).orElse(null);
    if (subject == null) {
      return false;
    }
    PendingEntry entry = new PendingEntry(subject, subject.phase(), transition, phase,
        execution.getProcessInstanceId(), execution.getId());
    List<String> names = provider.checksFor(entry);
    if (names.isEmpty()) {
      return false;
    }
    execution.setVariableLocal(TRANSITION, transition);
    execution.setVariableLocal(PHASE, phase);
    execution.setVariableLocal(FROM, subject.phase());
    execution.setVariableLocal(CHECKS, String.join("\n", names));
    if (startFrom(execution, provider, entry, names, 0) == Next.ENTER) {
      release(execution);
      return false;
    }
    return true;
  }

  /**
   * Whether a token on this element is held for its entry checks: the element may hold one and
   * the token's entry state is set (read only then: it can cost a lookup).
   */
  boolean holds(String elementId, Function<String, Object> localVariable) {
    return mayHoldAt(elementId) && localVariable.apply(STATE) != null;
  }

  boolean isWaiting(ActivityExecution execution) {
    return execution.hasVariableLocal(STATE);
  }

  Next checkDone(ActivityExecution execution, CheckOutcome outcome) {
    if (!outcome.check().equals(runningCheck(execution.getVariablesLocal()))) {
      return Next.WAIT;
    }
    if (outcome.passed()) {
      return startFrom(execution, index(execution) + 1);
    }
    execution.setVariableLocal(STATE, BLOCKED);
    recorder.enter(new PhaseEntry(execution.getProcessBusinessKey(), BLOCK_TRANSITION,
        BLOCKED_PHASE, execution.getProcessInstanceId(), execution.getCurrentActivityId(),
        outcome.reason(), null));
    return Next.WAIT;
  }

  Next unblock(ActivityExecution execution) {
    if (!BLOCKED.equals(execution.getVariableLocal(STATE))) {
      throw new ProcessEngineException("LIFECYCLE-007 " + execution.getCurrentActivityId()
          + " of process instance " + execution.getProcessInstanceId() + " is not blocked");
    }
    boolean skip = Boolean.TRUE.equals(execution.getVariable("skip"));
    String note = PhaseEntries.take(execution.getProcessInstance(), PhaseEntries.NOTE);
    String from = (String) execution.getVariableLocal(FROM);
    if (from != null) {
      recorder.enter(new PhaseEntry(execution.getProcessBusinessKey(), UNBLOCK_TRANSITION, from,
          execution.getProcessInstanceId(), execution.getCurrentActivityId(), null, note));
    }
    return startFrom(execution, index(execution) + (skip ? 1 : 0));
  }

  /** Ends the wait: removes its variables and gives back the transition that led here. */
  String release(ActivityExecution execution) {
    String transition = (String) execution.getVariableLocal(TRANSITION);
    execution.removeVariablesLocal(VARIABLES);
    return transition;
  }

  private Next startFrom(ActivityExecution execution, int index) {
    PhaseEntryChecks provider = checks();
    Subject subject = subjects.find(execution.getProcessBusinessKey()).orElse(null);
    if (provider == null || subject == null) {
      return Next.ENTER;
    }
    PendingEntry entry = new PendingEntry(subject, (String) execution.getVariableLocal(FROM),
        (String) execution.getVariableLocal(TRANSITION), (String) execution.getVariableLocal(PHASE),
        execution.getProcessInstanceId(), execution.getId());
    List<String> names = Arrays.asList(String.valueOf(execution.getVariableLocal(CHECKS)).split("\n"));
    return startFrom(execution, provider, entry, names, index);
  }

  private PhaseEntryChecks checks() {
    PhaseEntryChecks found = resolvedChecks;
    if (found == null) {
      found = checks.getIfAvailable();
      resolvedChecks = found;
    }
    return found;
  }

  private static Next startFrom(ActivityExecution execution, PhaseEntryChecks provider,
      PendingEntry entry, List<String> names, int index) {
    for (int i = index; i < names.size(); i++) {
      if (provider.start(entry, names.get(i))) {
        execution.setVariableLocal(INDEX, i);
        execution.setVariableLocal(STATE, CHECKING);
        return Next.WAIT;
      }
    }
    return Next.ENTER;
  }

  private static int index(ActivityExecution execution) {
    return (Integer) execution.getVariableLocal(INDEX);
  }
}
