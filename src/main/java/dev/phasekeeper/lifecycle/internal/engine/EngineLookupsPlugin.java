package dev.phasekeeper.lifecycle.internal.engine;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes two of the engine's lookups by execution read the rows of that execution, not every row of
 * their table, once the engine has created its schema. Each costs more as more subjects wait:
 *
 * <ul>
 *   <li>Every message to a subject (terminate, unblock, migrate) looks for the subject's execution
 *       that subscribes to it. The engine's indexes make H2 find that subscription through its
 *       name, reading every subscription of the name (every deployed service waits for terminate).
 *       An index on execution and name, {@value #INDEX}, makes it one row on any database.
 *   <li>Loading an execution's variables (every fetched task, every process end) asks for {@code
 *       EXECUTION_ID_ = ? and TASK_ID_ is null}. Until H2 has analysed a table it rates every
 *       column alike, and picks the index on {@code TASK_ID_}: every process variable is read. H2
 *       is told that {@code EXECUTION_ID_} is selective where it still has its default rating (its
 *       own analysis, after 2,000 changes to a table, rates the columns from their data and
 *       agrees).
 * </ul>
 */
@Component
class EngineLookupsPlugin extends AbstractProcessEnginePlugin {

  static final String INDEX = "PK_IDX_EVENT_SUBSCR_EXEC_NAME";

  /** Tables whose EXECUTION_ID_ H2 should rate as selective before it has analysed them. */
  static final List<String> BY_EXECUTION = List.of("ACT_RU_VARIABLE", "ACT_RU_EVENT_SUBSCR");

  private static final int H2_DEFAULT_SELECTIVITY = 50;
  private static final Logger log = LoggerFactory.getLogger(EngineLookupsPlugin.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
    String prefix = configuration.getDatabaseTablePrefix();
    jdbc.execute(
        "create index if not exists "
            + INDEX
            + " on "
            + prefix
            + "ACT_RU_EVENT_SUBSCR (EXECUTION_ID_, EVENT_NAME_)");
    if ("h2".equals(configuration.getDatabaseType())) {
      BY_EXECUTION.forEach(table -> rateExecutionIdSelective(jdbc, prefix, table));
    }
  }

  private static void rateExecutionIdSelective(JdbcTemplate jdbc, String prefix, String table) {
    Integer rating =
        jdbc.query(
            "select selectivity from information_schema.columns"
                + " where table_schema = schema() and table_name = ? and column_name = 'EXECUTION_ID_'",
            rs -> rs.next() ? rs.getInt(1) : null,
            table);
    if (rating != null && rating == H2_DEFAULT_SELECTIVITY) {
      jdbc.execute("alter table " + prefix + table + " alter column EXECUTION_ID_ selectivity 100");
      log.debug("LIFECYCLE-003 H2 rates {}.EXECUTION_ID_ as selective", table);
    }
  }
}
