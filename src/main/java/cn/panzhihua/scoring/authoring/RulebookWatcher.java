package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.Rulebooks;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reloads a year's rulebook a moment after its files change, and loads a new year folder when one
 * appears. Editors save in bursts, so each change restarts a short quiet period
 * ({@code rules.watch.delay}) before the reload runs. Off with {@code rules.watch.enabled=false}.
 */
@ApplicationScoped
public class RulebookWatcher {

    private static final Logger LOG = Logger.getLogger(RulebookWatcher.class);

    @ConfigProperty(name = "rules.watch.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "rules.watch.delay", defaultValue = "PT0.2S")
    Duration delay;

    @Inject
    Rulebooks rulebooks;

    @Inject
    RulebookDeployer deployer;

    private WatchService watchService;
    private ScheduledExecutorService scheduler;
    private final Map<Integer, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) throws IOException {
        if (!enabled) {
            return;
        }
        watchService = FileSystems.getDefault().newWatchService();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rulebook-watcher");
            thread.setDaemon(true);
            return thread;
        });
        registerTree(rulebooks.directory());
        Thread loop = new Thread(this::watch, "rulebook-watch-events");
        loop.setDaemon(true);
        loop.start();
        LOG.infof("watching %s for rulebook changes (reload %d ms after the last change)", rulebooks.directory(), delay.toMillis());
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (watchService != null) {
            watchService.close();
            scheduler.shutdownNow();
        }
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name) {
                        changed(dir.resolve(name), event.kind() == StandardWatchEventKinds.ENTRY_CREATE);
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void changed(Path path, boolean created) {
        if (created && Files.isDirectory(path)) {
            try {
                registerTree(path);
            } catch (IOException e) {
                LOG.warnf("cannot watch new folder %s: %s", path, e.getMessage());
            }
        }
        Path relative = rulebooks.directory().relativize(path);
        String first = relative.getName(0).toString();
        if (!Rulebooks.isYear(first) || path.getFileName().toString().startsWith(".")) {
            return;
        }
        int year = Integer.parseInt(first);
        pending.compute(year, (y, scheduled) -> {
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            return scheduler.schedule(() -> reload(y), delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void reload(int year) {
        pending.remove(year);
        if (!Files.isDirectory(rulebooks.directory().resolve(String.valueOf(year)))) {
            LOG.infof("rulebook folder %d was removed; what it served keeps serving until the service restarts", year);
            return;
        }
        try {
            deployer.reloadIfChanged(year, RulebookDeployer.WATCHER);
        } catch (RuntimeException e) {
            LOG.warnf("reload of rulebook %d after a file change failed: %s", year, e.getMessage());
        }
    }
}
