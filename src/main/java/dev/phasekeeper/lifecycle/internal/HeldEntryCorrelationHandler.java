package dev.phasekeeper.lifecycle.internal;

import java.util.List;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.runtime.CorrelationHandlerResult;
import org.camunda.bpm.engine.impl.runtime.CorrelationSet;
import org.camunda.bpm.engine.impl.runtime.DefaultCorrelationHandler;

/**
 * The engine's message correlation, except that an element holding its token for entry checks
 * takes no message: the token has not entered the phase yet. A held token still takes the
 * messages of the events around it, such as terminate on its sub-process. Every correlation
 * passes here, Phasekeeper's own and those sent from Cockpit or the engine REST API.
 */
final class HeldEntryCorrelationHandler extends DefaultCorrelationHandler {

  private static final String MESSAGE = EventType.MESSAGE.name();

  private final EntryGate gate;

  HeldEntryCorrelationHandler(EntryGate gate) {
    this.gate = gate;
  }

  @Override
  protected List<CorrelationHandlerResult> correlateMessageToExecutions(
      CommandContext commandContext, String messageName, CorrelationSet correlationSet) {
    List<CorrelationHandlerResult> matched =
        super.correlateMessageToExecutions(commandContext, messageName, correlationSet);
    matched.removeIf(result -> !takes(result.getExecutionEntity(), messageName));
    return matched;
  }

  /** Whether one of the execution's subscriptions to the message belongs to no held element. */
  private boolean takes(ExecutionEntity execution, String messageName) {
    if (!gate.mayHoldAt(execution.getActivityId())) {
      return true;
    }
    return execution.getEventSubscriptions().stream()
        .filter(subscription -> MESSAGE.equals(subscription.getEventType()))
        .filter(subscription -> messageName == null
            || messageName.equals(subscription.getEventName()))
        .anyMatch(subscription -> !gate.holds(subscription.getActivityId(),
            name -> subscription.getExecution().getVariableLocal(name)));
  }
}
