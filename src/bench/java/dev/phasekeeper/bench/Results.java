package dev.phasekeeper.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one benchmark run: results.json, and results.md as a metric/value table. */
final class Results {

  /**
   * Parts (1) to (3) at one concurrency level: the repeat whose ratio to the shipped BPMN on the
   * raw engine is the median of the level's repeats, and the ratios of every repeat to both
   * anchors, in the order they ran.
   */
  record Level(
      RestLifecycleRun.Result phasekeeper,
      RawEngineRun.Result rawEngine,
      RawEngineRun.Result rawMinimal,
      List<Double> repeatRatios,
      List<Double> repeatRatiosToMinimal) {

    Level(
        RestLifecycleRun.Result phasekeeper,
        RawEngineRun.Result rawEngine,
        RawEngineRun.Result rawMinimal) {
      this(phasekeeper, rawEngine, rawMinimal, List.of(), List.of());
    }

    double ratio() {
      return ratio(rawEngine);
    }

    double ratioToMinimal() {
      return ratio(rawMinimal);
    }

    private double ratio(RawEngineRun.Result raw) {
      return Math.round(phasekeeper.perSecond() / raw.perSecond() * 1000) / 1000.0;
    }

    /** The repeat with the median ratio (the lower middle one of an even count). */
    static Level median(List<Level> repeats) {
      List<Level> sorted =
          repeats.stream()
              .sorted(java.util.Comparator.comparingDouble(Level::ratioToMinimal))
              .toList();
      Level middle = sorted.get((sorted.size() - 1) / 2);
      return new Level(
          middle.phasekeeper(),
          middle.rawEngine(),
          middle.rawMinimal(),
          repeats.stream().map(Level::ratio).toList(),
          repeats.stream().map(Level::ratioToMinimal).toList());
    }
  }

  /** Part (4). */
  record Queries(
      int services,
      double seedSeconds,
      QueryLatencyRun.Result userAndType,
      QueryLatencyRun.Result attributes) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String when =
      OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  private final Machine machine;
  private final Map<String, Object> setup;
  private final List<Level> levels = new ArrayList<>();
  private Queries queries;

  Results(Machine machine, Map<String, Object> setup) {
    this.machine = machine;
    this.setup = setup;
  }

  /** The setup, for what is learnt while the benchmark runs (the warm-up it took). */
  Map<String, Object> setup() {
    return setup;
  }

  void add(Level level) {
    levels.add(level);
  }

  void set(Queries queries) {
    this.queries = queries;
  }

  ObjectNode json() {
    ObjectNode root = JSON.createObjectNode().put("when", when);
    root.set("machine", JSON.valueToTree(machine));
    root.set("setup", JSON.valueToTree(setup));
    var lifecycle = root.putArray("lifecycle");
    for (Level level : levels) {
      ObjectNode row = lifecycle.addObject().put("clients", level.phasekeeper().clients());
      row.set("phasekeeper", JSON.valueToTree(level.phasekeeper()));
      row.set("rawEngine", JSON.valueToTree(level.rawEngine()));
      row.put("ratio", level.ratio());
      row.set("ratiosOfAllRepeats", JSON.valueToTree(level.repeatRatios()));
      row.set("rawEngineMinimalShape", JSON.valueToTree(level.rawMinimal()));
      row.put("ratioToMinimalShape", level.ratioToMinimal());
      row.set("ratiosToMinimalShapeOfAllRepeats", JSON.valueToTree(level.repeatRatiosToMinimal()));
    }
    root.set("query", JSON.valueToTree(queries));
    return root;
  }

