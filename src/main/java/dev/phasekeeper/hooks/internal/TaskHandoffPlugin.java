package dev.phasekeeper.hooks.internal;

import java.util.ArrayList;
import java.util.Comparator;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionContext;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.externaltask.LockedExternalTaskImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands each external task that a transaction on this node creates to this node's workers, so a
 * step or hook starts without a fetch. When the engine command that created the task ends, before
 * it writes anything, the task is locked for the lane of its topic if that lane has room: it is
 * inserted locked, and the lane runs it as soon as the transaction commits (if it rolls back, the
 * room is given back). A task without a lane with room here is inserted unlocked, and the fetcher
 * is woken after the commit to fetch it, as it fetches the tasks of other nodes. A node that
 * crashes between the commit and the run leaves the task locked until its lock expires
 * ({@code phasekeeper.workers.lock-duration}); then any node fetches it.
 */
@Component
class TaskHandoffPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(TaskHandoffPlugin.class);

  private final TaskHandoff handoff;
  private final WorkerWakeup wakeup;
  private final CommandContextListener handOverNewTasks = new CommandContextListener() {
    @Override
    public void onCommandContextClose(CommandContext context) {
      handOver(context);
    }

    @Override
    public void onCommandFailed(CommandContext context, Throwable failure) {
      // nothing was handed over: the new tasks are never written
    }
  };

  TaskHandoffPlugin(TaskHandoff handoff, WorkerWakeup wakeup) {
    this.handoff = handoff;
    this.wakeup = wakeup;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
          activity.addListener(ExecutionListener.EVENTNAME_START, execution ->
              Context.getCommandContext().registerCommandContextListener(handOverNewTasks));
        }
      }
    });
  }

  /**
   * The tasks this command created, still unwritten and unlocked, go to a lane or the fetcher,
   * the highest priority first, as a fetch would take them (hook runs rely on it for their order).
   */
  private void handOver(CommandContext context) {
    DbEntityManager entities = context.getDbEntityManager();
    entities.getCachedEntitiesByType(ExternalTaskEntity.class).stream()
        .filter(task -> entities.getDbEntityCache().isTransient(task)
            && task.getWorkerId() == null
            && task.getSuspensionState() == SuspensionState.ACTIVE.getStateCode())
        .sorted(Comparator.comparingLong(ExternalTaskEntity::getPriority).reversed())
        .forEach(task -> handOver(task, context.getTransactionContext()));
  }

  private void handOver(ExternalTaskEntity task, TransactionContext transaction) {
    String topic = task.getTopicName();
    TaskHandoff.Lane lane = handoff.lane(topic).orElse(null);
    LockedExternalTask locked = lane != null && lane.reserve() ? lock(task, lane) : null;
    if (locked == null) {
      transaction.addTransactionListener(TransactionState.COMMITTED,
          committed -> wakeup.signal(topic));
      return;
    }
    transaction.addTransactionListener(TransactionState.COMMITTED,
        committed -> lane.accept(locked));
    transaction.addTransactionListener(TransactionState.ROLLED_BACK,
        rolledBack -> lane.cancel());
  }

  /**
   * Locks the task for the lane and reads it as a fetch would, with the fields a fetch reads from
   * the process instance and definition (the engine fills them in only when it loads a task);
   * on failure leaves it to the fetcher.
   */
  private static LockedExternalTask lock(ExternalTaskEntity task, TaskHandoff.Lane lane) {
    task.lock(lane.workerId(), lane.lockMillis());
    try {
      ExecutionEntity execution = task.getExecution();
      task.setBusinessKey(execution.getProcessBusinessKey());
      task.setProcessDefinitionVersionTag(execution.getProcessDefinition().getVersionTag());
      return LockedExternalTaskImpl.fromEntity(task, lane.variables(), false, false, false);
    } catch (RuntimeException e) {
      log.warn("HOOKS-008 task {} of topic {} is left to the fetcher: {}", task.getId(),
          task.getTopicName(), e.toString());
      task.setWorkerId(null);
      task.setLockExpirationTime(null);
      lane.cancel();
      return null;
    }
  }
}
