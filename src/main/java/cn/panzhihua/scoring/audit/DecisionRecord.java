package cn.panzhihua.scoring.audit;

import java.time.Instant;

/**
 * One stored evaluation, exactly as it was answered: the request as received, the response with its
 * trail, the rulebook and service versions, and its place in the hash chain.
 */
public record DecisionRecord(String id, long seq, Instant recordedAt, String recordedBy, String unit, int year,
                             String rulebookVersion, String serviceVersion, String batchId,
                             String requestJson, String responseJson, String previousHash, String contentHash) {

    /** What is hashed: every field but the hashes, in a fixed order and encoding. */
    String canonicalContent() {
        return CanonicalContent.of(this);
    }

    /** Whether the stored hash is what this record's content and its predecessor's hash give (one link of the chain). */
    public boolean hashMatches() {
        return contentHash != null && previousHash != null
                && CanonicalContent.hash(previousHash, canonicalContent()).equals(contentHash);
    }
}
