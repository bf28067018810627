package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.Rulebooks;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Compares each year folder's content hash with what serves, every {@code rules.poll.interval}, and
 * reloads a year whose files changed. Several instances read one shared rules folder: a change there
 * (or a reload asked of one instance after an edit) reaches the others within the interval even
 * where file-change events do not arrive, as on a network file system or a mounted volume that
 * another host writes. The watcher ({@link RulebookWatcher}) is faster where events do arrive.
 * The reload runs the same gate as every other ({@link RulebookDeployer}).
 * A content hash is tried once: a rejected version is not reloaded again until the files change.
 */
@ApplicationScoped
public class RulebookPoller {

    private static final Logger LOG = Logger.getLogger(RulebookPoller.class);

    /** PT0S turns polling off. */
    @ConfigProperty(name = "rules.poll.interval", defaultValue = "PT10S")
    Duration interval;

    @Inject
    Rulebooks rulebooks;

    @Inject
    RulebookDeployer deployer;

    /** The content hash of each year folder when it was last looked at. */
    private final Map<Integer, String> seen = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    void start(@Observes StartupEvent event) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        rulebooks.all().forEach(r -> seen.put(r.year(), r.sha256()));
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rulebook-poller");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("checking %s for changed rulebooks every %d s", rulebooks.directory(), interval.toSeconds());
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    void poll() {
        try {
            for (Path folder : Rulebooks.yearFolders(rulebooks.directory())) {
                int year = Integer.parseInt(folder.getFileName().toString());
                String sha = RulebookSource.read(folder).sha256();
                if (sha.equals(seen.put(year, sha))) {
                    continue;
                }
                String serving = rulebooks.forYear(year).map(Rulebook::sha256).orElse(null);
                if (!sha.equals(serving)) {
                    LOG.infof("rulebook folder %d changed (content %s, serving %s): reloading", year, sha.substring(0, 12),
                            serving == null ? "none" : serving.substring(0, 12));
                    deployer.reloadIfChanged(year, RulebookDeployer.POLLER);
                }
            }
        } catch (RuntimeException e) {
            // A folder being rewritten can vanish between listing and reading; the next poll sees it whole.
            LOG.warnf("checking the rules folder for changes failed: %s", e.getMessage());
        }
    }
}
