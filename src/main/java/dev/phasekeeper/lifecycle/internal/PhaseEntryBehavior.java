package dev.phasekeeper.lifecycle.internal;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.FlowNodeActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;

/**
 * The behaviour of a phase element: the token waits on the element until the entry checks
 * ({@code before} hooks) have passed, then the phase is recorded, the element's own start
 * listeners run (they see the new phase) and the element's BPMN behaviour takes over. Without
 * checks all of that happens at once, in the command that reached the element.
 */
final class PhaseEntryBehavior extends FlowNodeActivityBehavior {

  private final FlowNodeActivityBehavior element;
  private final String phase;
  private final String ownTransition;
  private final List<DelegateListener<DelegateExecution>> startListeners;
  private final EntryGate gate;
  private final PhaseRecorder recorder;

  PhaseEntryBehavior(FlowNodeActivityBehavior element, String phase, String ownTransition,
      List<DelegateListener<DelegateExecution>> startListeners, EntryGate gate,
      PhaseRecorder recorder) {
    this.element = element;
    this.phase = phase;
    this.ownTransition = ownTransition;
    this.startListeners = List.copyOf(startListeners);
    this.gate = gate;
    this.recorder = recorder;
  }

  @Override
  public void execute(ActivityExecution execution) throws Exception {
    String transition = ownTransition != null
        ? ownTransition
        : PhaseEntries.takePendingTransition(execution);
    if (!gate.arrive(execution, transition, phase)) {
      enter(execution, transition);
    }
  }

  @Override
  public void signal(ActivityExecution execution, String signalName, Object signalData)
      throws Exception {
    if (!gate.isWaiting(execution)) {
      element.signal(execution, signalName, signalData);
      return;
    }
    EntryGate.Next next = switch (signalName) {
      case EntryGate.CHECK_DONE -> gate.checkDone(execution, (EntryGate.CheckOutcome) signalData);
      case EntryGate.UNBLOCK -> gate.unblock(execution);
      default -> throw new ProcessEngineException("LIFECYCLE-006 " + execution.getCurrentActivityId()
          + " of process instance " + execution.getProcessInstanceId()
          + " waits for the checks before phase " + phase + "; '" + signalName
          + "' cannot be delivered now");
    };
    if (next == EntryGate.Next.ENTER) {
      enter(execution, gate.release(execution));
    }
  }

  /** The engine leaves through the element's behaviour (its outgoing flows, compensation). */
  @Override
  public void doLeave(ActivityExecution execution) {
    element.doLeave(execution);
  }

  private void enter(ActivityExecution execution, String transition) throws Exception {
    recorder.enter(PhaseEntries.entry(execution, transition, phase));
    for (DelegateListener<DelegateExecution> listener : startListeners) {
      listener.notify(execution);
    }
    element.execute(execution);
  }
}
