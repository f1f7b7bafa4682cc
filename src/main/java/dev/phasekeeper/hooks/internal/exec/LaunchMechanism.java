package dev.phasekeeper.hooks.internal.exec;

/**
 * How the JVM starts script processes: with {@code vfork} where the JVM still offers it (Java 17 to
 * 21), which loads the script (or its launcher) directly rather than through the {@code
 * jspawnhelper} program first, cheaper when several hooks start at once; unless the operator chose
 * a mechanism with {@code -Djdk.lang.Process.launchMechanism}. The JVM reads the setting when it
 * starts its first process, which is a script run by {@link ExecRunner}.
 */
final class LaunchMechanism {

  static final String PROPERTY = "jdk.lang.Process.launchMechanism";
  static final String VFORK = "VFORK";

  private LaunchMechanism() {}

  /** Asks for vfork on the JVMs that offer it, unless a mechanism was chosen already. */
  static void preferVfork(Runtime.Version version) {
    if (System.getProperty(PROPERTY) == null
        && offersVfork(version)
        && System.getProperty("os.name", "").startsWith("Linux")) {
      System.setProperty(PROPERTY, VFORK);
    }
  }

  static boolean offersVfork(Runtime.Version version) {
    return version.feature() >= 17 && version.feature() <= 21;
  }
}
