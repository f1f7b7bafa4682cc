package dev.phasekeeper.lifecycle.internal;

import dev.phasekeeper.lifecycle.ProcessesProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deploys every {@code *.bpmn} file of the processes folder, one deployment per file, and again
 * whenever a file changes. The engine's duplicate filter makes an unchanged file a no-op, so only a
 * changed file creates a new version. A file the engine refuses is logged with its error and the
 * version already running stays.
 */
@Component
class ProcessFolderDeployer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProcessFolderDeployer.class);

  private final ProcessesProperties properties;
  private final RepositoryService repository;
  private final Map<Path, FileTime> deployed = new HashMap<>();
  private ScheduledExecutorService watcher;

  ProcessFolderDeployer(ProcessesProperties properties, RepositoryService repository) {
    this.properties = properties;
    this.repository = repository;
  }

  @Override
  public synchronized void start() {
    if (!Files.isDirectory(properties.dir())) {
      throw new IllegalStateException(
          "LIFECYCLE-020 processes folder "
              + properties.dir().toAbsolutePath()
              + " does not exist (phasekeeper.processes.dir)");
    }
    deployChanged();
    if (!properties.watchInterval().isZero()) {
      watcher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "process-watcher"));
      long every = properties.watchInterval().toMillis();
      watcher.scheduleWithFixedDelay(
          this::deployChangedQuietly, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** Deploys the files changed since the last look; returns the names that were refused. */
  synchronized List<String> deployChanged() {
    return bpmnFiles().stream()
        .filter(file -> !modified(file).equals(deployed.get(file)))
        .filter(file -> !deploy(file))
        .map(file -> file.getFileName().toString())
        .toList();
  }

  private void deployChangedQuietly() {
    try {
      deployChanged();
    } catch (RuntimeException e) {
      log.error("LIFECYCLE-023 could not look at the processes folder", e);
    }
  }

  private boolean deploy(Path file) {
    String name = file.getFileName().toString();
    FileTime stamp = modified(file);
    try (InputStream content = Files.newInputStream(file)) {
      repository
          .createDeployment()
          .name(name)
          .source("phasekeeper.processes.dir")
          .enableDuplicateFiltering(true)
          .addInputStream(name, content)
          .deploy();
      log.info("LIFECYCLE-021 deployed {}", name);
      return true;
    } catch (ProcessEngineException refused) {
      log.error(
          "LIFECYCLE-022 {} was refused, the running version stays: {}",
          name,
          refused.getMessage());
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("LIFECYCLE-024 cannot read " + file, e);
    } finally {
      deployed.put(file, stamp);
    }
  }

  private List<Path> bpmnFiles() {
    try (Stream<Path> files = Files.list(properties.dir())) {
      return files.filter(f -> f.getFileName().toString().endsWith(".bpmn")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("LIFECYCLE-024 cannot list " + properties.dir(), e);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException("LIFECYCLE-024 cannot read " + file, e);
    }
  }

  @Override
  public synchronized void stop() {
    if (watcher != null) {
      watcher.shutdownNow();
      watcher = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return watcher != null || !deployed.isEmpty();
  }

  @Override
  public int getPhase() {
    return 0;
  }
}
