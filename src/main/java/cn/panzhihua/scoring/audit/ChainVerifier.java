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

    public ChainVerification verify() {
        return verify(null, null);
    }

    /**
     * @param kept    a checkpoint a person kept, or null
     * @param keptKey the public key the person trusts, or null for the service's keys (by key id)
     */
    public ChainVerification verify(Checkpoint kept, PublicKey keptKey) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // one snapshot; PostgreSQL streams with a fetch size only inside a transaction
            try {
                return walk(c, kept, keptKey);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("verify the decision records", e);
        }
    }

    private ChainVerification walk(Connection c, Checkpoint kept, PublicKey keptKey) throws SQLException {
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
        List<Checkpoint> stored = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + RecordStore.CHECKPOINT_COLUMNS + " FROM audit_checkpoint ORDER BY number");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                stored.add(RecordStore.readCheckpoint(rs));
            }
        }
        ChainVerification.CheckpointMismatch checkpointProblem = null;
        Map<Long, List<Checkpoint>> signedAt = new HashMap<>();
        long expectedNumber = 1;
        long previousSeq = 0;
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
        if (checkpointProblem == null && lastCheckpoint != stored.size()) {
            checkpointProblem = new ChainVerification.CheckpointMismatch(stored.size() + 1, headSeq, "the chain head counts "
                    + lastCheckpoint + " checkpoints but " + stored.size() + " are stored: checkpoints were removed");
        }

        KeptVerdict keptVerdict = kept == null ? null : new KeptVerdict(kept, keptKey == null ? keys.find(kept.keyId()).orElse(null) : keptKey);

        String previous = CanonicalContent.GENESIS;
        long lastGoodSeq = 0; // the latest record vouched for by a valid stored checkpoint that still matches
        String firstAfterGoodId = null;
        ChainVerification.Mismatch mismatch = null;
        long checked = 0;
        long checkpointsChecked = 0;
        // Checkpoints taken before any record name the genesis hash.
        checkpointProblem = checkAt(0, CanonicalContent.GENESIS, signedAt, checkpointProblem);
        checkpointsChecked += signedAt.getOrDefault(0L, List.of()).size();
        if (keptVerdict != null) {
            keptVerdict.at(0, CanonicalContent.GENESIS, null, 0, null);
        }
        try (PreparedStatement select = c.prepareStatement("SELECT " + RecordStore.COLUMNS + " FROM decision_record ORDER BY seq")) {
            select.setFetchSize(200);
            try (ResultSet rs = select.executeQuery()) {
                long expectedSeq = 1;
                while (rs.next()) {
                    DecisionRecord r = RecordStore.read(rs);
                    String reason = null;
                    if (r.seq() != expectedSeq) {
                        reason = "sequence jumps from " + (expectedSeq - 1) + " to " + r.seq() + ": a record is missing";
                    } else if (!r.previousHash().equals(previous)) {
                        reason = "previous_hash does not match the hash of record " + (r.seq() - 1);
                    } else if (!r.hashMatches(previous)) {
                        reason = "content does not match content_hash: the record was changed after it was stored";
                    } else if (!r.kindMatches()) {
                        // the kind decides whether a record may enter a 通报; it must be what the hashed response shows
                        reason = "record_kind " + r.kind() + " but its response is " + RecordKind.of(r.responseJson())
                                + ": the kind was changed after it was stored";
                    }
                    if (reason != null) {
                        mismatch = new ChainVerification.Mismatch(r.id(), r.seq(), reason);
                        if (keptVerdict != null) {
                            keptVerdict.brokenAt(mismatch);
                        }
                        break;
                    }
                    if (firstAfterGoodId == null) {
                        firstAfterGoodId = r.id();
                    }
                    previous = r.contentHash();
                    checked++;
                    expectedSeq++;
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
                        } else if (before == null && checkpointProblem != null) {
                            checkpointProblem = new ChainVerification.CheckpointMismatch(checkpointProblem.number(), checkpointProblem.recordSeq(),
                                    checkpointProblem.reason() + range(lastGoodSeq + 1, r.seq(), firstAfterGoodId));
                        }
                    }
                }
            }
        }
        if (mismatch == null && (checked != headSeq || !previous.equals(headHash))) {
            mismatch = new ChainVerification.Mismatch(null, checked + 1,
                    "the chain head names record " + headSeq + " but the records end at " + checked + ": records were removed");
        }
        if (mismatch == null && checkpointProblem == null) {
            for (Map.Entry<Long, List<Checkpoint>> beyond : signedAt.entrySet()) {
                if (beyond.getKey() > checked) {
                    Checkpoint cp = beyond.getValue().get(0);
                    checkpointProblem = new ChainVerification.CheckpointMismatch(cp.number(), cp.recordSeq(), "names record "
                            + cp.recordSeq() + " but the records end at " + checked + ": records were removed");
                    break;
                }
            }
        }
        ChainVerification.KeptCheckpoint against = keptVerdict == null ? null : keptVerdict.result(checked, stored);
        boolean intact = mismatch == null && checkpointProblem == null && (against == null || against.extended());
        return new ChainVerification(intact, checked, headSeq, headHash, mismatch, checkpointsChecked, checkpointProblem, against);
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
