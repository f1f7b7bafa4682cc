package dev.phasekeeper.hooks.internal.exec;

/**
 * How the JVM starts script processes. Since Java 13 it spawns a helper program
 * ({@code jspawnhelper}) that then executes the script: two program loads per script. On the
 * project's machine that costs 5.5 ms per start against 1.4 ms with {@code vfork}, which starts
 * the script directly, and the gap grows when several scripts start at once (four at a time on
 * two busy cores: 23.6 against 6.9 ms), which is how hooks start. Java 17 to 21 still offer
 * {@code vfork} (the default before Java 13), so Phasekeeper asks for it there unless the
 * operator chose a mechanism with {@code -Djdk.lang.Process.launchMechanism}. The JVM reads the
 * setting when it starts its first process, which is a script run by {@link ExecRunner}.
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
