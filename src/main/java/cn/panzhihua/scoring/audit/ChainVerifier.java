package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.database.Records;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.LongConsumer;

/**
 * Walks the chain once, in order, recomputing every record's hash, and checks on the way every
 * stored checkpoint (signed by a key the service trusts, numbered without gaps, naming a head the
 * chain still has) and, when asked, a checkpoint a person kept. A database writer can recompute
 * the hashes of records they changed; they cannot sign a checkpoint, so the kept checkpoint is what
 * catches them (docs/audit.md).
 */
@ApplicationScoped
public class ChainVerifier {

    @Inject
    @Records
    DataSource dataSource;

    @Inject
    TrustedKeys keys;

    @Inject
    VerificationLog log;

    /** Records recomputed by walks since start: lets tests observe that a page did not walk (issue 24). */
    private final java.util.concurrent.atomic.AtomicLong recordsHashed = new java.util.concurrent.atomic.AtomicLong();

    public long recordsHashed() {
        return recordsHashed.get();
    }

    /** A full walk, recorded as made by the service. */
    public ChainVerification verify() {
        return verify(null, null);
    }

    /**
     * @param kept    a checkpoint a person kept, or null
     * @param keptKey the public key the person trusts, or null for the service's keys (by key id)
     */
    public ChainVerification verify(Checkpoint kept, PublicKey keptKey) {
        return verify(true, kept, keptKey, "service", n -> { });
    }

