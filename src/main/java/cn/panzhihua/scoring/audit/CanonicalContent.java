package cn.panzhihua.scoring.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical content of a record and its chained hash. Fields are written one per line as
 * {@code name=value} in a fixed order (request and response are the exact JSON strings stored), and
 * the hash is SHA-256 over the previous record's hash, a newline, and that content. Anyone holding
 * the database can recompute it with these rules alone.
 */
final class CanonicalContent {

    static final String GENESIS = "0".repeat(64);

    private CanonicalContent() {
    }

    static String of(DecisionRecord r) {
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

    static String hash(String previousHash, String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
