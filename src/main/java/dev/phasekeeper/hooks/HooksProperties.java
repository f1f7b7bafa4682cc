package dev.phasekeeper.hooks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where scripts live and how they run.
 *
 * @param dir where {@code exec://} paths resolve; nothing outside it runs
 * @param legacyDirs absolute folders that stand for {@code dir} in script URLs, so Moab hook URLs
 *     such as {@code exec:///opt/mws/spool/hooks/audit.pl} keep working
 * @param stepRetries how many times a failed step is tried again before the subject is blocked
 * @param stepRetryDelay the wait before a failed step is tried again
 * @param defaultTimeout how long a script may run when its definition names no timeout
 * @param callbackBaseUrl the base URL scripts call back on; empty means this server's own address
 *     on localhost
 */
@ConfigurationProperties("phasekeeper.hooks")
public record HooksProperties(
    @DefaultValue("./hooks") Path dir,
    @DefaultValue("/opt/mws/spool/hooks") List<String> legacyDirs,
    @DefaultValue("2") int stepRetries,
    @DefaultValue("5s") Duration stepRetryDelay,
    @DefaultValue("900s") Duration defaultTimeout,
    @DefaultValue("") String callbackBaseUrl) {}
