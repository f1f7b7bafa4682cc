package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.LifecycleProperties;
import org.camunda.bpm.engine.ProcessEngineException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateListener;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.FlowNodeActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.IntermediateCatchEventActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.IntermediateThrowNoneEventActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.ManualTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.NoneEndEventActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.ReceiveTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.TaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.TerminateEndEventActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Reads the lifecycle annotations of every BPMN element at deployment and attaches what records
 * phase changes: a listener on each annotated transition, and on each phase element a
 * {@link PhaseEntryBehavior} (or, where the element cannot wait, a {@link PhaseEntryListener}).
 * A name outside the vocabulary fails the deployment.
 */
class PhaseParseListener extends AbstractBpmnParseListener {

  /** Marks a phase element during parsing; its behaviour is set once the whole file is read. */
  private static final String PHASE_PROPERTY = "phasekeeperPhase";

  private final LifecycleProperties vocabulary;
  private final PhaseRecorder recorder;
  private final EntryGate gate;

  PhaseParseListener(LifecycleProperties vocabulary, PhaseRecorder recorder, EntryGate gate) {
    this.vocabulary = vocabulary;
    this.recorder = recorder;
    this.gate = gate;
  }

  @Override
  public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl flow) {
    LifecycleAnnotations annotations = validated(element);
    if (annotations.phase() != null) {
      throw invalid(element, "a sequence flow cannot be a phase; put phase=" + annotations.phase()
          + " on the element the flow leads to");
    }
    if (annotations.transition() != null) {
      flow.addListener(ExecutionListener.EVENTNAME_TAKE,
          new TransitionTakeListener(annotations.transition()));
    }
  }

  @Override public void parseStartEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseExclusiveGateway(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseInclusiveGateway(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseParallelGateway(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseEventBasedGateway(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseScriptTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseServiceTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseBusinessRuleTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseManualTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseUserTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseSendTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseReceiveTask(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseEndEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseSubProcess(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseCallActivity(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseTransaction(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseIntermediateThrowEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseIntermediateCatchEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }
  @Override public void parseBoundaryEvent(Element e, ScopeImpl s, ActivityImpl a) { annotate(e, a); }

  private void annotate(Element element, ActivityImpl activity) {
    LifecycleAnnotations annotations = validated(element);
    if (annotations.isEmpty()) {
      return;
    }
    if (annotations.phase() == null) {
      activity.addListener(ExecutionListener.EVENTNAME_START,
          new TransitionTakeListener(annotations.transition()), 0);
    } else {
      activity.setProperty(PHASE_PROPERTY, annotations);
    }
  }

  /**
   * Called once every element of the file is parsed, its listeners included: a phase element
   * whose behaviour can wait gets a {@link PhaseEntryBehavior}, which takes over the element's
   * own start listeners so that they run once the phase is entered; any other phase element
   * enters its phase in a start listener placed before the element's own.
   */
  @Override
  public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> definitions) {
    for (ProcessDefinitionEntity definition : definitions) {
      definition.getActivities().forEach(this::attachPhaseEntry);
    }
  }

  private void attachPhaseEntry(ActivityImpl activity) {
    activity.getActivities().forEach(this::attachPhaseEntry);
    if (!(activity.getProperty(PHASE_PROPERTY) instanceof LifecycleAnnotations annotations)) {
      return;
    }
    if (!canWait(activity.getActivityBehavior())) {
      activity.addListener(ExecutionListener.EVENTNAME_START,
          new PhaseEntryListener(annotations.phase(), annotations.transition(), recorder), 0);
      return;
    }
    List<DelegateListener<DelegateExecution>> own = ownStartListeners(activity);
    gate.holdsAt(activity.getId());
    activity.setActivityBehavior(new PhaseEntryBehavior(
        (FlowNodeActivityBehavior) activity.getActivityBehavior(),
        annotations.phase(), annotations.transition(), own, gate, recorder));
  }

  /** Removes the start listeners the BPMN declares (not the engine's own) and returns them. */
  @SuppressWarnings("unchecked")
  private static List<DelegateListener<DelegateExecution>> ownStartListeners(
      ActivityImpl activity) {
    List<DelegateListener<? extends BaseDelegateExecution>> all =
        activity.getListeners().get(ExecutionListener.EVENTNAME_START);
    if (all == null) {
      return List.of();
    }
    List<DelegateListener<? extends BaseDelegateExecution>> builtIn =
        activity.getBuiltInListeners(ExecutionListener.EVENTNAME_START);
    List<DelegateListener<DelegateExecution>> own = new ArrayList<>();
    for (DelegateListener<? extends BaseDelegateExecution> listener : all) {
      if (builtIn.stream().noneMatch(b -> b == listener)) {
        own.add((DelegateListener<DelegateExecution>) listener);
      }
    }
    all.removeAll(own);
    return own;
  }

  /**
   * Behaviours that may be held on their element before they run: none events, receive tasks,
   * plain tasks, timer and message catch events. Others (start and boundary events, gateways,
   * external, user and service tasks, sub-processes) are driven by the engine in ways a wait
   * would break, so their phase is entered at once and before hooks are not waited for.
   */
  private static boolean canWait(ActivityBehavior behavior) {
    return behavior instanceof IntermediateThrowNoneEventActivityBehavior
        || behavior instanceof NoneEndEventActivityBehavior
        || behavior instanceof TerminateEndEventActivityBehavior
        || behavior instanceof ReceiveTaskActivityBehavior
        || behavior instanceof ManualTaskActivityBehavior
        || behavior.getClass() == TaskActivityBehavior.class
        || (behavior.getClass() == IntermediateCatchEventActivityBehavior.class
            && !((IntermediateCatchEventActivityBehavior) behavior).isAfterEventBasedGateway());
  }

  private LifecycleAnnotations validated(Element element) {
    LifecycleAnnotations annotations = LifecycleAnnotations.of(element);
    if (annotations.phase() != null && !vocabulary.isPhase(annotations.phase())) {
      throw invalid(element, "phase '" + annotations.phase() + "' is not a known phase (known: "
          + String.join(", ", vocabulary.phases()) + ")");
    }
    if (annotations.transition() != null && !vocabulary.isTransition(annotations.transition())) {
      throw invalid(element, "transition '" + annotations.transition()
          + "' is not a known transition (known: " + String.join(", ", vocabulary.transitions())
          + ")");
    }
    return annotations;
  }

  private static ProcessEngineException invalid(Element element, String problem) {
    return new ProcessEngineException("LIFECYCLE-001 BPMN element '" + element.attribute("id")
        + "' (line " + element.getLine() + "): " + problem);
  }
}
