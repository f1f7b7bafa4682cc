package dev.phasekeeper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Phasekeeper: services, clusters, hosts and jobs driven through their lifecycles by BPMN. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PhasekeeperApplication {

  public static void main(String[] args) {
    SpringApplication.run(PhasekeeperApplication.class, args);
  }
}
