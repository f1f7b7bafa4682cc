package dev.phasekeeper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;

/** The machine and the software versions a run measured, for the results. */
record Machine(int nproc, String memTotal, String java, String os, String h2, String camunda) {

  static Machine current() {
    return new Machine(
        readNproc(),
        readMemTotal(),
        System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        org.h2.engine.Constants.FULL_VERSION,
        String.valueOf(ProcessEngine.class.getPackage().getImplementationVersion()));
  }

  /** What {@code nproc} prints: the processors this process may use. */
  private static int readNproc() {
    try {
      Process process = new ProcessBuilder("nproc").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor() == 0
          ? Integer.parseInt(out.trim())
          : Runtime.getRuntime().availableProcessors();
    } catch (IOException | NumberFormatException e) {
      return Runtime.getRuntime().availableProcessors();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Runtime.getRuntime().availableProcessors();
    }
  }

  /** MemTotal of /proc/meminfo, as it is written there (e.g. "24683620 kB"). */
  private static String readMemTotal() {
    Path meminfo = Path.of("/proc/meminfo");
    if (!Files.isReadable(meminfo)) {
      return "unknown";
    }
    try {
      return Files.readAllLines(meminfo).stream()
          .filter(line -> line.startsWith("MemTotal:"))
          .map(line -> line.substring("MemTotal:".length()).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
