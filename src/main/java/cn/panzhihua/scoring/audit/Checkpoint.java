package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.security.ServiceKey;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * A signed checkpoint: "after record {@code recordSeq} the chain's hash was {@code headHash}", with
 * its number, time, the reason it was taken and the service key's Ed25519 signature over
 * {@link #signedText()}. Whoever keeps one (printed on a report, saved from an export or from the
 * API) can later show that the chain still extends it; the database alone cannot forge one, since
 * the private key is not in it.
 *
 * <p>Plain Java: the offline export check uses it too.
 */
public record Checkpoint(long number, long recordSeq, String headHash, Instant takenAt, String keyId, String reason,
                         String signature) {

    /** The first line of the signed text; a later format would change it. */
    public static final String FORMAT = "panzhihua-rubric-evaluation checkpoint v1";

    /** The text the signature covers: one field per line, in this order, UTF-8, no trailing newline. */
    public String signedText() {
        return signedText(number, recordSeq, headHash, takenAt, keyId, reason);
    }

    static String signedText(long number, long recordSeq, String headHash, Instant takenAt, String keyId, String reason) {
        return FORMAT
                + "\nnumber=" + number
                + "\nrecordSeq=" + recordSeq
                + "\nheadHash=" + headHash
                + "\ntakenAt=" + takenAt
                + "\nkeyId=" + keyId
                + "\nreason=" + reason.replace('\n', ' ');
    }

    /** Signs a new checkpoint with the service key. */
    public static Checkpoint sign(ServiceKey key, long number, long recordSeq, String headHash, Instant takenAt, String reason) {
        String text = signedText(number, recordSeq, headHash, takenAt, key.keyId(), reason);
        String signature = Base64.getEncoder().encodeToString(key.sign(text.getBytes(StandardCharsets.UTF_8)));
        return new Checkpoint(number, recordSeq, headHash, takenAt, key.keyId(), reason.replace('\n', ' '), signature);
    }

    /** Whether {@code publicKey} made this checkpoint's signature over exactly these fields. */
    public boolean signedBy(PublicKey publicKey) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        return ServiceKey.verify(publicKey, signedText().getBytes(StandardCharsets.UTF_8), sig);
    }
}
