package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.PhaseHistoryEntry;
import dev.phasekeeper.lifecycle.SideProcess;
import dev.phasekeeper.lifecycle.Subject;
import dev.phasekeeper.lifecycle.SubjectKind;
import dev.phasekeeper.lifecycle.internal.engine.PendingTransitions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

@Service
class DefaultLifecycle implements Lifecycle {

  private final SubjectRepository subjects;
  private final RuntimeService runtime;
  private final Clock clock;
  private final String[] sideProcessKeys;

  DefaultLifecycle(
      SubjectRepository subjects,
      RuntimeService runtime,
      Clock clock,
      List<SideProcess> sideProcesses) {
    this.sideProcessKeys =
        sideProcesses.stream().map(SideProcess::processKey).toArray(String[]::new);
    this.subjects = subjects;
    this.runtime = runtime;
    this.clock = clock;
  }

  @Override
  public void register(SubjectKind kind, String subjectId, String tenantId) {
    subjects.insert(subjectId, kind, tenantId, OffsetDateTime.now(clock));
  }

  @Override
  public String start(
      String processKey, String subjectId, String subjectName, Map<String, Object> variables) {
    Subject subject =
        subjects
            .find(subjectId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "LIFECYCLE-004 no subject '" + subjectId + "' is registered"));
    Map<String, Object> all = new HashMap<>(variables);
    all.put(SUBJECT_NAME, subjectName);
    all.put(SUBJECT_KIND, subject.kind().id());
    all.put(SUBJECT_TENANT, subject.tenantId());
    return runtime.startProcessInstanceByKey(processKey, subjectId, all).getId();
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
   * Delivers the message to every execution of the subject's processes that waits for it, one
   * correlation per process instance. Executions only: a process whose start event takes the
   * message is never started from here. No waiting execution is no error (a failed correlation
   * inside a Spring transaction would mark the caller's whole transaction rollback-only).
   */
  @Override
  public boolean send(String subjectId, String message, Map<String, Object> variables) {
    Set<String> instances = new LinkedHashSet<>();
    runtime
        .createExecutionQuery()
        .processInstanceBusinessKey(subjectId)
        .messageEventSubscriptionName(message)
        .list()
        .forEach(execution -> instances.add(execution.getProcessInstanceId()));
    for (String instance : instances) {
      runtime
          .createMessageCorrelation(message)
          .processInstanceId(instance)
          .setVariables(variables)
          .correlateAllWithResult();
    }
    return !instances.isEmpty();
  }

  @Override
  public Set<String> awaitedMessages(String subjectId) {
    Set<String> names = new LinkedHashSet<>();
    for (ProcessInstance instance : runningInstances(subjectId)) {
      runtime
          .createEventSubscriptionQuery()
          .processInstanceId(instance.getId())
          .eventType("message")
          .list()
          .stream()
          .map(EventSubscription::getEventName)
          .forEach(names::add);
    }
    return names;
  }

  @Override
  public String pendingTransition(DelegateExecution execution) {
    return PendingTransitions.of(execution);
  }

  @Override
  public void keepPendingTransition(DelegateExecution execution) {
    PendingTransitions.keep(execution);
  }

  @Override
  public boolean isRunning(String subjectId) {
    return !runningInstances(subjectId).isEmpty();
  }

  @Override
  public void moveTenant(String subjectId, String tenantId) {
    subjects.updateTenant(subjectId, tenantId);
    runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(subjectId)
        .variableValueNotEquals(SUBJECT_TENANT, tenantId)
        .list()
        .forEach(instance -> runtime.setVariable(instance.getId(), SUBJECT_TENANT, tenantId));
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
