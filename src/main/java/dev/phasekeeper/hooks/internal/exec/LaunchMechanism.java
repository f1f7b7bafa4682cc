package dev.phasekeeper.hooks.internal.exec;

/**
 * Asks the JVM to start scripts with {@code vfork}, which loads one program per script where the
 * default ({@code jspawnhelper}, since Java 13) loads two, so hooks start sooner (Java 17 to 21,
 * unless {@code -Djdk.lang.Process.launchMechanism} is set; figures in docs/benchmark.md).
 */
final class LaunchMechanism {

  static final String PROPERTY = "jdk.lang.Process.launchMechanism";
  static final String VFORK = "VFORK";

  private LaunchMechanism() {}

  /** Asks for vfork on the JVMs that offer it, unless a mechanism was chosen already. */
  static void preferVfork(Runtime.Version version) {
    if (System.getProperty(PROPERTY) == null && offersVfork(version)
        && System.getProperty("os.name", "").startsWith("Linux")) {
      System.setProperty(PROPERTY, VFORK);
    }
  }

  static boolean offersVfork(Runtime.Version version) {
    return version.feature() >= 17 && version.feature() <= 21;
  }
}
