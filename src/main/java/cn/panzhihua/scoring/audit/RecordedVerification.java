package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.security.ServiceKey;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * A walk of the chain as it was recorded (issue 24): who walked it, when, from where
 * ({@code startedAfterSeq}: 0 for a full walk), up to which record, with what result, and the
 * newest checkpoint it found still matching ({@code anchor*}), where the next incremental walk
 * starts. Signed with the service key over {@link #signedText()}, so that a database writer cannot
 * plant a "verified up to here" to make later looks skip records they changed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordedVerification(long number, String mode, Instant startedAt, Instant finishedAt, String verifiedBy,
                                   long startedAfterSeq, long recordsWalked, long headSeq, String headHash,
                                   long anchorNumber, long anchorSeq, String anchorHash, boolean intact, String problem,
                                   String keyId, String signature) {

    public static final String FORMAT = "panzhihua-rubric-evaluation verification v1";
    public static final String FULL = "full";
    public static final String INCREMENTAL = "incremental";

    /** The text the signature covers: every field but the row number, one a line, UTF-8, no trailing newline. */
    @JsonIgnore
    public String signedText() {
        return FORMAT
                + "\nmode=" + mode
                + "\nstartedAt=" + startedAt
                + "\nfinishedAt=" + finishedAt
                + "\nverifiedBy=" + verifiedBy
                + "\nstartedAfterSeq=" + startedAfterSeq
                + "\nrecordsWalked=" + recordsWalked
                + "\nheadSeq=" + headSeq
                + "\nheadHash=" + headHash
                + "\nanchorNumber=" + anchorNumber
                + "\nanchorSeq=" + anchorSeq
                + "\nanchorHash=" + anchorHash
                + "\nintact=" + intact
                + "\nproblem=" + (problem == null ? "" : problem)
                + "\nkeyId=" + keyId;
    }

    /** This verification signed with {@code key} (its key id and signature filled in). */
    RecordedVerification signedWith(ServiceKey key) {
        RecordedVerification unsigned = new RecordedVerification(number, mode, startedAt, finishedAt, verifiedBy, startedAfterSeq,
                recordsWalked, headSeq, headHash, anchorNumber, anchorSeq, anchorHash, intact, problem, key.keyId(), null);
        String sig = Base64.getEncoder().encodeToString(key.sign(unsigned.signedText().getBytes(StandardCharsets.UTF_8)));
        return new RecordedVerification(number, mode, startedAt, finishedAt, verifiedBy, startedAfterSeq, recordsWalked, headSeq,
                headHash, anchorNumber, anchorSeq, anchorHash, intact, problem, key.keyId(), sig);
    }

    RecordedVerification numbered(long n) {
        return new RecordedVerification(n, mode, startedAt, finishedAt, verifiedBy, startedAfterSeq, recordsWalked, headSeq, headHash,
                anchorNumber, anchorSeq, anchorHash, intact, problem, keyId, signature);
    }

    public boolean signedBy(PublicKey publicKey) {
        try {
            return ServiceKey.verify(publicKey, signedText().getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
