package cn.panzhihua.scoring.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical content of a record and its chained hash. Fields are written one per line as
 * {@code name=value} in a fixed order (request and response are the exact JSON strings stored).
 *
 * <p>Format 2 (every record stored since checkpoints exist): the content's digest is SHA-256 of
 * that text, and the record's hash is SHA-256 over the previous record's hash, a newline and the
 * digest. Format 1 (older records) hashed the previous hash, a newline and the text itself. Anyone
 * holding the records can recompute both with these rules alone; with format 2, a record whose
 * content must stay private can be linked into the chain from its digest (an export of one year).
 *
 * <p>Plain Java: the offline export check ({@link ExportCheck}) uses it too.
 */
public final class CanonicalContent {

    public static final String GENESIS = "0".repeat(64);
    public static final int FORMAT_CONTENT = 1;
    public static final int FORMAT_DIGEST = 2;

    private CanonicalContent() {
    }

    public static String of(DecisionRecord r) {
        return "id=" + r.id()
                + "\nseq=" + r.seq()
                + "\nrecordedAt=" + r.recordedAt()
                + "\nrecordedBy=" + r.recordedBy()
                + "\nunit=" + r.unit()
                + "\nyear=" + r.year()
                + "\nrulebookVersion=" + r.rulebookVersion()
                + "\nserviceVersion=" + r.serviceVersion()
                + "\nbatchId=" + (r.batchId() == null ? "" : r.batchId())
                + "\nrequest=" + r.requestJson()
                + "\nresponse=" + r.responseJson();
    }

    /** SHA-256 of the canonical content, hex. */
    public static String digest(String content) {
        return sha256(content);
    }

    /** The record's hash in its format, from the previous record's hash and its canonical content. */
    public static String hash(int format, String previousHash, String content) {
        return switch (format) {
            case FORMAT_CONTENT -> sha256(previousHash + "\n" + content);
            case FORMAT_DIGEST -> link(previousHash, digest(content));
            default -> throw new IllegalArgumentException("unknown hash format " + format);
        };
    }

    /** Format 2: the record's hash from the previous hash and the content's digest alone. */
    public static String link(String previousHash, String contentDigest) {
        return sha256(previousHash + "\n" + contentDigest);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
