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
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
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
   * Delivers the message to every execution of the subject's processes that waits for it, in
   * one engine command. Executions only: a process whose start event takes the message is never
   * started from here. No waiting execution is no error (a failed correlation inside a Spring
   * transaction would mark the caller's whole transaction rollback-only); an element held for its
   * entry checks takes no message ({@link HeldEntryCorrelationHandler}), and {@code unblock}
   * reaches an entry blocked by a failed check.
   */
  @Override
  public boolean send(String subjectId, String message, Map<String, Object> variables) {
    // executionsOnly() is the engine's own switch, public on its builder but not on the interface
    MessageCorrelationBuilderImpl correlation =
        (MessageCorrelationBuilderImpl) runtime.createMessageCorrelation(message);
    boolean delivered = !correlation.executionsOnly()
        .processInstanceBusinessKey(subjectId)
        .setVariables(variables)
        .correlateAllWithResult()
        .isEmpty();
    if (delivered) {
      return true;
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

  /** Whether the subscription's element holds its execution for entry checks. */
  private boolean isHeld(EventSubscription subscription) {
    return gate.holds(subscription.getActivityId(),
        name -> runtime.getVariableLocal(subscription.getExecutionId(), name));
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
