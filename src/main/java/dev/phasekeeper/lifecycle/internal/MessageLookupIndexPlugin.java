package dev.phasekeeper.lifecycle.internal;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Adds one index to the engine's schema once the engine has created it: message subscriptions by
 * execution and name. Every message to a subject (terminate, unblock, migrate) asks the engine for
 * the subject's execution that subscribes to the message; the engine's own indexes make H2 find
 * that subscription through its name, so each message read every subscription of that name (every
 * deployed service waits for terminate). With this index the lookup reads one row however many
 * subjects wait. PostgreSQL's planner needed it less, but is no worse off.
 */
@Component
class MessageLookupIndexPlugin extends AbstractProcessEnginePlugin {

  static final String INDEX = "PK_IDX_EVENT_SUBSCR_EXEC_NAME";

  private static final Logger log = LoggerFactory.getLogger(MessageLookupIndexPlugin.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    DataSource dataSource = configuration.getDataSource();
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_EVENT_SUBSCR";
    new JdbcTemplate(dataSource).execute("create index if not exists " + INDEX + " on " + table
        + " (EXECUTION_ID_, EVENT_NAME_)");
    log.debug("LIFECYCLE-003 index {} on {} is in place", INDEX, table);
  }
}
