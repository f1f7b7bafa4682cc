package dev.phasekeeper.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the BPMN models live.
 *
 * @param dir the folder whose {@code *.bpmn} files are deployed at start-up and on change
 * @param watchInterval how often the folder is checked for changed files; zero turns it off
 */
@ConfigurationProperties("phasekeeper.processes")
public record ProcessesProperties(
    @DefaultValue("./processes") Path dir, @DefaultValue("2s") Duration watchInterval) {}
