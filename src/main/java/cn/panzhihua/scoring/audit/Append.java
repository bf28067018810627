package cn.panzhihua.scoring.audit;

import java.util.List;

/**
 * What one caller hands to the store: records that are stored together or not at all (one for an
 * evaluation, all of a batch's), and, if {@code checkpointReason} is set, a request for a signed
 * checkpoint that covers them.
 */
public record Append(List<RecordDraft> drafts, String checkpointReason) {

    public Append {
        drafts = List.copyOf(drafts);
    }

    /** What the store did with it: the records as stored and the checkpoint, if one was asked for. */
    public record Stored(List<DecisionRecord> records, Checkpoint checkpoint) {
    }
}
