package dev.phasekeeper.hooks.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasekeeper.hooks.script.ScriptCancelledException;
import dev.phasekeeper.hooks.script.ScriptResult;
import dev.phasekeeper.hooks.script.ScriptStatus;
import dev.phasekeeper.hooks.script.ScriptUrl;
import dev.phasekeeper.hooks.script.ScriptWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecRunnerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private final ExecRunner runner = new ExecRunner(new ObjectMapper(), 1024 * 1024);

  /** Processes a test left behind on purpose, killed afterwards. */
  private final List<Long> leftovers = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    leftovers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void shouldPassEachArgumentExactlyWithoutAShell() throws IOException {
    Path script = TestScripts.install("print-args.sh", dir);
    Files.writeString(dir.resolve("x"), "must survive");
    List<String> hostile =
        List.of(
            "a b",
            "'\"",
            "; rm -rf x",
            "$(touch pwned)",
            "`touch pwned`",
            "*",
            "line one\nline two",
            "",
            "--help",
            "$HOME");

    ScriptResult result = runner.run(invocation(script, hostile, Map.of(), null), pid -> {});

    assertThat(result.status()).isEqualTo(ScriptStatus.SUCCEEDED);
    assertThat(argv(result.stdout())).containsExactlyElementsOf(hostile);
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(dir.resolve("x")).hasContent("must survive");
  }

  @Test
  void shouldKeepSubstitutedValuesAsOneArgument() {
    Path script = TestScripts.install("print-args.sh", dir);
    ScriptUrl url = ScriptUrl.parse("exec:///print-args.sh?name=$name&mode=fast&$id");
    Map<String, String> variables =
        Map.of("name", "web; touch pwned", "id", "$(touch pwned) \"svc 1\"");

    List<String> arguments =
        new ArgumentTemplate()
            .substitute(url.arguments(), name -> Optional.ofNullable(variables.get(name)));
    ScriptResult result = runner.run(invocation(script, arguments, Map.of(), null), pid -> {});

    assertThat(argv(result.stdout()))
        .containsExactly("web; touch pwned", "fast", "$(touch pwned) \"svc 1\"");
    assertThat(dir.resolve("pwned")).doesNotExist();
  }

  @Test
  void shouldWriteTheBodyToStdin() {
    Path script = TestScripts.install("print-stdin.sh", dir);
    String body = "{\"id\":\"svc-1\",\"attributes\":{\"note\":\"line\\nbreak ünïcode\"}}\n";

    ScriptResult result = runner.run(invocation(script, List.of(), Map.of(), body), pid -> {});

    assertThat(result.stdout()).isEqualTo(body);
  }

  @Test
  void shouldCloseStdinAtOnceWhenThereIsNoBody() {
    Path script = TestScripts.install("print-stdin.sh", dir);

    ScriptResult result =
        runner.run(invocation(script, List.of(), Map.of(), null, Duration.ofSeconds(5)), pid -> {});

    assertThat(result.timedOut()).isFalse();
    assertThat(result.status()).isEqualTo(ScriptStatus.SUCCEEDED);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void shouldNotHangWhenTheScriptIgnoresALargeStdin() {
    Path script = TestScripts.install("reply.sh", dir);
    String body = "x".repeat(4 * 1024 * 1024);

    ScriptResult result =
        runner.run(
            invocation(script, List.of("ok", "0"), Map.of(), body, Duration.ofSeconds(10)),
            pid -> {});

    assertThat(result.timedOut()).isFalse();
    assertThat(result.status()).isEqualTo(ScriptStatus.SUCCEEDED);
  }

  @Test
  void shouldPassOnlyTheGivenVariablesAndAMinimalBase() {
    Path script = TestScripts.install("print-env.sh", dir);
    Map<String, String> given =
        Map.of(
            "PHASEKEEPER_SUBJECT_ID",
            "svc 1",
            "PHASEKEEPER_PHASE",
            "deploying",
            "PHASEKEEPER_TOKEN",
            "t0k3n");

    ScriptResult result = runner.run(invocation(script, List.of(), given, null), pid -> {});

    Map<String, String> environment = environment(result.stdout());
    assertThat(environment).containsAllEntriesOf(given);
    // PWD, SHLVL and _ are set by /bin/sh itself, not inherited
    assertThat(environment.keySet())
        .allMatch(
            name ->
                name.startsWith("PHASEKEEPER_")
                    || List.of("PATH", "HOME", "LANG", "PWD", "OLDPWD", "SHLVL", "_")
                        .contains(name),
            "allowed variable");
    assertThat(environment).containsKey("PATH");
    System.getenv().keySet().stream()
        .filter(
            name -> !List.of("PATH", "HOME", "LANG", "PWD", "OLDPWD", "SHLVL", "_").contains(name))
        .forEach(name -> assertThat(environment).doesNotContainKey(name));
  }

  @Test
  void shouldLetTheScriptsJsonStatusWin() {
    ScriptResult result = reply("{\"status\":\"failed\",\"reason\":\"quota\"}", 0);

    assertThat(result.status()).isEqualTo(ScriptStatus.FAILED);
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdoutJson().get("reason").asText()).isEqualTo("quota");
    assertThat(result.message()).isEqualTo("script reported status failed; exit code 0");
  }

  @Test
  void shouldTakeAReportedSuccessOverANonZeroExitCode() {
    assertThat(reply("{\"status\":\"Succeeded\"}", 1).status()).isEqualTo(ScriptStatus.SUCCEEDED);
  }

  @Test
  void shouldReportWaitingWithTheScriptsMessage() {
    ScriptResult result =
        reply("  {\"status\":\"waiting\",\"message\":\"ticket OPS-7 opened\"}\n", 0);

    assertThat(result.status()).isEqualTo(ScriptStatus.WAITING);
    assertThat(result.message()).isEqualTo("ticket OPS-7 opened");
  }

  @Test
  void shouldFailOnANonZeroExitWithoutJson() {
    ScriptResult result = reply("something broke", 3);

    assertThat(result.status()).isEqualTo(ScriptStatus.FAILED);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.message()).isEqualTo("exit code 3");
    assertThat(result.stdout()).isEqualTo("something broke");
    assertThat(result.stdoutJson()).isNull();
  }

  @Test
  void shouldSucceedOnExitZeroWithoutJsonStatus() {
    ScriptResult result = reply("{\"output\":\"fine\"}", 0);

    assertThat(result.status()).isEqualTo(ScriptStatus.SUCCEEDED);
    assertThat(result.message()).isEqualTo("exit code 0");
    assertThat(result.stdoutJson().get("output").asText()).isEqualTo("fine");
  }

  @Test
  void shouldParseOnlyASingleJsonObject() {
    assertThat(reply("[{\"status\":\"failed\"}]", 0).stdoutJson()).isNull();
    assertThat(reply("{\"status\":\"failed\"} {\"b\":2}", 0).status())
        .isEqualTo(ScriptStatus.SUCCEEDED);
    assertThat(reply("{not json}", 0).stdoutJson()).isNull();
  }

  @Test
  void shouldFailOnAnUnknownReportedStatus() {
    ScriptResult result = reply("{\"status\":\"done\"}", 0);

    assertThat(result.status()).isEqualTo(ScriptStatus.FAILED);
    assertThat(result.message()).contains("'done'", "use succeeded, failed or waiting");
  }

  @Test
  void shouldKeepStderr() {
    Path script = TestScripts.install("reply.sh", dir);

    ScriptResult result =
        runner.run(invocation(script, List.of("", "1", "disk full"), Map.of(), null), pid -> {});

    assertThat(result.stderr()).isEqualTo("disk full");
  }

  @Test
  void shouldReportThePidAndTimesOfAQuickScriptInItsResultOnly() {
    Path script = TestScripts.install("reply.sh", dir);
    AtomicLong running = new AtomicLong();
    Instant before = Instant.now();

    ScriptResult result =
        runner.run(invocation(script, List.of("", "0"), Map.of(), null), running::set);

    assertThat(result.pid()).isPositive();
    assertThat(running.get()).as("no pid reported while it ran").isZero();
    assertThat(result.startedAt()).isAfterOrEqualTo(before);
    assertThat(result.endedAt()).isAfterOrEqualTo(result.startedAt());
  }

  @Test
  void shouldReportThePidOfAScriptThatIsStillRunning() throws IOException {
    Path script = dir.resolve("nap.sh");
    Files.writeString(script, "#!/bin/sh\nsleep 0.5\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    AtomicLong running = new AtomicLong();
    AtomicBoolean aliveWhenReported = new AtomicBoolean();

    ScriptResult result =
        runner.run(
            invocation(script, List.of(), Map.of(), null),
            pid -> {
              running.set(pid);
              aliveWhenReported.set(
                  ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            });

    assertThat(running.get()).isPositive().isEqualTo(result.pid());
    assertThat(aliveWhenReported).isTrue();
  }

  @Test
  void shouldGiveTheScriptAParentDeathSignalSoItDiesWithTheJvm() throws IOException {
    Path script = dir.resolve("dump.sh");
    Files.writeString(script, "#!/bin/sh\nexec " + ExecRunner.SETPRIV + " --dump\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

    ScriptResult result = runner.run(invocation(script, List.of(), Map.of(), null), pid -> {});

    assertThat(result.stdout()).contains("Parent death signal: KILL");
  }

  @Test
  void shouldKillTheScriptAndThrowWhenItsWatchCancelsTheRun() throws IOException {
    Path script = dir.resolve("long.sh");
    Files.writeString(script, "#!/bin/sh\nsleep 30\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    AtomicLong pid = new AtomicLong();
    Instant before = Instant.now();
    ScriptWatch cancelledOnceRunning = ScriptWatch.of(pid::set, () -> pid.get() > 0);

    assertThatThrownBy(
            () -> runner.run(invocation(script, List.of(), Map.of(), null), cancelledOnceRunning))
        .isInstanceOf(ScriptCancelledException.class);

    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(5)).until(() -> !TestScripts.running(pid.get()));
  }

  @Test
  void shouldKeepTheHeadOfStdoutAndTheTailOfStderr() {
    Path script = TestScripts.install("big-output.sh", dir);
    ExecRunner small = new ExecRunner(new ObjectMapper(), 1024);

    ScriptResult result =
        small.run(invocation(script, List.of("100000"), Map.of(), null), pid -> {});

    assertThat(result.status()).isEqualTo(ScriptStatus.SUCCEEDED);
    assertThat(result.stdout())
        .startsWith("HEAD")
        .doesNotContain("TAIL")
        .contains("bytes dropped]");
    assertThat(result.stderr()).endsWith("TAIL").doesNotContain("HEAD").contains("bytes dropped]");
    assertThat(result.message())
        .contains(
            "stdout truncated to its first 1024 of 100008 bytes",
            "stderr truncated to its last 1024 of 100008 bytes");
  }

  @Test
  void shouldKillTheWholeTreeOnTimeout() throws IOException {
    Path script = TestScripts.install("process-tree.sh", dir);
    Path pidFile = dir.resolve("pids");

    Instant start = Instant.now();
    ScriptResult result =
        runner.run(
            invocation(script, List.of(pidFile.toString()), Map.of(), null, Duration.ofSeconds(1)),
            pid -> {});
    Duration took = Duration.between(start, Instant.now());

    assertThat(result.timedOut()).isTrue();
    assertThat(result.status()).isEqualTo(ScriptStatus.FAILED);
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.message()).isEqualTo("timed out after 1 s");
    assertThat(took).isLessThan(Duration.ofSeconds(4));
    List<Long> pids = pids(pidFile);
    assertThat(pids).hasSize(4).contains(result.pid());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(pids).noneMatch(TestScripts::running));
  }

  @Test
  void shouldKillAGrandchildWhoseParentExitedBeforeTheTimeout() throws IOException {
    Path script = TestScripts.install("orphan-grandchild.sh", dir);
    Path pidFile = dir.resolve("pids");

    ScriptResult result =
        runner.run(
            invocation(
                script, List.of(pidFile.toString()), Map.of(), null, Duration.ofMillis(2500)),
            pid -> {});

    assertThat(result.timedOut()).isTrue();
    assertThat(result.message()).isEqualTo("timed out after 2.5 s");
    List<Long> pids = pids(pidFile);
    assertThat(pids).hasSize(3);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(pids).noneMatch(TestScripts::running));
  }

  @Test
  void shouldNotWaitForeverOnABackgroundProcessThatHoldsStdout() throws IOException {
    Path script = TestScripts.install("background-holds-stdout.sh", dir);
    Path pidFile = dir.resolve("background.pid");

    Instant start = Instant.now();
    ScriptResult result =
        runner.run(invocation(script, List.of(pidFile.toString()), Map.of(), null), pid -> {});
    leftovers.addAll(pids(pidFile));

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(result.timedOut()).isFalse();
    assertThat(result.status()).isEqualTo(ScriptStatus.SUCCEEDED);
    assertThat(result.stdout()).isEqualTo("done\n");
    assertThat(result.message())
        .contains("output incomplete: a background process kept stdout or stderr open");
  }

  @Test
  void shouldFailWithoutAnExceptionWhenTheScriptIsMissing() {
    ScriptResult result =
        runner.run(invocation(dir.resolve("missing.sh"), List.of(), Map.of(), null), pid -> {});

    assertThat(result.status()).isEqualTo(ScriptStatus.FAILED);
    assertThat(result.pid()).isEqualTo(-1);
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.message())
        .isEqualTo("script " + dir.resolve("missing.sh") + " does not exist");
  }

  @Test
  void shouldFailWithoutAnExceptionWhenTheScriptIsNotExecutable() {
    Path script = TestScripts.write(dir.resolve("plain.sh"), "#!/bin/sh\necho hi\n", false);

    ScriptResult result = runner.run(invocation(script, List.of(), Map.of(), null), pid -> {});

    assertThat(result.status()).isEqualTo(ScriptStatus.FAILED);
    assertThat(result.message()).isEqualTo("script " + script + " is not executable (chmod +x it)");
  }

  @Test
  void shouldFailWithoutAnExceptionWhenAnArgumentHoldsNul() {
    Path script = TestScripts.install("print-args.sh", dir);

    ScriptResult result =
        runner.run(invocation(script, List.of("ok", "a\0b"), Map.of(), null), pid -> {});

    assertThat(result.status()).isEqualTo(ScriptStatus.FAILED);
    assertThat(result.message())
        .isEqualTo("argument 2 contains a NUL character, which cannot be passed to a process");
  }

  @Test
  void shouldRunInTheScriptsDirectoryByDefault() throws IOException {
    Path script = TestScripts.write(dir.resolve("sub/pwd.sh"), "#!/bin/sh\npwd -P\n", true);

    ScriptResult result =
        runner.run(
            new ScriptInvocation(script, List.of(), Map.of(), null, TIMEOUT, null), pid -> {});

    assertThat(result.stdout().trim()).isEqualTo(dir.resolve("sub").toRealPath().toString());
  }

  private ScriptResult reply(String stdout, int exitCode) {
    Path script = TestScripts.install("reply.sh", dir);
    return runner.run(
        invocation(script, List.of(stdout, Integer.toString(exitCode)), Map.of(), null), pid -> {});
  }

  private ScriptInvocation invocation(
      Path script, List<String> arguments, Map<String, String> environment, String stdin) {
    return invocation(script, arguments, environment, stdin, TIMEOUT);
  }

  private ScriptInvocation invocation(
      Path script,
      List<String> arguments,
      Map<String, String> environment,
      String stdin,
      Duration timeout) {
    return new ScriptInvocation(script, arguments, environment, stdin, timeout, dir);
  }

  private static List<String> argv(String nulTerminated) {
    assertThat(nulTerminated).endsWith("\0");
    return Arrays.asList(nulTerminated.substring(0, nulTerminated.length() - 1).split("\0", -1));
  }

  private static Map<String, String> environment(String nulTerminated) {
    return Arrays.stream(nulTerminated.split("\0"))
        .filter(entry -> !entry.isEmpty())
        .collect(
            Collectors.toMap(
                entry -> entry.substring(0, entry.indexOf('=')),
                entry -> entry.substring(entry.indexOf('=') + 1)));
  }

  private static List<Long> pids(Path pidFile) throws IOException {
    return Files.readAllLines(pidFile).stream()
        .filter(line -> !line.isBlank())
        .map(Long::parseLong)
        .toList();
  }
}
