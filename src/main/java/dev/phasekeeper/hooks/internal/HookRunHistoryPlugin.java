package dev.phasekeeper.hooks.internal;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code hook-run} instances out of Camunda's history tables. Every run already has its
 * record in {@code pk_hook_run} (status, output, times: {@code GET
 * /mws/rest/services/hooks/running}), and a running or failed run stays visible in Cockpit,
 * which reads the runtime tables; history rows would double the writes of each run, whose start
 * latency is what hook authors wait for. Lifecycle processes keep their full history.
 */
@Component
class HookRunHistoryPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(
        new WithoutHookRuns(configuration.getHistoryEventHandler()));
  }

  private record WithoutHookRuns(HistoryEventHandler next) implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!HookRunStarter.PROCESS_KEY.equals(event.getProcessDefinitionKey())) {
        next.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}
