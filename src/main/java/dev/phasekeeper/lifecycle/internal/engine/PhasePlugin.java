package dev.phasekeeper.lifecycle.internal.engine;

import dev.phasekeeper.lifecycle.LifecycleProperties;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Adds the {@link PhaseParseListener} to the engine; the starter picks this bean up. */
@Component
class PhasePlugin extends AbstractProcessEnginePlugin {

  private final LifecycleProperties vocabulary;
  private final PhaseEntryRecorder recorder;

  PhasePlugin(LifecycleProperties vocabulary, PhaseEntryRecorder recorder) {
    this.vocabulary = vocabulary;
    this.recorder = recorder;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration
        .getCustomPreBPMNParseListeners()
        .add(new PhaseParseListener(vocabulary, recorder));
  }
}
