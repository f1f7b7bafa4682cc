package dev.phasekeeper.hooks.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LaunchMechanismTest {

  @Test
  void shouldOfferVforkOnJava17To21Only() {
    assertThat(LaunchMechanism.offersVfork(Runtime.Version.parse("17.0.15"))).isTrue();
    assertThat(LaunchMechanism.offersVfork(Runtime.Version.parse("21.0.2"))).isTrue();
    assertThat(LaunchMechanism.offersVfork(Runtime.Version.parse("22"))).isFalse();
    assertThat(LaunchMechanism.offersVfork(Runtime.Version.parse("11.0.2"))).isFalse();
  }

  @Test
  void shouldAskForVforkWhenARunnerIsMadeOnALinuxJvmThatOffersIt() {
    new ExecRunner(new ObjectMapper(), 1024);
    boolean offered =
        LaunchMechanism.offersVfork(Runtime.version())
            && System.getProperty("os.name").startsWith("Linux");
    assertThat(System.getProperty(LaunchMechanism.PROPERTY))
        .isEqualTo(offered ? LaunchMechanism.VFORK : null);
  }

  @Test
  void shouldKeepAMechanismTheOperatorChose() {
    String before = System.getProperty(LaunchMechanism.PROPERTY);
    System.setProperty(LaunchMechanism.PROPERTY, "POSIX_SPAWN");
    try {
      LaunchMechanism.preferVfork(Runtime.Version.parse("17"));
      assertThat(System.getProperty(LaunchMechanism.PROPERTY)).isEqualTo("POSIX_SPAWN");
    } finally {
      if (before == null) {
        System.clearProperty(LaunchMechanism.PROPERTY);
      } else {
        System.setProperty(LaunchMechanism.PROPERTY, before);
      }
    }
  }
}
