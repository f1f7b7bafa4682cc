package dev.phasekeeper.hooks.internal.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory {@code exec://} scripts live in; nothing outside it runs.
 *
 * <p>Relative script paths resolve against it. An absolute path that lies inside it (once symlinks
 * are resolved) is taken as it is; a path under a legacy directory (Moab's {@code
 * /opt/mws/spool/hooks}) is mapped onto it, so existing Moab hook URLs keep working; any other
 * absolute path is taken relative to it, so the Moab document's {@code exec:///myScript.pl} is
 * {@code <hooks dir>/myScript.pl}. Only a path that escapes the directory ({@code ..}, symlinks
 * out) is refused. Paths are resolved the way the kernel would, component by component, so a file
 * that does not exist yet can still be checked: existing symlinks (dangling ones too) are followed,
 * the rest is taken as written.
 */
public final class HooksDirectory {

  /** Moab's hook spool directory, mapped onto the hooks directory. */
  public static final List<String> MOAB_LEGACY_DIRS = List.of("/opt/mws/spool/hooks");

  private static final Logger log = LoggerFactory.getLogger(HooksDirectory.class);
  private static final int MAX_SYMLINKS = 40;

  private final Path dir;
  private final List<Path> legacyDirs;

  public HooksDirectory(Path dir, List<String> legacyDirs) {
    this.dir = dir.toAbsolutePath().normalize();
    this.legacyDirs =
        legacyDirs.stream().map(d -> Path.of(d).toAbsolutePath().normalize()).toList();
  }

  /** The hooks directory as configured (absolute). */
  public Path dir() {
    return dir;
  }

  /**
   * The real path of a script inside the hooks directory. The script need not exist (the runner
   * reports a missing one), but its path must not escape the directory.
   *
   * @throws ScriptPathException when the path is empty, escapes or cannot be resolved
   */
  public Path resolve(String scriptPath) {
    Path path = parse(scriptPath);
    Path root = realPath(dir, scriptPath);
    if (path.isAbsolute()) {
      Path asWritten = realPath(path, scriptPath);
      if (isUnder(asWritten, root)) {
        return asWritten;
      }
    }
    Path real = realPath(candidate(path), scriptPath);
    if (!isUnder(real, root)) {
      throw new ScriptPathException(
          "url: script path '" + scriptPath + "' is outside the hooks directory " + dir);
    }
    return real;
  }

  private static boolean isUnder(Path real, Path root) {
    return real.startsWith(root) && !real.equals(root);
  }

  /**
   * An optional script: its real path when it exists inside the hooks directory as a regular,
   * executable file; otherwise empty.
   */
  public Optional<Path> find(String relative) {
    Path real;
    try {
      real = resolve(relative);
    } catch (ScriptPathException e) {
      log.warn("EXEC-010 optional script ignored: {}", e.getMessage());
      return Optional.empty();
    }
    return Files.isRegularFile(real) && Files.isExecutable(real)
        ? Optional.of(real)
        : Optional.empty();
  }

  /**
   * Whether some folder directly under {@code folder} holds an entry called {@code name}: a cheap
   * test that spares callers the lookups that {@link #find} needs when no such script exists
   * anywhere. True when in doubt; {@link #find} decides.
   */
  public boolean anyFolderHolds(String folder, String name) {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(dir.resolve(folder))) {
      for (Path candidate : folders) {
        if (Files.exists(candidate.resolve(name))) {
          return true;
        }
      }
      return false;
    } catch (NoSuchFileException | NotDirectoryException e) {
      return false;
    } catch (IOException | InvalidPathException e) {
      return true;
    }
  }

  /**
   * Whether the script path stays inside the hooks directory (checked when a hook or step is
   * defined; the file need not exist yet).
   */
  public boolean isInside(String scriptPath) {
    try {
      resolve(scriptPath);
      return true;
    } catch (ScriptPathException e) {
      return false;
    }
  }

  private static Path parse(String scriptPath) {
    if (scriptPath == null || scriptPath.isBlank()) {
      throw new ScriptPathException("url: missing script path");
    }
    try {
      return Path.of(scriptPath);
    } catch (InvalidPathException e) {
      throw new ScriptPathException(
          "url: script path '" + scriptPath + "' is not a valid path: " + e.getReason());
    }
  }

  /**
   * The path inside the hooks directory that a script path names, its {@code ..} kept (not
   * normalized away) so that {@link #realPath} sees whether it climbs out.
   */
  private Path candidate(Path path) {
    if (!path.isAbsolute()) {
      return dir.resolve(path);
    }
    for (Path legacy : legacyDirs) {
      if (path.startsWith(legacy)) {
        return inDir(path, legacy.getNameCount());
      }
    }
    return inDir(path, 0);
  }

  /** The hooks directory plus the path's components from the given one on. */
  private Path inDir(Path path, int from) {
    return from == path.getNameCount() ? dir : dir.resolve(path.subpath(from, path.getNameCount()));
  }

  /** Resolves an absolute path like realpath(3), but tolerates components that do not exist. */
  private static Path realPath(Path absolute, String scriptPath) {
    Path current = absolute.getRoot();
    Deque<Path> pending = new ArrayDeque<>();
    absolute.forEach(pending::addLast);
    int symlinks = 0;
    while (!pending.isEmpty()) {
      String name = pending.removeFirst().toString();
      if (name.equals(".") || name.isEmpty()) {
        continue;
      }
      if (name.equals("..")) {
        current = current.getParent() != null ? current.getParent() : current;
        continue;
      }
      Path next = current.resolve(name);
      if (!Files.isSymbolicLink(next)) {
        current = next;
        continue;
      }
      if (++symlinks > MAX_SYMLINKS) {
        throw new ScriptPathException(
            "url: script path '" + scriptPath + "' has too many levels of symbolic links");
      }
      Path target = readLink(next, scriptPath);
      for (int i = target.getNameCount() - 1; i >= 0; i--) {
        pending.addFirst(target.getName(i));
      }
      if (target.isAbsolute()) {
        current = target.getRoot();
      }
    }
    return current;
  }

  private static Path readLink(Path link, String scriptPath) {
    try {
      return Files.readSymbolicLink(link);
    } catch (IOException e) {
      throw new ScriptPathException(
          "url: script path '"
              + scriptPath
              + "' cannot be resolved: symlink "
              + link
              + " cannot be read ("
              + e.getMessage()
              + ")");
    }
  }
}
