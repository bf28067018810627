package cn.panzhihua.scoring.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What one caller hands to the store: records that are stored together or not at all (one for an
 * evaluation, all of a batch's), and, if {@code checkpointReason} is set, a request for a signed
 * checkpoint that covers them. {@code alongside}, when set, runs in the very transaction that stores
 * them (after the records and the checkpoint are written, before the commit): a caller's own rows
 * change with its records or not at all (issue 20: a step of the assessment year and its event).
 */
public record Append(List<RecordDraft> drafts, String checkpointReason, Alongside alongside) {

    public Append {
        drafts = List.copyOf(drafts);
    }

    public Append(List<RecordDraft> drafts, String checkpointReason) {
        this(drafts, checkpointReason, null);
    }

    /** What the store did with it: the records as stored and the checkpoint, if one was asked for. */
    public record Stored(List<DecisionRecord> records, Checkpoint checkpoint) {
    }

    /**
     * Work done in the append's transaction; throwing rolls back the append (its records included).
     * It may run more than once (a failed group is retried append by append), each time in a fresh
     * transaction, so it must only use the connection it is given.
     */
    @FunctionalInterface
    public interface Alongside {
        void run(Connection connection, List<DecisionRecord> records, Checkpoint checkpoint) throws SQLException;
    }
}
