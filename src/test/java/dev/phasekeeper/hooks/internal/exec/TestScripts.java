package dev.phasekeeper.hooks.internal.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Copies the scripts under src/test/resources/exec into a test's directory, executable. */
final class TestScripts {

  private TestScripts() {}

  static Path install(String name, Path dir) {
    try (InputStream in = TestScripts.class.getResourceAsStream("/exec/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test script /exec/" + name);
      }
      return write(dir.resolve(name), new String(in.readAllBytes(), StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, String content, boolean executable) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      Files.setPosixFilePermissions(
          file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Alive and not a zombie (killed orphans stay zombies where PID 1 does not reap them). */
  static boolean running(long pid) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false; // gone between the two checks
    }
  }
}
