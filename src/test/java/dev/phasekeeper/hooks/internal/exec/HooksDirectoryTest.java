package dev.phasekeeper.hooks.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HooksDirectoryTest {

  @TempDir Path temp;

  private Path dir;
  private Path outside;
  private HooksDirectory hooks;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createDirectories(temp.resolve("hooks"));
    outside = Files.createDirectories(temp.resolve("outside"));
    TestScripts.write(dir.resolve("audit/log.sh"), "#!/bin/sh\n", true);
    TestScripts.write(outside.resolve("evil.sh"), "#!/bin/sh\n", true);
    hooks = new HooksDirectory(dir, HooksDirectory.MOAB_LEGACY_DIRS);
  }

  @Test
  void shouldResolveRelativePathsInsideTheDirectory() throws IOException {
    assertThat(hooks.resolve("audit/log.sh")).isEqualTo(dir.resolve("audit/log.sh").toRealPath());
  }

  @Test
  void shouldTellWhetherAnyFolderHoldsAScriptOfAName() throws IOException {
    TestScripts.write(dir.resolve("steps/vm/deploy"), "#!/bin/sh\n", true);
    Files.createDirectories(dir.resolve("steps/storage"));

    assertThat(hooks.anyFolderHolds("steps", "deploy")).isTrue();
    assertThat(hooks.anyFolderHolds("steps", "clean")).isFalse();
    assertThat(hooks.anyFolderHolds("no-such-folder", "deploy")).isFalse();
    assertThat(hooks.anyFolderHolds("audit/log.sh", "deploy")).as("a file, not a folder").isFalse();
  }

  @Test
  void shouldAcceptAbsolutePathsInsideTheDirectory() throws IOException {
    String absolute = dir.resolve("audit/log.sh").toString();

    assertThat(hooks.resolve(absolute)).isEqualTo(dir.resolve("audit/log.sh").toRealPath());
    assertThat(hooks.isInside(absolute)).isTrue();
  }

  @Test
  void shouldAcceptDotDotThatStaysInside() throws IOException {
    assertThat(hooks.resolve("audit/../audit/./log.sh"))
        .isEqualTo(dir.resolve("audit/log.sh").toRealPath());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x",
        "../outside/evil.sh",
        "audit/../../outside/evil.sh",
        ".",
        "audit/..",
        "/",
        "/../x",
        "/audit/../../outside/evil.sh",
        "/opt/mws/spool/hooks/../../x"
      })
  void shouldRefusePathsOutsideTheDirectory(String path) {
    assertThatThrownBy(() -> hooks.resolve(path))
        .isInstanceOf(ScriptPathException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url: script path '" + path + "' is outside the hooks directory " + dir);
    assertThat(hooks.isInside(path)).isFalse();
  }

  @Test
  void shouldRefuseASymlinkThatPointsOutside() throws IOException {
    Files.createSymbolicLink(dir.resolve("evil.sh"), outside.resolve("evil.sh"));

    assertThatThrownBy(() -> hooks.resolve("evil.sh"))
        .isInstanceOf(ScriptPathException.class)
        .hasMessageContaining("is outside the hooks directory");
    assertThat(hooks.isInside("evil.sh")).isFalse();
    assertThat(hooks.find("evil.sh")).isEmpty();
  }

  @Test
  void shouldRefuseADirectorySymlinkThatPointsOutsideEvenForFilesNotYetThere() throws IOException {
    Files.createSymbolicLink(dir.resolve("elsewhere"), outside);

    assertThat(hooks.isInside("elsewhere/evil.sh")).isFalse();
    assertThat(hooks.isInside("elsewhere/not-yet-written.sh")).isFalse();
  }

  @Test
  void shouldRefuseADanglingSymlinkThatPointsOutside() throws IOException {
    Files.createSymbolicLink(dir.resolve("later.sh"), outside.resolve("not-yet-written.sh"));

    assertThat(hooks.isInside("later.sh")).isFalse();
  }

  @Test
  void shouldAcceptASymlinkThatStaysInside() throws IOException {
    Files.createSymbolicLink(dir.resolve("log.sh"), dir.resolve("audit/log.sh"));

    assertThat(hooks.resolve("log.sh")).isEqualTo(dir.resolve("audit/log.sh").toRealPath());
  }

  @Test
  void shouldAcceptFilesThatDoNotExistYetInside() throws IOException {
    assertThat(hooks.isInside("new/notify.sh")).isTrue();
    assertThat(hooks.resolve("new/notify.sh")).isEqualTo(dir.toRealPath().resolve("new/notify.sh"));
  }

  @Test
  void shouldRefuseSymlinkLoops() throws IOException {
    Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
    Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));

    assertThatThrownBy(() -> hooks.resolve("a/x.sh"))
        .isInstanceOf(ScriptPathException.class)
        .hasMessageContaining("too many levels of symbolic links");
  }

  @Test
  void shouldMapMoabSpoolPathsOntoTheHooksDirectory() throws IOException {
    assertThat(hooks.resolve("/opt/mws/spool/hooks/audit/log.sh"))
        .isEqualTo(dir.resolve("audit/log.sh").toRealPath());
    assertThat(hooks.isInside("/opt/mws/spool/hooks/audit/log.sh")).isTrue();
  }

  @Test
  void shouldNotLetALegacyPathEscape() {
    assertThat(hooks.isInside("/opt/mws/spool/hooks/../../../../etc/passwd")).isFalse();
    assertThat(hooks.isInside("/opt/mws/spool/hooks")).isFalse();
  }

  @Test
  void shouldMapAnyConfiguredLegacyDirectory() throws IOException {
    HooksDirectory custom = new HooksDirectory(dir, List.of("/var/spool/old-hooks/"));

    assertThat(custom.resolve("/var/spool/old-hooks/audit/log.sh"))
        .isEqualTo(dir.resolve("audit/log.sh").toRealPath());
    assertThat(custom.resolve("/opt/mws/spool/hooks/audit/log.sh"))
        .as("not a legacy directory here: an absolute path like any other")
        .isEqualTo(dir.toRealPath().resolve("opt/mws/spool/hooks/audit/log.sh"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/myScript.pl", "/audit.sh"})
  void shouldResolveTheMoabDocumentsAbsolutePathsInsideTheDirectory(String path)
      throws IOException {
    TestScripts.write(dir.resolve(path.substring(1)), "#!/bin/sh\n", true);

    assertThat(hooks.resolve(path)).isEqualTo(dir.resolve(path.substring(1)).toRealPath());
    assertThat(hooks.find(path)).contains(dir.resolve(path.substring(1)).toRealPath());
  }

  @Test
  void shouldResolveAnyAbsolutePathOutsideTheDirectoryInsideIt() throws IOException {
    assertThat(hooks.resolve("/etc/passwd")).isEqualTo(dir.toRealPath().resolve("etc/passwd"));
    assertThat(hooks.resolve("/audit/log.sh")).isEqualTo(dir.resolve("audit/log.sh").toRealPath());
    assertThat(hooks.resolve(outside.resolve("evil.sh").toString()))
        .isEqualTo(dir.toRealPath().resolve(outside.toString().substring(1)).resolve("evil.sh"));
  }

  @Test
  void shouldRefuseAnAbsolutePathThroughASymlinkOut() throws IOException {
    Files.createSymbolicLink(dir.resolve("elsewhere"), outside);

    assertThat(hooks.isInside("/elsewhere/evil.sh")).isFalse();
  }

  @Test
  void shouldWorkWhenTheHooksDirectoryIsItselfASymlink() throws IOException {
    Path link = Files.createSymbolicLink(temp.resolve("hooks-link"), dir);
    HooksDirectory linked = new HooksDirectory(link, List.of());

    assertThat(linked.resolve("audit/log.sh")).isEqualTo(dir.resolve("audit/log.sh").toRealPath());
    assertThat(linked.isInside(link.resolve("audit/log.sh").toString())).isTrue();
    assertThat(linked.isInside(dir.resolve("audit/log.sh").toString())).isTrue();
    assertThat(linked.isInside("../outside/evil.sh")).isFalse();
  }

  @Test
  void shouldRefuseAMissingPath() {
    assertThatThrownBy(() -> hooks.resolve(" "))
        .isInstanceOf(ScriptPathException.class)
        .hasMessage("url: missing script path");
  }

  @Test
  void shouldFindOnlyExecutableRegularFilesInside() throws IOException {
    TestScripts.write(dir.resolve("steps/plain.txt"), "not a script", false);

    assertThat(hooks.find("audit/log.sh")).contains(dir.resolve("audit/log.sh").toRealPath());
    assertThat(hooks.find("steps/plain.txt")).isEmpty();
    assertThat(hooks.find("steps/missing.sh")).isEmpty();
    assertThat(hooks.find("audit")).isEmpty();
    assertThat(hooks.find("../outside/evil.sh")).isEmpty();
  }
}
