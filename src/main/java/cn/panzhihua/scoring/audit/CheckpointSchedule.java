package cn.panzhihua.scoring.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs a checkpoint every {@code audit.checkpoint.every} when records were added since the last
 * one (besides those taken for every batch, report and export), so single evaluations are covered
 * by a signature within that time. 0 turns it off. With several instances each runs it; the chain
 * lock and the "records were added" test keep them from signing the same head twice.
 */
@ApplicationScoped
public class CheckpointSchedule {

    private static final Logger LOG = Logger.getLogger(CheckpointSchedule.class);

    @Inject
    RecordStore records;

    @ConfigProperty(name = "audit.checkpoint.every", defaultValue = "10m")
    Duration every;

    private ScheduledExecutorService timer;
    private volatile boolean failing;

    void start(@Observes StartupEvent event) {
        if (every.isZero() || every.isNegative()) {
            LOG.info("scheduled checkpoints are off (audit.checkpoint.every=0)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "checkpoint-schedule");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void run() {
        try {
            Checkpoint cp = records.checkpoint("schedule", true);
            if (failing) {
                LOG.infof("scheduled checkpoints work again (checkpoint %d)", cp.number());
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf("could not sign the scheduled checkpoint: %s (retried every %s)", e.getMessage(), every);
            }
            failing = true;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
