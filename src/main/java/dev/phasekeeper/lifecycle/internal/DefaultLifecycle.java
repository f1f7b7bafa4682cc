package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.SideProcess;
import dev.phasekeeper.lifecycle.PhaseHistoryEntry;
import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.lifecycle.SubjectKind;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

@Service
class DefaultLifecycle implements Lifecycle {

  /** The message that takes a subject out of blocked (DESIGN.md's vocabulary). */
  private static final String UNBLOCK = "unblock";

  private final SubjectRepository subjects;
  private final RuntimeService runtime;
  private final Clock clock;
  private final String[] sideProcessKeys;
  private final EntryGate gate;

  DefaultLifecycle(SubjectRepository subjects, RuntimeService runtime, Clock clock,
      List<SideProcess> sideProcesses, EntryGate gate) {
    this.gate = gate;
    this.sideProcessKeys = sideProcesses.stream().map(SideProcess::processKey)
        .toArray(String[]::new);
    this.subjects = subjects;
    this.runtime = runtime;
    this.clock = clock;
  }

  @Override
  public void register(SubjectKind kind, String subjectId, String tenantId) {
    subjects.insert(subjectId, kind, tenantId, OffsetDateTime.now(clock));
  }

  @Override
  public String start(String processKey, String subjectId, Map<String, Object> variables) {
    return runtime.startProcessInstanceByKey(processKey, subjectId, variables).getId();
  }

  @Override
  public Optional<Subject> find(String subjectId) {
    return subjects.find(subjectId);
  }

  @Override
  public boolean lock(String subjectId) {
    return subjects.lock(subjectId);
  }

  @Override
  public List<PhaseHistoryEntry> history(String subjectId) {
    return subjects.history(subjectId);
  }

  /**
   * Correlates only when a process of the subject waits for the message: a correlation that
   * fails inside a Spring transaction would mark the caller's whole transaction rollback-only.
   * An element held for its entry checks takes no message; {@code unblock} reaches an entry
   * blocked by a failed check.
   */
  @Override
  public boolean send(String subjectId, String message, Map<String, Object> variables) {
    // one query finds the waiting executions of every process of the subject; side processes
    // share the business key but wait for no messages
    for (Execution waiting : runtime.createExecutionQuery()
        .processInstanceBusinessKey(subjectId)
        .messageEventSubscriptionName(message)
        .list()) {
      if (takes(waiting, message)) {
        runtime.createMessageCorrelation(message)
            .processInstanceId(waiting.getProcessInstanceId())
            .setVariables(variables)
            .correlateWithResult();
        return true;
      }
    }
    if (UNBLOCK.equals(message)) {
      for (Execution blocked : blockedEntries(subjectId)) {
        runtime.signal(blocked.getId(), EntryGate.UNBLOCK, null, variables);
        return true;
      }
    }
    return false;
  }

  @Override
  public Set<String> awaitedMessages(String subjectId) {
    Set<String> names = new LinkedHashSet<>();
    for (ProcessInstance instance : runningInstances(subjectId)) {
      runtime.createEventSubscriptionQuery()
          .processInstanceId(instance.getId())
          .eventType("message")
          .list().stream()
          .filter(s -> !isHeld(s))
          .map(EventSubscription::getEventName)
          .forEach(names::add);
    }
    if (!blockedEntries(subjectId).isEmpty()) {
      names.add(UNBLOCK);
    }
    return names;
  }

  @Override
  public boolean entryCheckDone(String executionId, String check, boolean passed, String reason) {
    if (runtime.createExecutionQuery().executionId(executionId).count() == 0) {
      return false;
    }
    Map<String, Object> gate = runtime.getVariablesLocal(executionId,
        List.of(EntryGate.STATE, EntryGate.CHECKS, EntryGate.INDEX));
    if (!check.equals(EntryGate.runningCheck(gate))) {
      return false;
    }
    runtime.signal(executionId, EntryGate.CHECK_DONE,
        new EntryGate.CheckOutcome(check, passed, reason), null);
    return true;
  }

  /**
   * Whether the execution takes the message now: not when the message is for the element that
   * holds the execution for its entry checks (a held execution still takes the messages of
   * events around it, such as terminate on its sub-process).
   */
  private boolean takes(Execution waiting, String message) {
    if (!(waiting instanceof ExecutionEntity entity) || !gate.mayHoldAt(entity.getActivityId())) {
      return true;
    }
    return runtime.createEventSubscriptionQuery().executionId(waiting.getId())
        .eventType("message").eventName(message).list().stream()
        .anyMatch(subscription -> !isHeld(subscription));
  }

  /** Whether the subscription's element holds its execution for entry checks. */
  private boolean isHeld(EventSubscription subscription) {
    return gate.mayHoldAt(subscription.getActivityId())
        && runtime.getVariableLocal(subscription.getExecutionId(), EntryGate.STATE) != null;
  }

  private List<Execution> blockedEntries(String subjectId) {
    return runtime.createExecutionQuery()
        .processInstanceBusinessKey(subjectId)
        .variableValueEquals(EntryGate.STATE, EntryGate.BLOCKED)
        .list();
  }

  @Override
  public boolean isRunning(String subjectId) {
    return !runningInstances(subjectId).isEmpty();
  }

  @Override
  public void moveTenant(String subjectId, String tenantId) {
    subjects.updateTenant(subjectId, tenantId);
  }

  /** The subject's lifecycle processes; side processes share the business key, not the role. */
  private List<ProcessInstance> runningInstances(String subjectId) {
    var query = runtime.createProcessInstanceQuery().processInstanceBusinessKey(subjectId);
    if (sideProcessKeys.length > 0) {
      query = query.processDefinitionKeyNotIn(sideProcessKeys);
    }
    return query.list();
  }
}
