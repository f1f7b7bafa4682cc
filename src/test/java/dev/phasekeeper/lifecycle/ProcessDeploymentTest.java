package dev.phasekeeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The shipped processes deploy; a file with an unknown phase or transition is refused. */
@SpringBootTest(properties = "phasekeeper.workers.threads=0")
class ProcessDeploymentTest {

  @Autowired RepositoryService repository;
  @Autowired DataSource dataSource;

  @Test
  void shouldDeployTheShippedProcessesAtStartUp() {
    assertThat(
            repository
                .createProcessDefinitionQuery()
                .processDefinitionKey("service-lifecycle")
                .latestVersion()
                .singleResult())
        .isNotNull();
    for (String key : List.of("subject-purge", "phase-blocked", "before-hooks", "hook-run")) {
      assertThat(
              repository
                  .createProcessDefinitionQuery()
                  .processDefinitionKey(key)
                  .latestVersion()
                  .singleResult())
          .as(key)
          .isNotNull();
    }
  }

  /**
   * The engine's lookups by execution read that execution's rows: message subscriptions through
   * Phasekeeper's index on any database, variables on H2 through the index on EXECUTION_ID_ rather
   * than the one on TASK_ID_ (which H2 picks while it rates all columns alike).
   */
  @Test
  void shouldLookUpSubscriptionsAndVariablesByExecution() throws Exception {
    List<String> columns = new ArrayList<>();
    String variablesPlan = null;
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      String table =
          metaData.storesLowerCaseIdentifiers() ? "act_ru_event_subscr" : "ACT_RU_EVENT_SUBSCR";
      try (ResultSet index =
          metaData.getIndexInfo(
              connection.getCatalog(), connection.getSchema(), table, false, false)) {
        while (index.next()) {
          if ("PK_IDX_EVENT_SUBSCR_EXEC_NAME".equalsIgnoreCase(index.getString("INDEX_NAME"))) {
            columns.add(index.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
          }
        }
      }
      if ("H2".equals(metaData.getDatabaseProductName())) {
        try (Statement statement = connection.createStatement();
            ResultSet plan =
                statement.executeQuery(
                    "explain select * from ACT_RU_VARIABLE"
                        + " where EXECUTION_ID_ = 'x' and TASK_ID_ is null")) {
          plan.next();
          variablesPlan = plan.getString(1);
        }
      }
    }
    assertThat(columns).containsExactly("EXECUTION_ID_", "EVENT_NAME_");
    if (variablesPlan != null) {
      assertThat(variablesPlan)
          .contains("EXECUTION_ID_ = 'x' */")
          .doesNotContain("TASK_ID_ IS NULL */");
    }
  }

  @Test
  void shouldRefuseAnUnknownPhaseNamingTheElement() {
    String bpmn = process("bad-phase", "Start_Bad", "phase", "deplyed", "Flow_Ok", null);
    assertThatThrownBy(() -> deploy("bad-phase.bpmn", bpmn))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("LIFECYCLE-001")
        .hasMessageContaining("Start_Bad")
        .hasMessageContaining("'deplyed' is not a known phase");
  }

  @Test
  void shouldRefuseAnUnknownTransitionNamingTheElement() {
    String bpmn = process("bad-transition", "Start_Ok", null, null, "Flow_Bad", "depoly");
    assertThatThrownBy(() -> deploy("bad-transition.bpmn", bpmn))
        .hasMessageContaining("Flow_Bad")
        .hasMessageContaining("'depoly' is not a known transition");
  }

  @Test
  void shouldKeepTheRunningVersionWhenAChangedFileIsInvalid() throws Exception {
    long before =
        repository.createProcessDefinitionQuery().processDefinitionKey("service-lifecycle").count();
    String broken =
        Files.readString(Path.of("processes/service-lifecycle.bpmn"))
            .replace("value=\"deployed\"", "value=\"deploid\"");
    assertThatThrownBy(() -> deploy("service-lifecycle.bpmn", broken))
        .hasMessageContaining("'deploid' is not a known phase");
    assertThat(
            repository
                .createProcessDefinitionQuery()
                .processDefinitionKey("service-lifecycle")
                .count())
        .isEqualTo(before);
  }

  private void deploy(String name, String bpmn) {
    repository.createDeployment().addString(name, bpmn).deploy();
  }

  private static String process(
      String key,
      String startId,
      String startProperty,
      String startValue,
      String flowId,
      String flowTransition) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
          <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="%s">%s</startEvent>
            <sequenceFlow id="%s" sourceRef="%s" targetRef="End">%s</sequenceFlow>
            <endEvent id="End"/>
          </process>
        </definitions>
        """
        .formatted(
            key,
            startId,
            properties(startProperty, startValue),
            flowId,
            startId,
            properties("transition", flowTransition));
  }

  private static String properties(String name, String value) {
    if (value == null) {
      return "";
    }
    return "<extensionElements><camunda:properties><camunda:property name=\""
        + name
        + "\" value=\""
        + value
        + "\"/></camunda:properties></extensionElements>";
  }
}
