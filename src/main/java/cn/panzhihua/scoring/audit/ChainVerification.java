package cn.panzhihua.scoring.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the hash chain. {@code firstMismatch} names the first record whose stored
 * hashes do not match what its content and predecessor give (a changed, inserted or removed row).
 * {@code checkpointsChecked} counts the stored checkpoints whose signature and head hash were
 * checked against the chain; {@code checkpointMismatch} names the first that failed.
 * {@code against} is present when the walk was asked to prove that the chain extends a checkpoint
 * a person kept. {@code recordsChecked} counts every record the verdict covers; {@code recordsWalked}
 * those this walk recomputed, after {@code startedAfterSeq} (0 for a full walk: an incremental walk
 * starts at the checkpoint an earlier recorded walk found intact). {@code recordedProblem}: a
 * recorded verification that fails its signature (planted or altered).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, long recordsChecked, long headSeq, String headHash, Mismatch firstMismatch,
                                Long checkpointsChecked, CheckpointMismatch checkpointMismatch, KeptCheckpoint against,
                                String mode, Long startedAfterSeq, Long recordsWalked, String recordedProblem, Recorded recorded) {

    /** The walk as it was recorded and signed (issue 24): the next incremental walk starts from its anchor. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recorded(long number, java.time.Instant verifiedAt, String verifiedBy, long anchorNumber, long anchorSeq,
                           String keyId, String signature) {
        static Recorded of(RecordedVerification v) {
            return new Recorded(v.number(), v.finishedAt(), v.verifiedBy(), v.anchorNumber(), v.anchorSeq(), v.keyId(), v.signature());
        }
    }

    ChainVerification withRecorded(RecordedVerification v) {
        return new ChainVerification(intact, recordsChecked, headSeq, headHash, firstMismatch, checkpointsChecked, checkpointMismatch, against,
                mode, startedAfterSeq, recordsWalked, recordedProblem, Recorded.of(v));
    }

    public record Mismatch(String id, long seq, String reason) {
    }

    /** A stored checkpoint that is missing, not signed by a known key, or names a head the chain no longer has. */
    public record CheckpointMismatch(long number, long recordSeq, String reason) {
    }

    /**
     * The verdict on a kept checkpoint. {@code signature}: VALID, INVALID or UNKNOWN_KEY;
     * {@code extended}: whether the chain, recomputed from today's records, still passes through the
     * checkpoint's head hash. {@code changedFrom}…{@code changedTo}: the records one of which must
     * have changed (from the last signed checkpoint that still matches), named when it is one record.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeptCheckpoint(long number, long recordSeq, String keyId, String signature, boolean extended, String reason,
                                 Long changedFromSeq, Long changedToSeq, String changedRecordId) {
    }
}
