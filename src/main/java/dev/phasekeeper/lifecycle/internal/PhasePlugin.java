package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.LifecycleProperties;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Adds the {@link PhaseParseListener} and the {@link HeldEntryCorrelationHandler} to the engine;
 * the starter picks this bean up.
 */
@Component
class PhasePlugin extends AbstractProcessEnginePlugin {

  private final LifecycleProperties vocabulary;
  private final PhaseRecorder recorder;
  private final EntryGate gate;

  PhasePlugin(LifecycleProperties vocabulary, PhaseRecorder recorder, EntryGate gate) {
    this.vocabulary = vocabulary;
    this.recorder = recorder;
    this.gate = gate;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners()
        .add(new PhaseParseListener(vocabulary, recorder, gate));
    configuration.setCorrelationHandler(new HeldEntryCorrelationHandler(gate));
  }
}
