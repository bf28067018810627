package cn.panzhihua.scoring.audit;

import jakarta.enterprise.context.ApplicationScoped;
import cn.panzhihua.scoring.database.Records;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decision records, in plain JDBC on H2 or PostgreSQL. Records are only ever inserted: an
 * append locks the chain head, links the new record to the last one and commits both together.
 */
@ApplicationScoped
public class RecordStore {

    private static final String COLUMNS = "id, seq, recorded_at, recorded_by, unit, eval_year, rulebook_version, service_version, "
            + "batch_id, request_json, response_json, previous_hash, content_hash";

    @Inject
    @Records
    DataSource dataSource;

    /** Stores one record at the head of the chain and returns it as stored. */
    public DecisionRecord append(RecordDraft draft, String serviceVersion) {
        return appendAll(List.of(draft), serviceVersion).get(0);
    }

    /**
     * Stores records at the head of the chain, in order, in one transaction (a batch's records are
     * all stored or none), and returns them as stored.
     */
    public List<DecisionRecord> appendAll(List<RecordDraft> drafts, String serviceVersion) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long seq;
                String previousHash;
                try (PreparedStatement head = c.prepareStatement("SELECT last_seq, last_hash FROM chain_head WHERE id = 1 FOR UPDATE");
                     ResultSet rs = head.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("the chain_head row is missing: the database was not migrated");
                    }
                    seq = rs.getLong(1);
                    previousHash = rs.getString(2);
                }
                // Stored to the millisecond on every database, so the hash can be recomputed from what is read back.
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                List<DecisionRecord> stored = new ArrayList<>(drafts.size());
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO decision_record (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (RecordDraft draft : drafts) {
                        DecisionRecord unsealed = new DecisionRecord(draft.id(), ++seq, now, draft.recordedBy(), draft.unit(),
                                draft.year(), draft.rulebookVersion(), serviceVersion, draft.batchId(), draft.requestJson(),
                                draft.responseJson(), previousHash, null);
                        DecisionRecord record = withHash(unsealed, CanonicalContent.hash(previousHash, unsealed.canonicalContent()));
                        bind(insert, record);
                        insert.addBatch();
                        stored.add(record);
                        previousHash = record.contentHash();
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement update = c.prepareStatement("UPDATE chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                    update.setLong(1, seq);
                    update.setString(2, previousHash);
                    update.executeUpdate();
                }
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the decision record: " + e.getMessage(), e);
        }
    }

    private static DecisionRecord withHash(DecisionRecord r, String hash) {
        return new DecisionRecord(r.id(), r.seq(), r.recordedAt(), r.recordedBy(), r.unit(), r.year(), r.rulebookVersion(),
                r.serviceVersion(), r.batchId(), r.requestJson(), r.responseJson(), r.previousHash(), hash);
    }

    private static void bind(PreparedStatement insert, DecisionRecord r) throws SQLException {
        insert.setString(1, r.id());
        insert.setLong(2, r.seq());
        insert.setObject(3, OffsetDateTime.ofInstant(r.recordedAt(), ZoneOffset.UTC));
        insert.setString(4, r.recordedBy());
        insert.setString(5, r.unit());
        insert.setInt(6, r.year());
        insert.setString(7, r.rulebookVersion());
        insert.setString(8, r.serviceVersion());
        insert.setString(9, r.batchId());
        insert.setString(10, r.requestJson());
        insert.setString(11, r.responseJson());
        insert.setString(12, r.previousHash());
        insert.setString(13, r.contentHash());
    }

    public Optional<DecisionRecord> find(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM decision_record WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read decision record " + id + ": " + e.getMessage(), e);
        }
    }

    public RecordPage<DecisionRecord> search(RecordFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.unit() != null) {
            where.append(" AND unit = ?");
            args.add(filter.unit());
        }
        if (filter.year() != null) {
            where.append(" AND eval_year = ?");
            args.add(filter.year());
        }
        if (filter.from() != null) {
            where.append(" AND recorded_at >= ?");
            args.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            where.append(" AND recorded_at < ?");
            args.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        if (filter.batchId() != null) {
            where.append(" AND batch_id = ?");
            args.add(filter.batchId());
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM decision_record" + where)) {
                bind(count, args);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<DecisionRecord> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM decision_record" + where
                    + " ORDER BY seq DESC LIMIT ? OFFSET ?")) {
                List<Object> paged = new ArrayList<>(args);
                paged.add(filter.size());
                paged.add((long) filter.page() * filter.size());
                bind(select, paged);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return new RecordPage<>(filter.page(), filter.size(), total, items);
        } catch (SQLException e) {
            throw new IllegalStateException("could not search decision records: " + e.getMessage(), e);
        }
    }

    /**
     * The latest record of each unit for a year, or of each unit within one batch: what a
     * circulation report ranks.
     */
    public List<DecisionRecord> latestPerUnit(int year, String batchId) {
        String batch = batchId == null ? "" : " AND batch_id = ?";
        String sql = "SELECT " + COLUMNS + " FROM decision_record r WHERE eval_year = ?" + batch
                + " AND seq = (SELECT MAX(seq) FROM decision_record l WHERE l.unit = r.unit AND l.eval_year = r.eval_year"
                + (batchId == null ? "" : " AND l.batch_id = r.batch_id") + ") ORDER BY unit";
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setInt(1, year);
            if (batchId != null) {
                select.setString(2, batchId);
            }
            List<DecisionRecord> out = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the latest decision records: " + e.getMessage(), e);
        }
    }

    /** Walks the chain in order, recomputing every hash; stops at the first record that does not match. */
    public ChainVerification verify() {
        try (Connection c = dataSource.getConnection()) {
            long headSeq;
            String headHash;
            try (PreparedStatement head = c.prepareStatement("SELECT last_seq, last_hash FROM chain_head WHERE id = 1");
                 ResultSet rs = head.executeQuery()) {
                rs.next();
                headSeq = rs.getLong(1);
                headHash = rs.getString(2);
            }
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            String previous = CanonicalContent.GENESIS;
            long expectedSeq = 1;
            long checked = 0;
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM decision_record ORDER BY seq")) {
                select.setFetchSize(200);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        DecisionRecord r = read(rs);
                        String reason = null;
                        if (r.seq() != expectedSeq) {
                            reason = "sequence jumps from " + (expectedSeq - 1) + " to " + r.seq() + ": a record is missing";
                        } else if (!r.previousHash().equals(previous)) {
                            reason = "previous_hash does not match the hash of record " + (r.seq() - 1);
                        } else if (!CanonicalContent.hash(previous, r.canonicalContent()).equals(r.contentHash())) {
                            reason = "content does not match content_hash: the record was changed after it was stored";
                        }
                        if (reason != null) {
                            c.rollback();
                            return new ChainVerification(false, checked, headSeq, headHash, new ChainVerification.Mismatch(r.id(), r.seq(), reason));
                        }
                        previous = r.contentHash();
                        expectedSeq++;
                        checked++;
                    }
                }
            }
            c.rollback();
            if (checked != headSeq || !previous.equals(headHash)) {
                return new ChainVerification(false, checked, headSeq, headHash, new ChainVerification.Mismatch(null, checked + 1,
                        "the chain head names record " + headSeq + " but the records end at " + checked + ": records were removed"));
            }
            return new ChainVerification(true, checked, headSeq, headHash, null);
        } catch (SQLException e) {
            throw new IllegalStateException("could not verify the decision records: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    private static DecisionRecord read(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("recorded_at", OffsetDateTime.class);
        return new DecisionRecord(rs.getString("id"), rs.getLong("seq"), at.toInstant(), rs.getString("recorded_by"),
                rs.getString("unit"), rs.getInt("eval_year"), rs.getString("rulebook_version"), rs.getString("service_version"),
                rs.getString("batch_id"), rs.getString("request_json"), rs.getString("response_json"),
                rs.getString("previous_hash"), rs.getString("content_hash"));
    }

}
