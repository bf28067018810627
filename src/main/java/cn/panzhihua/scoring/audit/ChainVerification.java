package cn.panzhihua.scoring.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking the hash chain. {@code firstMismatch} names the first record whose stored
 * hashes do not match what its content and predecessor give (a changed, inserted or removed row).
 * {@code checkpointsChecked} counts the stored checkpoints whose signature and head hash were
 * checked against the chain; {@code checkpointMismatch} names the first that failed.
 * {@code against} is present when the walk was asked to prove that the chain extends a checkpoint
 * a person kept.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, long recordsChecked, long headSeq, String headHash, Mismatch firstMismatch,
                                Long checkpointsChecked, CheckpointMismatch checkpointMismatch, KeptCheckpoint against) {

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