  String markdown() {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "machine",
          machine.nproc()
              + " CPUs (nproc), MemTotal "
              + machine.memTotal()
              + ", Java "
              + machine.java()
              + ", "
              + machine.os()
        });
    rows.add(new String[] {"software", "Camunda " + machine.camunda() + ", H2 " + machine.h2()});
    if (setup.containsKey("warmUp")) {
      rows.add(new String[] {"warm-up", String.valueOf(setup.get("warmUp"))});
    }
    rows.add(new String[] {"run at", when});
    for (Level level : levels) {
      lifecycleRows(rows, level);
    }
    if (queries != null) {
      queryRows(rows);
    }
    StringBuilder table = new StringBuilder("| metric | value |\n|---|---|\n");
    rows.forEach(
        row -> table.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n"));
    return table.toString();
  }

  private static void lifecycleRows(List<String[]> rows, Level level) {
    RestLifecycleRun.Result pk = level.phasekeeper();
    RawEngineRun.Result raw = level.rawEngine();
    String c = pk.clients() + " client" + (pk.clients() == 1 ? "" : "s");
    rows.add(
        new String[] {
          "(1) Phasekeeper REST, " + c,
          f(
              "%.1f services/s (%d services in" + " %.1f s; all deployed after %.1f s)",
              pk.perSecond(), pk.services(), pk.seconds(), pk.deployedAfter())
        });
    RawEngineRun.Result minimal = level.rawMinimal();
    rows.add(
        new String[] {
          "(2) raw engine, shipped BPMN, " + c,
          f(
              "%.1f lifecycles/s (%d in" + " %.1f s; all started, then all terminated, as in (1))",
              raw.perSecond(), raw.instances(), raw.seconds())
        });
    rows.add(
        new String[] {
          "(2m) raw engine, minimal shape, " + c,
          f(
              "%.1f lifecycles/s (%d in" + " %.1f s, driven as (2))",
              minimal.perSecond(), minimal.instances(), minimal.seconds())
        });
    rows.add(
        new String[] {
          "(3) ratio (1)/(2), " + c, f("%.2f (repeats %s)", level.ratio(), level.repeatRatios())
        });
    rows.add(
        new String[] {
          "(3m) ratio (1)/(2m), " + c,
          f(
              "%.2f (median of the repeats %s)",
              level.ratioToMinimal(), level.repeatRatiosToMinimal())
        });
    rows.add(
        new String[] {
          "CPU per service, " + c,
          f(
              "Phasekeeper %.1f ms %s; shipped BPMN"
                  + " %.1f ms %s; minimal shape %.1f ms (load average %s)",
              pk.cpuPerService().processMillis(),
              pk.cpuPerService().groupMillis(),
              raw.cpuPerLifecycle().processMillis(),
              raw.cpuPerLifecycle().groupMillis(),
              minimal.cpuPerLifecycle().processMillis(),
              pk.cpuPerService().loadAverage())
        });
    rows.add(
        new String[] {
          "engine commands per service, " + c,
          f(
              "Phasekeeper %s; shipped" + " BPMN %s; minimal shape %s",
              pk.commandsPerService(), raw.commandsPerLifecycle(), minimal.commandsPerLifecycle())
        });
    rows.add(
        new String[] {
          "POST / PUT terminate latency, " + c,
          f(
              "p50 %.1f / %.1f ms," + " p95 %.1f / %.1f ms",
              pk.post().p50(), pk.terminate().p50(), pk.post().p95(), pk.terminate().p95())
        });
  }

  private void queryRows(List<String[]> rows) {
    rows.add(
        new String[] {
          "(4) stored services",
          f("%d (inserted in %.1f s)", queries.services(), queries.seedSeconds())
        });
    queryRow(rows, queries.userAndType());
    queryRow(rows, queries.attributes());
  }

  private static void queryRow(List<String[]> rows, QueryLatencyRun.Result result) {
    Latencies l = result.latencies();
    rows.add(
        new String[] {
          "(4) GET query="
              + result.example().replace("|", "\\|")
              + "&max=20 ("
              + result.rotated()
              + ")",
          f(
              "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms" + " (%d queries%s)",
              l.p50(),
              l.p95(),
              l.p99(),
              l.count(),
              result.cut() ? ", cut short by the time budget" : "")
        });
  }

  void write(Path directory) {
    try {
      Files.createDirectories(directory);
      JSON.writeValue(directory.resolve("results.json").toFile(), json());
      Files.writeString(directory.resolve("results.md"), markdown());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results to " + directory, e);
    }
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
