package cn.panzhihua.scoring.impact;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * An impact run's numbers, ready, and the gate's verdict on the candidate, which may still be
 * running its scenarios: the JSON writes the numbers first and the verdict when it comes.
 */
public record ImpactRun(Impact numbers, CompletableFuture<Impact.Gate> gate) {

    /** The verdict, waiting for it if the gate is still running. */
    public Impact.Gate verdict() {
        try {
            return gate.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gate's verdict", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The whole impact, verdict included (for the console and the exports, which show it on one page). */
    public Impact whole() {
        Impact n = numbers;
        return new Impact(n.year(), n.candidateYear(), n.population(), n.batchId(), n.servingVersion(), n.candidateVersion(),
                n.replacedFiles(), n.differingFiles(), n.recordsUpTo(), n.evaluated(), n.changed(), n.scoreChanged(), n.trailOnlyChanged(),
                n.ranked(), n.rankChanged(), n.rejected(), n.dropped(), n.millis(), n.largestMoves(), n.clauses(), n.units(),
                n.rejectedRequests(), n.droppedUnits(), n.newUnits(), verdict());
    }
}
