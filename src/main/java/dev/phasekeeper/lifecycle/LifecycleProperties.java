package dev.phasekeeper.lifecycle;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The vocabulary that BPMN files may use in their {@code phase=} and {@code transition=}
 * annotations. Deployment of a file that uses another name fails.
 *
 * @param phases the known phase names
 * @param transitions the known transition names
 */
@ConfigurationProperties("phasekeeper.lifecycle")
public record LifecycleProperties(
    @DefaultValue({
          "defining",
          "analyzing",
          "reserved",
          "deploying",
          "deployed",
          "blocked",
          "migrating",
          "cleaning",
          "rejected",
          "terminated",
          "deleted"
        })
        List<String> phases,
    @DefaultValue({
          "submit",
          "accept",
          "reject",
          "reserve",
          "deploy",
          "block",
          "unblock",
          "migrate",
          "migrateaccept",
          "migratefail",
          "migratesuccess",
          "automigrate",
          "clean",
          "expire",
          "terminate",
          "purge"
        })
        List<String> transitions) {

  public boolean isPhase(String name) {
    return phases.contains(name);
  }

  public boolean isTransition(String name) {
    return transitions.contains(name);
  }
}
