package dev.phasekeeper.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In the PostgreSQL run of the suite, gives every Spring test context a schema of its own, as the
 * in-memory H2 run gives each its own database. Test contexts stay alive in Spring's cache, and
 * their task workers would otherwise fetch the external tasks of another context's test. The schema
 * is dropped when the context closes.
 */
public class PostgresSchemaPerContext implements EnvironmentPostProcessor {

  private static final String URL = "spring.datasource.url";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String url = environment.getProperty(URL);
    if (url == null
        || !url.startsWith("jdbc:postgresql:")
        || !environment.matchesProfiles("test")
        || url.contains("currentSchema=")) {
      return;
    }
    String user = environment.getProperty("spring.datasource.username");
    String password = environment.getProperty("spring.datasource.password");
    String schema = "pk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(url, user, password, "create schema " + schema);
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "postgres-schema-per-context",
                Map.of(
                    URL,
                    schemaUrl,
                    // Camunda looks for its tables in this schema, not in any schema of the
                    // database
                    "camunda.bpm.database.schema-name",
                    schema,
                    "camunda.bpm.database.table-prefix",
                    schema + ".")));
    application.addListeners(
        event -> {
          if (event instanceof ContextClosedEvent) {
            execute(url, user, password, "drop schema " + schema + " cascade");
          }
        });
  }

  private static void execute(String url, String user, String password, String sql) {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run '" + sql + "' on " + url, e);
    }
  }
}
