package dev.phasekeeper;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Fails the build when a module reaches into another module's internals or modules form a cycle.
 */
class ModularityTests {

  @Test
  void shouldKeepModulesApart() {
    ApplicationModules.of(PhasekeeperApplication.class).verify();
  }
}
