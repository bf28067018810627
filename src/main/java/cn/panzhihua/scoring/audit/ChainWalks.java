package cn.panzhihua.scoring.audit;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps walks of the chain from multiplying (issue 24): at most one full walk at a time on this
 * instance, run on a thread of its own; a caller asking for a full walk while one runs shares it (waits
 * for the same result), and a walk that cannot be shared (one judging a kept checkpoint) is refused with
 * {@link Busy} (429, Retry-After) until it ends. Incremental looks share a running incremental walk
 * the same way. The running full walk's progress is what the console shows.
 */
@ApplicationScoped
public class ChainWalks {

    @Inject
    ChainVerifier verifier;

    /** A walk in progress: who started it, when, how far it has got of how many records. */
    public static final class Run {
        private final boolean full;
        private boolean kept;
        private final String startedBy;
        private final Instant startedAt = Instant.now();
        private final long target;
        private final AtomicLong walked = new AtomicLong();
        private final CompletableFuture<ChainVerification> result = new CompletableFuture<>();

        Run(boolean full, String startedBy, long target) {
            this.full = full;
            this.startedBy = startedBy;
            this.target = target;
        }

        public boolean full() {
            return full;
        }

        public String startedBy() {
            return startedBy;
        }

        public Instant startedAt() {
            return startedAt;
        }

        public long walked() {
            return walked.get();
        }

        public long target() {
            return target;
        }

        public boolean done() {
            return result.isDone();
        }

        /** Seconds until it is likely done, from its pace so far (at least 1). */
        public long secondsLeft() {
            long elapsed = Math.max(1, Duration.between(startedAt, Instant.now()).toMillis());
            long done = walked.get();
            long left = Math.max(0, target - done);
            return done == 0 ? 10 : Math.max(1, (left * elapsed / done + 999) / 1000);
        }
    }

    /** A walk could not start now: one that cannot be shared is running. */
    public static final class Busy extends RuntimeException {
        private final long retryAfterSeconds;

        Busy(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final AtomicReference<Run> full = new AtomicReference<>();
    private final AtomicReference<Run> incremental = new AtomicReference<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "chain-full-walk");
        thread.setDaemon(true);
        return thread;
    });

    /** The running full walk, if any (for the console's progress). */
    public Run running() {
        Run run = full.get();
        return run == null || run.done() ? null : run;
    }

    /** Starts a full walk in the background, or returns the one running (shared). */
    public Run startFull(String who, long target) {
        while (true) {
            Run current = full.get();
            if (current != null && !current.done()) {
                if (current.kept) {
                    throw new Busy("a full walk judging a kept checkpoint is running (started by " + current.startedBy()
                            + "); one full walk runs at a time: ask again when it is done", current.secondsLeft());
                }
                return current;
            }
            Run run = new Run(true, who, target);
            if (full.compareAndSet(current, run)) {
                runner.execute(() -> complete(run, () -> verifier.verify(true, null, null, who, run.walked::set)));
                return run;
            }
        }
    }

    /** A full walk's result: the running one's if there is one (shared), else a new one's. */
    public ChainVerification full(String who, long target) {
        return await(startFull(who, target));
    }

    /** A full walk judging a kept checkpoint: runs only when no full walk runs, else {@link Busy}. */
    public ChainVerification fullAgainst(Checkpoint kept, PublicKey key, String who, long target) {
        Run current = full.get();
        Run run = new Run(true, who, target);
        run.kept = true;
        if ((current != null && !current.done()) || !full.compareAndSet(current, run)) {
            Run busy = full.get();
            throw new Busy("a full walk of the chain is running (started by " + (busy == null ? "another caller" : busy.startedBy())
                    + "); one runs at a time: ask again when it is done", busy == null ? 5 : busy.secondsLeft());
        }
        runner.execute(() -> complete(run, () -> verifier.verify(true, kept, key, who, run.walked::set)));
        return await(run);
    }

    /** An incremental look, shared with one that is running. */
    public ChainVerification incremental(String who) {
        while (true) {
            Run current = incremental.get();
            if (current != null && !current.done()) {
                return await(current);
            }
            Run run = new Run(false, who, 0);
            if (incremental.compareAndSet(current, run)) {
                complete(run, () -> verifier.verify(false, null, null, who, run.walked::set));
                return await(run);
            }
        }
    }

    private static void complete(Run run, java.util.function.Supplier<ChainVerification> walk) {
        try {
            run.result.complete(walk.get());
        } catch (RuntimeException | Error e) {
            run.result.completeExceptionally(e);
        }
    }

    private static ChainVerification await(Run run) {
        try {
            return run.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the chain walk", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }
}
