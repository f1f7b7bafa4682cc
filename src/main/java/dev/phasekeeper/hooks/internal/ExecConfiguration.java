package dev.phasekeeper.hooks.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasekeeper.hooks.HooksProperties;
import dev.phasekeeper.hooks.internal.exec.ArgumentTemplate;
import dev.phasekeeper.hooks.internal.exec.ExecRunner;
import dev.phasekeeper.hooks.internal.exec.ExecScriptRunner;
import dev.phasekeeper.hooks.internal.exec.HooksDirectory;
import dev.phasekeeper.lifecycle.HistoryFreeProcess;
import dev.phasekeeper.lifecycle.SideProcess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ExecConfiguration {

  private static final int MAX_OUTPUT_BYTES = 1024 * 1024;

  @Bean
  HooksDirectory hooksDirectory(HooksProperties properties) {
    return new HooksDirectory(properties.dir(), properties.legacyDirs());
  }

  @Bean
  ExecRunner execRunner(ObjectMapper json) {
    return new ExecRunner(json, MAX_OUTPUT_BYTES);
  }

  @Bean
  ExecScriptRunner execScriptRunner(HooksDirectory hooksDirectory, ExecRunner execRunner) {
    return new ExecScriptRunner(hooksDirectory, execRunner);
  }

  /** A hook run is a process of its subject, but not the subject's lifecycle. */
  @Bean
  SideProcess hookRunProcess() {
    return new SideProcess(HookRunStarter.PROCESS_KEY);
  }

  /**
   * Camunda keeps no history of hook runs: each run has its record in {@code pk_hook_run} (status,
   * output, times), which history rows would only double.
   */
  @Bean
  HistoryFreeProcess hookRunWithoutHistory() {
    return new HistoryFreeProcess(HookRunStarter.PROCESS_KEY);
  }

  @Bean
  ArgumentTemplate argumentTemplate() {
    return new ArgumentTemplate();
  }
}
