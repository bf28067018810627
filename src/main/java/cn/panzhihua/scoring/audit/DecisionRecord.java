package cn.panzhihua.scoring.audit;

import java.time.Instant;

/**
 * One stored evaluation, exactly as it was answered: the request as received, the response with its
 * trail, the rulebook and service versions, and its place in the hash chain ({@code hashFormat}
 * says how {@code contentHash} was made, see {@link CanonicalContent}; {@code contentDigest} is
 * null on format 1 records).
 */
public record DecisionRecord(String id, long seq, Instant recordedAt, String recordedBy, String unit, int year,
                             String rulebookVersion, String serviceVersion, String batchId,
                             String requestJson, String responseJson, String previousHash, String contentHash,
                             int hashFormat, String contentDigest) {

    /** What is hashed: every field but the hashes, in a fixed order and encoding. */
    public String canonicalContent() {
        return CanonicalContent.of(this);
    }

    /** Whether the stored hashes match what this record's content and predecessor give. */
    public boolean hashMatches(String previous) {
        if (hashFormat == CanonicalContent.FORMAT_DIGEST) {
            String digest = CanonicalContent.digest(canonicalContent());
            return digest.equals(contentDigest) && CanonicalContent.link(previous, digest).equals(contentHash);
        }
        return CanonicalContent.hash(hashFormat, previous, canonicalContent()).equals(contentHash);
    }
}
