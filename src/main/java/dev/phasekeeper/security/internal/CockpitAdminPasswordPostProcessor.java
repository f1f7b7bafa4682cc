package dev.phasekeeper.security.internal;

import dev.phasekeeper.security.SecurityProperties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives Cockpit's admin a password when none is configured, so that no fixed default exists.
 *
 * <p>The Camunda starter creates the admin user ({@code CreateAdminUserConfiguration}) only when
 * {@code camunda.bpm.admin-user.id} is set, and refuses to start without {@code
 * camunda.bpm.admin-user.password}. Both are read from the environment while the bean definitions
 * are registered, before any bean of ours exists, so they are supplied here: the id defaults to
 * {@code admin}; the password is taken from {@code <data dir>/cockpit-admin-password} or, at first
 * start, generated, written there (0600) and printed once. The user is created only when it does
 * not exist yet; a password changed later in Camunda Admin stays.
 */
class CockpitAdminPasswordPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String ID = "camunda.bpm.admin-user.id";
  static final String PASSWORD = "camunda.bpm.admin-user.password";
  static final String FILE = "cockpit-admin-password";

  private final Log log;

  CockpitAdminPasswordPostProcessor(DeferredLogFactory logs) {
    this.log = logs.getLog(CockpitAdminPasswordPostProcessor.class);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> supplied = new LinkedHashMap<>();
    String id = environment.getProperty(ID);
    if (id == null || id.isBlank()) {
      id = "admin";
      supplied.put(ID, id);
    }
    String password = environment.getProperty(PASSWORD);
    if (password == null || password.isBlank()) {
      supplied.put(
          PASSWORD,
          storedOrGenerated(
              Binder.get(environment)
                  .bindOrCreate("phasekeeper.security", SecurityProperties.class)
                  .dataDir(),
              id));
    }
    if (!supplied.isEmpty()) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource("phasekeeper-cockpit-admin", supplied));
    }
  }

  private String storedOrGenerated(Path dataDir, String id) {
    Path file = dataDir.resolve(FILE);
    Optional<String> stored = Secrets.read(file);
    if (stored.isPresent()) {
      return stored.get();
    }
    String password = Secrets.newPassword();
    Secrets.writeOwnerOnly(file, password);
    log.warn(
        Banner.of(
            "SECURITY-002 Cockpit admin password generated (first start)",
            "user:     " + id,
            "password: " + password,
            "Kept in " + file.toAbsolutePath() + " (readable by its owner only).",
            "It is not printed again. Set camunda.bpm.admin-user.password to choose one."));
    return password;
  }

  /** After application.yaml and the other config files have been read. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
