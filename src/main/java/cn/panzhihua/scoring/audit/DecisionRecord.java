package cn.panzhihua.scoring.audit;

import java.time.Instant;

/**
 * One stored evaluation, exactly as it was answered: the request as received, the response with its
 * trail, the rulebook and service versions, and its place in the hash chain ({@code hashFormat}
 * says how {@code contentHash} was made, see {@link CanonicalContent}; {@code contentDigest} is
 * null on format 1 records). {@code kind} is not hashed: it is what the hashed response shows
 * ({@link RecordKind#of}), kept in a column so reports can select by it.
 */
public record DecisionRecord(String id, long seq, Instant recordedAt, String recordedBy, String unit, int year,
                             String rulebookVersion, String serviceVersion, String batchId,
                             String requestJson, String responseJson, String previousHash, String contentHash,
                             int hashFormat, String contentDigest, RecordKind kind) {

    /** A record whose kind is what its response shows. */
    public DecisionRecord(String id, long seq, Instant recordedAt, String recordedBy, String unit, int year,
                          String rulebookVersion, String serviceVersion, String batchId,
                          String requestJson, String responseJson, String previousHash, String contentHash,
                          int hashFormat, String contentDigest) {
        this(id, seq, recordedAt, recordedBy, unit, year, rulebookVersion, serviceVersion, batchId, requestJson, responseJson,
                previousHash, contentHash, hashFormat, contentDigest, RecordKind.of(responseJson));
    }

    /** Whether the stored kind is the one the hashed response shows (a changed column would hide a record from a 通报). */
    public boolean kindMatches() {
        return kind == RecordKind.of(responseJson);
    }

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
