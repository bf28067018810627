package cn.panzhihua.scoring.audit;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit of chain appends (issue 15). Callers hand their appends to one writer thread and
 * wait; while the writer's transaction is committing, new appends queue up, and the writer takes
 * all of them (up to {@code records.group-commit.max-records}) into its next transaction: one
 * chain-head lock and one commit (one fsync) for the group, each record still linked to the one
 * before it. A caller is answered only once the commit that holds its record has returned.
 *
 * <p>If a group's transaction fails, each append of it is tried again in a transaction of its
 * own, so one bad append fails alone and a batch stays all-or-nothing. With group commit off
 * ({@code records.group-commit.enabled=false}) each caller appends in its own transaction.
 */
@ApplicationScoped
public class RecordWriter {

    private static final Logger LOG = Logger.getLogger(RecordWriter.class);

    @Inject
    RecordStore store;

    @ConfigProperty(name = "records.group-commit.enabled", defaultValue = "true")
    boolean enabled;

    /** Most appends in one transaction. */
    @ConfigProperty(name = "records.group-commit.max-records", defaultValue = "64")
    int maxRecords;

    /**
     * How long the writer waits for more appends after the first of a group when fewer than
     * {@code max-records} are queued; 0 (the default) takes what queued during the previous commit
     * and nothing more, so a lone request never waits.
     */
    @ConfigProperty(name = "records.group-commit.max-wait", defaultValue = "0ms")
    Duration maxWait;

    /** A caller gives up (503) if its record is not durable within this time. */
    @ConfigProperty(name = "records.group-commit.timeout", defaultValue = "30s")
    Duration timeout;

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread writer;

    private record Pending(Append append, String serviceVersion, CompletableFuture<Append.Stored> done) {
    }

    @PostConstruct
    void start() {
        if (enabled) {
            writer = new Thread(this::run, "record-writer");
            writer.setDaemon(true);
            writer.start();
            LOG.infof("group commit of decision records on: up to %d appends per transaction, extra wait %s", maxRecords, maxWait);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
    }

    /** Stores the append's records (and its checkpoint) durably, then returns them as stored. */
    public Append.Stored write(Append append, String serviceVersion) {
        if (!enabled) {
            return store.appendGroup(List.of(append), serviceVersion).get(0);
        }
        Pending pending = new Pending(append, serviceVersion, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // The record may still be stored later; the caller is not answered with it, which is allowed
            // (a record without an answer), never the reverse.
            throw RecordsUnavailableException.of("store the decision record within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RecordsUnavailableException.of("store the decision record (interrupted)", e);
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>(maxRecords);
        while (running) {
            try {
                group.clear();
                group.add(queue.take());
                queue.drainTo(group, maxRecords - group.size());
                if (!maxWait.isZero() && group.size() < maxRecords) {
                    long deadline = System.nanoTime() + maxWait.toNanos();
                    for (long left = maxWait.toNanos(); left > 0 && group.size() < maxRecords; left = deadline - System.nanoTime()) {
                        Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        group.add(next);
                        queue.drainTo(group, maxRecords - group.size());
                    }
                }
                commit(group);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException | Error e) {
                // never leave a caller waiting for a writer that died
                group.forEach(p -> p.done().completeExceptionally(e));
                LOG.error("the record writer failed; it carries on with the next group", e);
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(RecordsUnavailableException.of("store the decision record",
                new IllegalStateException("the service is shutting down"))));
    }

    private void commit(List<Pending> group) {
        // Appends of different service versions cannot occur in one process; the first one's is used.
        String version = group.get(0).serviceVersion();
        try {
            List<Append.Stored> stored = store.appendGroup(group.stream().map(Pending::append).toList(), version);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(stored.get(i));
            }
        } catch (RuntimeException groupFailure) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(groupFailure);
                return;
            }
            // One append may have caused it (a duplicate id): each alone, so only that one fails.
            for (Pending p : group) {
                try {
                    p.done().complete(store.appendGroup(List.of(p.append()), p.serviceVersion()).get(0));
                } catch (RuntimeException e) {
                    p.done().completeExceptionally(e);
                }
            }
        }
    }
}
