package cn.panzhihua.scoring.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import cn.panzhihua.scoring.database.Records;
import jakarta.inject.Inject;
import cn.panzhihua.scoring.security.DataFolder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.nio.file.Path;

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
 * append locks the chain head, links each new record to the one before it, and commits records
 * and head together; checkpoints are numbered and signed under the same lock, so several instances
 * on one database make one chain and one checkpoint sequence. Every database failure is a
 * {@link RecordsUnavailableException} (logged with its SQL under a correlation id).
 */
@ApplicationScoped
public class RecordStore {

    /**
     * The rulebook version that marks a record as an event of the assessment year (issue 20) rather
     * than an evaluation: hashed like every field, so it cannot be flipped unseen. The queries that
     * mean evaluations (search, latest per unit, scan) leave such records out.
     */
    public static final String EVENT_VERSION = "campaign-event";
    static final String EVALUATIONS_ONLY = " AND rulebook_version <> '" + EVENT_VERSION + "'";

    static final String COLUMNS = "id, seq, recorded_at, recorded_by, unit, eval_year, rulebook_version, service_version, "
            + "batch_id, request_json, response_json, previous_hash, content_hash, hash_format, content_digest, record_kind";

    @Inject
    @Records
    DataSource dataSource;

    @Inject
    TrustedKeys keys;

    @ConfigProperty(name = "data.dir")
    String dataDir;

    /** Stores one record at the head of the chain and returns it as stored. */
    public DecisionRecord append(RecordDraft draft, String serviceVersion) {
        return appendAll(List.of(draft), serviceVersion).get(0);
    }

    /**
     * Stores records at the head of the chain, in order, in one transaction (a batch's records are
     * all stored or none), and returns them as stored.
     */
    public List<DecisionRecord> appendAll(List<RecordDraft> drafts, String serviceVersion) {
        return appendGroup(List.of(new Append(drafts, null)), serviceVersion).get(0).records();
    }