    /**
     * Walks the chain and records the walk, signed. {@code full}: from the chain's start; otherwise from
     * the anchor of the newest intact recorded walk (the newest checkpoint it found still matching), after
     * checking that the record there still has the hash that checkpoint signed. A kept checkpoint is
     * always judged by a full walk. {@code progress} hears the number of records walked so far.
     */
    public ChainVerification verify(boolean full, Checkpoint kept, PublicKey keptKey, String who, LongConsumer progress) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        boolean fromStart = full || kept != null;
        Walked walked;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // one snapshot; PostgreSQL streams with a fetch size only inside a transaction
            try {
                walked = walk(c, fromStart, kept, keptKey, progress);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("verify the decision records", e);
        }
        ChainVerification v = walked.result();
        if (log == null) {
            return v; // a verifier built by hand (AppendBenchmark) has nowhere to record
        }
        String problem = v.firstMismatch() != null ? "record " + v.firstMismatch().seq() + ": " + v.firstMismatch().reason()
                : v.checkpointMismatch() != null ? "checkpoint " + v.checkpointMismatch().number() + ": " + v.checkpointMismatch().reason()
                : v.against() != null && !v.against().extended() ? "kept checkpoint " + v.against().number() + ": " + v.against().reason()
                : v.recordedProblem();
        if (problem != null && problem.length() > 1000) {
            problem = problem.substring(0, 997) + "…";
        }
        // A planted verification row is reported (recordedProblem) but says nothing about the chain itself.
        boolean intact = v.intact();
        RecordedVerification recorded = log.record(new RecordedVerification(0, v.mode(), started, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                who, v.startedAfterSeq(), v.recordsWalked(), v.headSeq(), v.headHash(), walked.anchorNumber(), walked.anchorSeq(),
                walked.anchorHash(), intact, problem, null, null));
        return v.withRecorded(recorded);
    }

    /** A walk's verdict and the newest checkpoint it found still matching (where the next incremental walk may start). */
    private record Walked(ChainVerification result, long anchorNumber, long anchorSeq, String anchorHash) {
    }

    private Walked walk(Connection c, boolean fromStart, Checkpoint kept, PublicKey keptKey, LongConsumer progress) throws SQLException {
        long headSeq;
        String headHash;
        long lastCheckpoint;
        try (PreparedStatement head = c.prepareStatement("SELECT last_seq, last_hash, last_checkpoint FROM chain_head WHERE id = 1");
             ResultSet rs = head.executeQuery()) {
            rs.next();
            headSeq = rs.getLong(1);
            headHash = rs.getString(2);
            lastCheckpoint = rs.getLong(3);
        }
        String mode = fromStart ? RecordedVerification.FULL : RecordedVerification.INCREMENTAL;
        long startNumber = 0;
        long startSeq = 0;
        String startHash = CanonicalContent.GENESIS;
        String recordedProblem = null;
        if (!fromStart) {
            VerificationLog.Start start = log.start(c);
            recordedProblem = start.tampered();
            if (start.from().isPresent()) {
                RecordedVerification from = start.from().get();
                startNumber = from.anchorNumber();
                startSeq = from.anchorSeq();
                startHash = from.anchorHash();
                // The anchor's own re-check: a rewrite at or before it that recomputed the hashes after it (the only
                // rewrite a walk cannot see by itself) changes the hash stored at the anchor, which a checkpoint signed.
                String problem = anchorProblem(c, startSeq, startHash, startNumber, from.number(), headSeq);
                if (problem != null) {
                    String id = idAt(c, startSeq);
                    ChainVerification.Mismatch m = new ChainVerification.Mismatch(id, startSeq, problem);
                    return new Walked(new ChainVerification(false, 0, headSeq, headHash, m, 0L, null, null, mode, startSeq, 0L,
                            recordedProblem, null), startNumber, startSeq, startHash);
                }
            }
        }
        long storedCount;
        try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM audit_checkpoint"); ResultSet rs = count.executeQuery()) {
            rs.next();
            storedCount = rs.getLong(1);
        }
        List<Checkpoint> stored = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + RecordStore.CHECKPOINT_COLUMNS + " FROM audit_checkpoint WHERE number > ? ORDER BY number")) {
            select.setLong(1, startNumber);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.add(RecordStore.readCheckpoint(rs));
                }
            }
        }
        ChainVerification.CheckpointMismatch checkpointProblem = null;
        Map<Long, List<Checkpoint>> signedAt = new HashMap<>();
        long expectedNumber = startNumber + 1;
        long previousSeq = startSeq;
        for (Checkpoint cp : stored) {
            String problem = null;
            Optional<PublicKey> key = keys.find(cp.keyId());
            if (cp.number() != expectedNumber) {
                problem = "checkpoint " + expectedNumber + " is missing: checkpoints were removed";
            } else if (key.isEmpty()) {
                problem = "signed with key " + cp.keyId() + ", which this service does not know (after a key rotation, list the "
                        + "earlier public key in audit.previous-public-keys)";
            } else if (!cp.signedBy(key.get())) {
                problem = "the signature does not verify with key " + cp.keyId() + ": the checkpoint was altered or forged";
            } else if (cp.recordSeq() < previousSeq) {
                problem = "names record " + cp.recordSeq() + ", before the " + previousSeq + " of the checkpoint before it";
            } else {
                signedAt.computeIfAbsent(cp.recordSeq(), s -> new ArrayList<>()).add(cp);
                previousSeq = cp.recordSeq();
            }
            if (problem != null && checkpointProblem == null) {
                checkpointProblem = new ChainVerification.CheckpointMismatch(cp.number() != expectedNumber ? expectedNumber : cp.number(),
                        cp.recordSeq(), problem);
            }
            expectedNumber = cp.number() + 1;
        }
        if (checkpointProblem == null && lastCheckpoint != storedCount) {
            checkpointProblem = new ChainVerification.CheckpointMismatch(storedCount + 1, headSeq, "the chain head counts "
                    + lastCheckpoint + " checkpoints but " + storedCount + " are stored: checkpoints were removed");
        }

        KeptVerdict keptVerdict = kept == null ? null : new KeptVerdict(kept, keptKey == null ? keys.find(kept.keyId()).orElse(null) : keptKey);

        String previous = startHash;
        long lastGoodSeq = startSeq; // the latest record vouched for by a valid stored checkpoint that still matches
        long anchorNumber = startNumber;
        long anchorSeq = startSeq;
        String anchorHash = startHash;
        String firstAfterGoodId = null;
        ChainVerification.Mismatch mismatch = null;
        long walked = 0;
        long checkpointsChecked = 0;
        // Checkpoints taken when nothing was added since the starting point name its hash.
        checkpointProblem = checkAt(startSeq, startHash, signedAt, checkpointProblem);
        checkpointsChecked += signedAt.getOrDefault(startSeq, List.of()).size();
        if (keptVerdict != null) {
            keptVerdict.at(0, CanonicalContent.GENESIS, null, 0, null);
        }
        // Every record after a checkpoint was stored in format 2: checkpoints and format 2 came together.
        int highestFormat = startSeq > 0 ? CanonicalContent.FORMAT_DIGEST : 0;
        try (PreparedStatement select = c.prepareStatement("SELECT " + RecordStore.COLUMNS + " FROM decision_record WHERE seq > ? ORDER BY seq")) {
            select.setLong(1, startSeq);
            select.setFetchSize(200);
            try (ResultSet rs = select.executeQuery()) {
                long expectedSeq = startSeq + 1;
                while (rs.next()) {
                    DecisionRecord r = RecordStore.read(rs);
                    String reason = entryProblem(r, expectedSeq, previous, highestFormat);
                    if (reason != null) {
                        mismatch = new ChainVerification.Mismatch(r.id(), r.seq(), reason);
                        if (keptVerdict != null) {
                            keptVerdict.brokenAt(mismatch);
                        }
                        break;
                    }
                    highestFormat = Math.max(highestFormat, r.hashFormat());
                    if (firstAfterGoodId == null) {
                        firstAfterGoodId = r.id();
                    }
                    previous = r.contentHash();
                    walked++;
                    expectedSeq++;
                    if (walked % 1000 == 0) {
                        recordsHashed.addAndGet(1000);
                        progress.accept(walked);
                    }
                    if (keptVerdict != null) {
                        keptVerdict.at(r.seq(), previous, r.id(), lastGoodSeq, firstAfterGoodId);
                    }
                    List<Checkpoint> here = signedAt.get(r.seq());
                    if (here != null) {
                        checkpointsChecked += here.size();
                        ChainVerification.CheckpointMismatch before = checkpointProblem;
                        checkpointProblem = checkAt(r.seq(), previous, signedAt, checkpointProblem);
                        boolean allMatch = here.stream().allMatch(cp -> cp.headHash().equals(r.contentHash()));
                        if (allMatch) {
                            lastGoodSeq = r.seq();
                            firstAfterGoodId = null;
                            if (checkpointProblem == null) {
                                anchorNumber = here.stream().mapToLong(Checkpoint::number).max().orElseThrow();
                                anchorSeq = r.seq();
                                anchorHash = r.contentHash();
                            }
                        } else if (before == null && checkpointProblem != null) {
                            checkpointProblem = new ChainVerification.CheckpointMismatch(checkpointProblem.number(), checkpointProblem.recordSeq(),
                                    checkpointProblem.reason() + range(lastGoodSeq + 1, r.seq(), firstAfterGoodId));
                        }
                    }
                }
            }
        }
        recordsHashed.addAndGet(walked % 1000);
        progress.accept(walked);
        long covered = startSeq + walked;
        if (mismatch == null && (covered != headSeq || !previous.equals(headHash))) {
            mismatch = new ChainVerification.Mismatch(null, covered + 1,
                    "the chain head names record " + headSeq + " but the records end at " + covered + ": records were removed");
        }
        if (mismatch == null && checkpointProblem == null) {
            for (Map.Entry<Long, List<Checkpoint>> beyond : signedAt.entrySet()) {
                if (beyond.getKey() > covered) {
                    Checkpoint cp = beyond.getValue().get(0);
                    checkpointProblem = new ChainVerification.CheckpointMismatch(cp.number(), cp.recordSeq(), "names record "
                            + cp.recordSeq() + " but the records end at " + covered + ": records were removed");
                    break;
                }
            }
        }
        ChainVerification.KeptCheckpoint against = keptVerdict == null ? null : keptVerdict.result(covered, stored);
        boolean intact = mismatch == null && checkpointProblem == null && (against == null || against.extended());
        return new Walked(new ChainVerification(intact, covered, headSeq, headHash, mismatch, checkpointsChecked, checkpointProblem, against,
                mode, startSeq, walked, recordedProblem, null), anchorNumber, anchorSeq, anchorHash);
    }

    /**
     * What is wrong with one entry of the chain, or null. Generic over what an entry is: its place,
     * its link to the one before, its own hash, and its hash format, which may never go back to 1
     * after a format-2 entry (issue 18 section 2: a relabelled format is a downgrade, not a choice).
     */
    static String entryProblem(DecisionRecord r, long expectedSeq, String previous, int highestFormat) {
        if (r.seq() != expectedSeq) {
            return "sequence jumps from " + (expectedSeq - 1) + " to " + r.seq() + ": a record is missing";
        }
        if (!r.previousHash().equals(previous)) {
            return "previous_hash does not match the hash of record " + (r.seq() - 1);
        }
        if (r.hashFormat() < highestFormat) {
            return "hash format " + r.hashFormat() + " after format " + highestFormat + ": the format was relabelled (a downgrade)";
        }
        if (!r.hashMatches(previous)) {
            return "content does not match content_hash: the record was changed after it was stored";
        }
        if (!r.kindMatches()) {
            // the kind decides whether a record may enter a 通报; it must be what the hashed response shows
            return "record_kind " + r.kind() + " but its response is " + RecordKind.of(r.responseJson())
                    + ": the kind was changed after it was stored";
        }
        return null;
    }

    /** Why an incremental walk cannot start at its anchor, or null. */
    private static String anchorProblem(Connection c, long seq, String hash, long number, long verification, long headSeq) throws SQLException {
        if (seq == 0) {
            return null;
        }
        if (headSeq < seq) {
            return "the chain head names record " + headSeq + " but checkpoint " + number + ", verified by verification " + verification
                    + ", covers record " + seq + ": records were removed";
        }
        try (PreparedStatement select = c.prepareStatement("SELECT content_hash FROM decision_record WHERE seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return "record " + seq + ", where checkpoint " + number + " and verification " + verification + " left off, is missing";
                }
                if (!hash.equals(rs.getString(1))) {
                    return "record " + seq + " no longer has the hash checkpoint " + number + " signed and verification " + verification
                            + " found: a record at or before " + seq + " was changed and the hashes after it recomputed (a full walk names it)";
                }
            }
        }
        return null;
    }

    private static String idAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM decision_record WHERE seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static ChainVerification.CheckpointMismatch checkAt(long seq, String hash, Map<Long, List<Checkpoint>> signedAt,
                                                               ChainVerification.CheckpointMismatch problem) {
        if (problem != null) {
            return problem;
        }
        for (Checkpoint cp : signedAt.getOrDefault(seq, List.of())) {
            if (!cp.headHash().equals(hash)) {
                return new ChainVerification.CheckpointMismatch(cp.number(), seq, "checkpoint " + cp.number() + " signed head " + cp.headHash()
                        + " after record " + seq + ", the records give " + hash + " now: a record was changed after the checkpoint was signed");
            }
        }
        return null;
    }

    static String range(long from, long to, String firstId) {
        if (from == to) {
            return " (record " + firstId + ", seq " + to + ", is the one that changed: the signed checkpoint before it still matches)";
        }
        return " (the change lies in records " + from + " to " + to + ", after the last signed checkpoint that still matches)";
    }

    /** The kept checkpoint's verdict, built up as the walk passes its record. */
    private static final class KeptVerdict {
        private final Checkpoint kept;
        private final String signature;
        private Boolean extended;
        private String reason;
        private Long changedFrom;
        private Long changedTo;
        private String changedId;

        KeptVerdict(Checkpoint kept, PublicKey key) {
            this.kept = kept;
            this.signature = key == null ? "UNKNOWN_KEY" : kept.signedBy(key) ? "VALID" : "INVALID";
        }

        void at(long seq, String hash, String id, long lastGoodSeq, String firstAfterGoodId) {
            if (seq != kept.recordSeq() || extended != null) {
                return;
            }
            if (hash.equals(kept.headHash())) {
                extended = true;
                return;
            }
            extended = false;
            long from = Math.min(lastGoodSeq + 1, seq);
            changedFrom = from;
            changedTo = seq;
            if (from == seq) {
                changedId = id;
            }
            reason = "the records now give head " + hash + " after record " + seq + ", the checkpoint signed " + kept.headHash()
                    + ": a record at or before " + seq + " was changed, inserted or removed after checkpoint " + kept.number()
                    + " was signed" + (seq == 0 ? "" : range(from, seq, from == seq ? id : firstAfterGoodId));
        }

        void brokenAt(ChainVerification.Mismatch mismatch) {
            if (extended == null) {
                extended = false;
                changedFrom = mismatch.seq();
                changedTo = mismatch.seq();
                changedId = mismatch.id();
                reason = "the chain breaks at record " + mismatch.seq() + " (" + mismatch.reason() + ") before it reaches record "
                        + kept.recordSeq() + " of the checkpoint";
            }
        }

        ChainVerification.KeptCheckpoint result(long checked, List<Checkpoint> stored) {
            boolean ok = Boolean.TRUE.equals(extended);
            String why = reason;
            if (extended == null) {
                why = "the records end at " + checked + "; the checkpoint names record " + kept.recordSeq() + ": records were removed";
            } else if (ok) {
                why = "the chain recomputed from the records passes through the checkpoint's head after record " + kept.recordSeq();
                Optional<Checkpoint> same = stored.stream().filter(s -> s.number() == kept.number()).findFirst();
                if (same.isPresent() && !same.get().equals(kept)) {
                    why += "; note: the service's stored checkpoint " + kept.number() + " differs from this one";
                }
            }
            if (!signature.equals("VALID")) {
                ok = false;
                why = (signature.equals("INVALID")
                        ? "the signature does not verify with the trusted key: the checkpoint was altered or was not made by that key"
                        : "signed with key " + kept.keyId() + ", which this service does not know; send the public key you trust with it")
                        + "; " + why;
            }
            return new ChainVerification.KeptCheckpoint(kept.number(), kept.recordSeq(), kept.keyId(), signature, ok, why,
                    changedFrom, changedTo, changedId);
        }
    }
}
