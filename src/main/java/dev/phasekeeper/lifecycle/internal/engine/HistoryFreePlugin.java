package dev.phasekeeper.lifecycle.internal.engine;

import dev.phasekeeper.lifecycle.HistoryFreeProcess;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the instances of each {@link HistoryFreeProcess} out of Camunda's history tables: their
 * owner records them itself, and a running or failed instance stays visible in Cockpit, which reads
 * the runtime tables. Every other process keeps its full history.
 */
@Component
class HistoryFreePlugin extends AbstractProcessEnginePlugin {

  private final Set<String> processKeys;

  HistoryFreePlugin(List<HistoryFreeProcess> processes) {
    this.processKeys =
        processes.stream()
            .map(HistoryFreeProcess::processKey)
            .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!processKeys.isEmpty()) {
      configuration.setHistoryEventHandler(
          new WithoutHistoryFree(configuration.getHistoryEventHandler(), processKeys));
    }
  }

  private record WithoutHistoryFree(HistoryEventHandler next, Set<String> processKeys)
      implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!processKeys.contains(event.getProcessDefinitionKey())) {
        next.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}