    /**
     * One transaction for several callers' appends (group commit): the chain head is locked once,
     * each append's records follow the previous ones in order, one checkpoint is signed at the end
     * if any append asked for one, and one commit makes all of them durable. If anything fails,
     * nothing of the group is stored.
     */
    public List<Append.Stored> appendGroup(List<Append> group, String serviceVersion) {
        try (Connection c = dataSource.getConnection()) {
            refuseReadOnlyFolder(c);
            c.setAutoCommit(false);
            try {
                Head head = lockHead(c);
                long seq = head.seq();
                String previousHash = head.hash();
                // Stored to the millisecond on every database, so the hash can be recomputed from what is read back.
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                List<List<DecisionRecord>> stored = new ArrayList<>(group.size());
                String checkpointReason = null;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO decision_record (" + COLUMNS
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (Append append : group) {
                        List<DecisionRecord> records = new ArrayList<>(append.drafts().size());
                        for (RecordDraft draft : append.drafts()) {
                            DecisionRecord record = seal(draft, ++seq, now, serviceVersion, previousHash);
                            bind(insert, record);
                            insert.addBatch();
                            records.add(record);
                            previousHash = record.contentHash();
                        }
                        stored.add(records);
                        if (append.checkpointReason() != null) {
                            checkpointReason = checkpointReason == null ? append.checkpointReason() : checkpointReason + "; " + append.checkpointReason();
                        }
                    }
                    insert.executeBatch();
                }
                Checkpoint checkpoint = null;
                long lastCheckpoint = head.lastCheckpoint();
                if (checkpointReason != null) {
                    checkpoint = Checkpoint.sign(keys.current(), ++lastCheckpoint, seq, previousHash, now,
                            checkpointReason.length() > 200 ? checkpointReason.substring(0, 197) + "…" : checkpointReason);
                    insertCheckpoint(c, checkpoint);
                }
                for (int i = 0; i < group.size(); i++) {
                    Append append = group.get(i);
                    if (append.alongside() != null) {
                        append.alongside().run(c, stored.get(i), append.checkpointReason() == null ? null : checkpoint);
                    }
                }
                updateHead(c, seq, previousHash, lastCheckpoint);
                c.commit();
                List<Append.Stored> out = new ArrayList<>(group.size());
                for (int i = 0; i < group.size(); i++) {
                    out.add(new Append.Stored(stored.get(i), group.get(i).checkpointReason() == null ? null : checkpoint));
                }
                return out;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("store the decision record", e);
        }
    }

    /**
     * The embedded database's folder made read-only while the service runs: H2 would go on writing
     * through its open file, so the folder's permissions are asked before each write (issue 18 §4),
     * and the write is refused as a read-only database's would be (503, readiness DOWN).
     */
    private void refuseReadOnlyFolder(Connection c) throws SQLException {
        if (c.getMetaData().getURL().startsWith("jdbc:h2:file:")) {
            String why = DataFolder.readOnly(Path.of(dataDir));
            if (why != null) {
                throw new SQLException(why, "25006");
            }
        }
    }

    private static DecisionRecord seal(RecordDraft draft, long seq, Instant now, String serviceVersion, String previousHash) {
        DecisionRecord unsealed = new DecisionRecord(draft.id(), seq, now, draft.recordedBy(), draft.unit(), draft.year(),
                draft.rulebookVersion(), serviceVersion, draft.batchId(), draft.requestJson(), draft.responseJson(), previousHash,
                null, CanonicalContent.FORMAT_DIGEST, null, draft.kind());
        String digest = CanonicalContent.digest(unsealed.canonicalContent());
        return new DecisionRecord(draft.id(), seq, now, draft.recordedBy(), draft.unit(), draft.year(), draft.rulebookVersion(),
                serviceVersion, draft.batchId(), draft.requestJson(), draft.responseJson(), previousHash,
                CanonicalContent.link(previousHash, digest), CanonicalContent.FORMAT_DIGEST, digest, draft.kind());
    }

    /**
     * A signed checkpoint of the chain as it is now. With {@code reuseIfCurrent}, the latest
     * checkpoint is returned instead when it already names the chain's head (nothing was added
     * since), so reading a report twice does not sign twice.
     */
    public Checkpoint checkpoint(String reason, boolean reuseIfCurrent) {
        if (reuseIfCurrent) {
            Optional<Checkpoint> latest = latestCheckpoint();
            Head head = head();
            if (latest.isPresent() && latest.get().recordSeq() == head.seq() && latest.get().headHash().equals(head.hash())) {
                return latest.get();
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Head head = lockHead(c);
                if (reuseIfCurrent && head.lastCheckpoint() > 0) {
                    Optional<Checkpoint> latest = checkpointNumbered(c, head.lastCheckpoint());
                    if (latest.isPresent() && latest.get().recordSeq() == head.seq() && latest.get().headHash().equals(head.hash())) {
                        c.rollback();
                        return latest.get();
                    }
                }
                Checkpoint checkpoint = Checkpoint.sign(keys.current(), head.lastCheckpoint() + 1, head.seq(), head.hash(),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS), reason);
                insertCheckpoint(c, checkpoint);
                updateHead(c, head.seq(), head.hash(), checkpoint.number());
                c.commit();
                return checkpoint;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("sign a checkpoint", e);
        }
    }

    /** The newest checkpoint, if any was taken. */
    public Optional<Checkpoint> latestCheckpoint() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint ORDER BY number DESC LIMIT 1");
             ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(readCheckpoint(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read the latest checkpoint", e);
        }
    }

    /** Checkpoints, newest first. */
    public RecordPage<Checkpoint> checkpoints(int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM audit_checkpoint"); ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Checkpoint> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint ORDER BY number DESC LIMIT ? OFFSET ?")) {
                select.setInt(1, size);
                select.setLong(2, (long) page * size);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(readCheckpoint(rs));
                    }
                }
            }
            return new RecordPage<>(page, size, total, items);
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read the checkpoints", e);
        }
    }

    /**
     * Whether records can be written now: a committed no-op update of the chain head (the row every
     * append writes). A database that is read-only, refuses writes or cannot be reached fails it.
     * After a failure the pool's connections are closed, so that an embedded database opened
     * read-only is opened again once its files can be written.
     */
    public void probeWrite() {
        try (Connection c = dataSource.getConnection()) {
            refuseReadOnlyFolder(c);
            c.setAutoCommit(false);
            try (PreparedStatement probe = c.prepareStatement("UPDATE chain_head SET last_seq = last_seq WHERE id = 1")) {
                probe.setQueryTimeout(5);
                try {
                    if (probe.executeUpdate() != 1) {
                        throw new SQLException("the chain_head row is missing: the database was not migrated");
                    }
                } finally {
                    // H2 keeps a statement's timeout for its whole session: a pooled connection would carry it to every later query
                    probe.setQueryTimeout(0);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            if (dataSource instanceof AgroalDataSource pool) {
                pool.flush(AgroalDataSource.FlushMode.ALL);
            }
            throw e instanceof RecordsUnavailableException r ? r : RecordsUnavailableException.of("write to the decision records (readiness probe)", e);
        }
    }

    public Optional<DecisionRecord> find(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM decision_record WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read decision record " + id, e);
        }
    }

    /** The record at a position of the chain, if there is one: a record's neighbours, for checking its links. */
    public Optional<DecisionRecord> findBySeq(long seq) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM decision_record WHERE seq = ?")) {
            select.setLong(1, seq);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read decision record #" + seq + ": " + e.getMessage(), e);
        }
    }

    public RecordPage<DecisionRecord> search(RecordFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1" + EVALUATIONS_ONLY);
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
        if (filter.kind() != null) {
            where.append(" AND record_kind = ?");
            args.add(filter.kind().name());
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
            // The page's sequence numbers first (from the indexes alone), then only those rows: sorting the
            // full rows of a year (request and response, ~10 KB each) took seconds at 100,000 records.
            List<Long> seqs = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT seq FROM decision_record" + where
                    + " ORDER BY seq DESC LIMIT ? OFFSET ?")) {
                List<Object> paged = new ArrayList<>(args);
                paged.add(filter.size());
                paged.add((long) filter.page() * filter.size());
                bind(select, paged);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getLong(1));
                    }
                }
            }
            List<DecisionRecord> items = new ArrayList<>();
            if (!seqs.isEmpty()) {
                try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM decision_record WHERE seq IN ("
                        + String.join(",", java.util.Collections.nCopies(seqs.size(), "?")) + ") ORDER BY seq DESC")) {
                    bind(select, new ArrayList<>(seqs));
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            items.add(read(rs));
                        }
                    }
                }
            }
            return new RecordPage<>(filter.page(), filter.size(), total, items);
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("search the decision records", e);
        }
    }

    /**
     * The latest record of each unit for a year, or of each unit within one batch, among the
     * records up to {@code maxSeq} (the checkpoint a report is built on): what a circulation
     * report ranks. The (year, unit, seq) index (or (batch, unit, seq)) finds each unit's latest
     * sequence number: on H2 in one grouped pass, on PostgreSQL by hopping from unit to unit; only
     * those rows are read.
     */
    public List<DecisionRecord> latestPerUnit(int year, String batchId, long maxSeq) {
        return latestPerUnit(year, batchId, maxSeq, null);
    }

    /**
     * As {@link #latestPerUnit(int, String, long)}, among the records of one kind only (null: any):
     * each unit's latest annual record is what a 通报 takes when no one has chosen its records.
     */
    public List<DecisionRecord> latestPerUnit(int year, String batchId, long maxSeq, RecordKind kind) {
        String scope = (batchId == null ? "d.eval_year = ?" : "d.batch_id = ? AND d.eval_year = ?")
                + (kind == null ? "" : " AND d.record_kind = '" + kind.name() + "'")
                + EVALUATIONS_ONLY.replace("rulebook_version", "d.rulebook_version");
        try (Connection c = dataSource.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            String sql = postgres
                    // A loose index scan: hop from unit to unit along the (year or batch, unit, seq) index and
                    // take each unit's last entry, ~72 index probes instead of reading every entry of the
                    // year (PostgreSQL has no skip scan of its own; 2.5 ms instead of 28 ms at 100,000 records).
                    ? "WITH RECURSIVE u(unit) AS (SELECT MIN(d.unit) FROM decision_record d WHERE " + scope
                      + " UNION ALL SELECT (SELECT MIN(d.unit) FROM decision_record d WHERE " + scope + " AND d.unit > u.unit)"
                      + " FROM u WHERE u.unit IS NOT NULL) SELECT " + COLUMNS.replaceAll("(^|, )", "$1r.")
                      + " FROM u JOIN LATERAL (SELECT d.seq FROM decision_record d WHERE " + scope
                      + " AND d.unit = u.unit AND d.seq <= ? ORDER BY d.seq DESC LIMIT 1) l ON true"
                      + " JOIN decision_record r ON r.seq = l.seq ORDER BY r.unit"
                    : "SELECT " + COLUMNS.replaceAll("(^|, )", "$1r.") + " FROM decision_record r JOIN ("
                      + "SELECT MAX(d.seq) AS latest FROM decision_record d WHERE " + scope
                      + " AND d.seq <= ? GROUP BY d.unit) l ON r.seq = l.latest ORDER BY r.unit";
            return latestPerUnit(c, sql, postgres ? 3 : 1, year, batchId, maxSeq);
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read the latest decision records", e);
        }
    }

    /** Runs a latest-per-unit query whose scope (year, or batch and year) appears {@code scopes} times before the bound on seq. */
    private List<DecisionRecord> latestPerUnit(Connection c, String sql, int scopes, int year, String batchId, long maxSeq)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            int i = 1;
            for (int n = 0; n < scopes; n++) {
                if (batchId != null) {
                    select.setString(i++, batchId);
                }
                select.setInt(i++, year);
            }
            select.setLong(i, maxSeq);
            List<DecisionRecord> out = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /**
     * Reads a year's records (or one batch's) page by page, in sequence order, without holding them
     * all: the latest record of each unit ({@code latestOnly}), or every record. Only records up to
     * the chain head as this call starts are read, so records appended meanwhile do not join halfway.
     * {@code pages} is called on this thread with at most {@code pageSize} records at a time.
     *
     * @return the sequence number read up to
     */
    public long scan(int year, String batchId, boolean latestOnly, int pageSize, java.util.function.Consumer<List<DecisionRecord>> pages) {
        long maxSeq = head().seq();
        String filter = "eval_year = ?" + (batchId == null ? "" : " AND batch_id = ?") + " AND seq <= ?" + EVALUATIONS_ONLY;
        try (Connection c = dataSource.getConnection()) {
            // The sequence numbers first, from the (year, unit, seq) index alone (each unit's latest, or all),
            // then the rows a page at a time by primary key: paging the full rows with ORDER BY seq LIMIT read
            // and sorted a whole year's rows (request and response, ~10 KB each) for every page.
            List<Long> seqs = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(latestOnly
                    ? "SELECT MAX(seq) FROM decision_record WHERE " + filter + " GROUP BY unit"
                    : "SELECT seq FROM decision_record WHERE " + filter)) {
                bindScan(select, year, batchId, maxSeq);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getLong(1));
                    }
                }
            }
            java.util.Collections.sort(seqs);
            for (int from = 0; from < seqs.size(); from += pageSize) {
                List<Long> page = seqs.subList(from, Math.min(seqs.size(), from + pageSize));
                List<DecisionRecord> items = new ArrayList<>(page.size());
                try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM decision_record WHERE seq IN ("
                        + String.join(",", java.util.Collections.nCopies(page.size(), "?")) + ") ORDER BY seq")) {
                    bind(select, new ArrayList<>(page));
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            items.add(read(rs));
                        }
                    }
                }
                pages.accept(items);
            }
            return maxSeq;
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read the decision records of " + year, e);
        }
    }

    private static int bindScan(PreparedStatement select, int year, String batchId, long maxSeq) throws SQLException {
        int i = 1;
        select.setInt(i++, year);
        if (batchId != null) {
            select.setString(i++, batchId);
        }
        select.setLong(i++, maxSeq);
        return i;
    }

    /** The sequence number of the chain's head as committed now: one primary-key read. */
    public long headSeq() {
        return head().seq();
    }

    /** The chain head as committed now (no lock). */
    Head head() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT last_seq, last_hash, last_checkpoint FROM chain_head WHERE id = 1");
             ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the chain_head row is missing: the database was not migrated");
            }
            return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3));
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read the chain head", e);
        }
    }

    record Head(long seq, String hash, long lastCheckpoint) {
    }

    private static Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement head = c.prepareStatement("SELECT last_seq, last_hash, last_checkpoint FROM chain_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = head.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the chain_head row is missing: the database was not migrated");
            }
            return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3));
        }
    }

    private static void updateHead(Connection c, long seq, String hash, long lastCheckpoint) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE chain_head SET last_seq = ?, last_hash = ?, last_checkpoint = ? WHERE id = 1")) {
            update.setLong(1, seq);
            update.setString(2, hash);
            update.setLong(3, lastCheckpoint);
            update.executeUpdate();
        }
    }

    static final String CHECKPOINT_COLUMNS = "number, record_seq, head_hash, taken_at, key_id, reason, signature";

    private static void insertCheckpoint(Connection c, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_checkpoint (" + CHECKPOINT_COLUMNS + ") VALUES (?,?,?,?,?,?,?)")) {
            insert.setLong(1, checkpoint.number());
            insert.setLong(2, checkpoint.recordSeq());
            insert.setString(3, checkpoint.headHash());
            insert.setObject(4, OffsetDateTime.ofInstant(checkpoint.takenAt(), ZoneOffset.UTC));
            insert.setString(5, checkpoint.keyId());
            insert.setString(6, checkpoint.reason());
            insert.setString(7, checkpoint.signature());
            insert.executeUpdate();
        }
    }

    private static Optional<Checkpoint> checkpointNumbered(Connection c, long number) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + CHECKPOINT_COLUMNS + " FROM audit_checkpoint WHERE number = ?")) {
            select.setLong(1, number);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(readCheckpoint(rs)) : Optional.empty();
            }
        }
    }

    static Checkpoint readCheckpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong("number"), rs.getLong("record_seq"), rs.getString("head_hash"),
                rs.getObject("taken_at", OffsetDateTime.class).toInstant(), rs.getString("key_id"), rs.getString("reason"),
                rs.getString("signature"));
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the failure that led here is what the caller needs to see
        }
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
        insert.setInt(14, r.hashFormat());
        insert.setString(15, r.contentDigest());
        insert.setString(16, r.kind().name());
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    private static RecordKind kind(String stored) {
        try {
            return stored == null ? RecordKind.ANNUAL : RecordKind.valueOf(stored);
        } catch (IllegalArgumentException e) {
            // an unknown word in the column is never taken for an annual record: it is shown, and verification flags it
            return RecordKind.PROGRESS;
        }
    }

    static DecisionRecord read(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("recorded_at", OffsetDateTime.class);
        return new DecisionRecord(rs.getString("id"), rs.getLong("seq"), at.toInstant(), rs.getString("recorded_by"),
                rs.getString("unit"), rs.getInt("eval_year"), rs.getString("rulebook_version"), rs.getString("service_version"),
                rs.getString("batch_id"), rs.getString("request_json"), rs.getString("response_json"),
                rs.getString("previous_hash"), rs.getString("content_hash"), rs.getInt("hash_format"), rs.getString("content_digest"),
                kind(rs.getString("record_kind")));
    }
}
