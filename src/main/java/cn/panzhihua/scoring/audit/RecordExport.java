package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.database.Records;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An auditor's export of one year's records (NDJSON, one JSON object a line), checkable offline by
 * {@link ExportCheck}. The chain runs through all years, so the export covers a stretch of it:
 * from a signed checkpoint before the year's first record (or the chain's start) to a checkpoint
 * signed for the export. The year's records are there in full; every other record of the stretch
 * is a "link" line with its sequence number, content digest and hashes only, which is enough to
 * recompute the chain (hash format 2) and shows nothing of its content. Layout: docs/audit.md.
 */
@ApplicationScoped
public class RecordExport {

    /** Version 2 adds the range ({@code from}/{@code to}) and carries format-1 links' content (issue 18 section 2). */
    public static final String FORMAT = "panzhihua-rubric-evaluation export v2";
    public static final String FORMAT_V1 = "panzhihua-rubric-evaluation export v1";

    /**
     * What an export shows in full: the records of {@code year} (null: every year) whose sequence
     * number lies in {@code from}…{@code to} (null: unbounded). Every other record of the stretch is a link.
     */
    public record Scope(Integer year, Long from, Long to) {

        long lowest() {
            return from == null ? 1 : from;
        }

        long highest() {
            return to == null ? Long.MAX_VALUE : to;
        }

        /** The SQL condition on decision_record that selects the scope's records, and its arguments. */
        String where(List<Object> args) {
            StringBuilder sql = new StringBuilder("seq >= ? AND seq <= ?");
            args.add(lowest());
            args.add(highest());
            if (year != null) {
                sql.append(" AND eval_year = ?");
                args.add(year);
            }
            return sql.toString();
        }

        boolean contains(int recordYear, long seq) {
            return (year == null || year == recordYear) && seq >= lowest() && seq <= highest();
        }

        String name() {
            return (year == null ? "records" : "records-" + year) + (from == null && to == null ? "" : "-" + lowest() + "-" + (to == null ? "end" : to));
        }

        String describe() {
            return (year == null ? "" : year + " ") + (from == null && to == null ? "" : "seq " + lowest() + "-" + (to == null ? "end" : to));
        }
    }

    @Inject
    @Records
    DataSource dataSource;

    @Inject
    RecordStore records;

    @Inject
    TrustedKeys keys;

    private static final JsonFactory JSON = new JsonFactory();

    /** Whether the year has any record (an export of nothing is refused before anything is signed). */
    public boolean hasRecords(int year) {
        return hasRecords(new Scope(year, null, null));
    }

    /** The highest sequence number of the scope's records, or -1 when it has none. */
    public long lastRecord(Scope scope) {
        List<Object> args = new ArrayList<>();
        String where = scope.where(args);
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT MAX(seq) FROM decision_record WHERE " + where)) {
            bind(select, args);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long last = rs.getLong(1);
                return rs.wasNull() ? -1 : last;
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read the records of " + scope.describe(), e);
        }
    }

    public boolean hasRecords(Scope scope) {
        return lastRecord(scope) >= 0;
    }

    /** Signs the checkpoint the export ends at (or reuses the latest if nothing was added since). */
    public Checkpoint end(int year, String who) {
        return records.checkpoint("export " + year + " for " + who, true);
    }

    /**
     * The checkpoint an export of {@code scope} ends at: the first stored one at or after its last
     * record (a range in the past needs no new signature), or one signed now at the head.
     */
    public Checkpoint end(Scope scope, String who) {
        long last = lastRecord(scope);
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + RecordStore.CHECKPOINT_COLUMNS
                     + " FROM audit_checkpoint WHERE record_seq >= ? ORDER BY record_seq, number LIMIT 1")) {
            select.setLong(1, last);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next() && scope.to() != null) {
                    return RecordStore.readCheckpoint(rs);
                }
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read the checkpoints", e);
        }
        return records.checkpoint("export " + scope.describe() + " for " + who, true);
    }

    /** A stored checkpoint by number, to pin an export's end (so that it can be resumed byte for byte). */
    public java.util.Optional<Checkpoint> checkpoint(long number) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + RecordStore.CHECKPOINT_COLUMNS + " FROM audit_checkpoint WHERE number = ?")) {
            select.setLong(1, number);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? java.util.Optional.of(RecordStore.readCheckpoint(rs)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read checkpoint " + number, e);
        }
    }

    /** Writes the export of {@code year} up to {@code end}; {@code out} is flushed, not closed. */
    public void write(int year, Checkpoint end, OutputStream out) throws IOException {
        write(new Scope(year, null, null), end, 0, out);
    }

    /**
     * Writes the export of {@code scope} up to {@code end}. With {@code after} > 0 (resuming a cut
     * download), only the record and link lines after sequence number {@code after} and the end line
     * are written: the same bytes the whole export has there, since the end checkpoint pins the stretch.
     * {@code out} is flushed, not closed.
     */
    public void write(Scope scope, Checkpoint end, long after, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try {
                long first;
                List<Object> scopeArgs = new ArrayList<>();
                String scopeWhere = scope.where(scopeArgs);
                try (PreparedStatement select = c.prepareStatement("SELECT MIN(seq) FROM decision_record WHERE " + scopeWhere + " AND seq <= ?")) {
                    List<Object> args = new ArrayList<>(scopeArgs);
                    args.add(end.recordSeq());
                    bind(select, args);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        first = rs.getLong(1);
                        if (rs.wasNull()) {
                            first = end.recordSeq() + 1;
                        }
                    }
                }
                // The stretch starts after the latest checkpoint before the scope's first record, or at the chain's start.
                List<Checkpoint> checkpoints = new ArrayList<>();
                long anchor = 0;
                try (PreparedStatement select = c.prepareStatement("SELECT " + RecordStore.CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoint WHERE record_seq < ? AND number <= ? ORDER BY record_seq DESC, number DESC LIMIT 1")) {
                    select.setLong(1, first);
                    select.setLong(2, end.number());
                    try (ResultSet rs = select.executeQuery()) {
                        if (rs.next()) {
                            anchor = rs.getLong("record_seq");
                        }
                    }
                }
                try (PreparedStatement select = c.prepareStatement("SELECT " + RecordStore.CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoint WHERE record_seq >= ? AND number <= ? ORDER BY number")) {
                    select.setLong(1, anchor);
                    select.setLong(2, end.number());
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            checkpoints.add(RecordStore.readCheckpoint(rs));
                        }
                    }
                }
                JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8);
                json.setRootValueSeparator(null);
                long full = 0;
                long links = 0;
                long resumeFrom = Math.max(anchor, after);
                if (after <= anchor) {
                    json.writeStartObject();
                    json.writeStringField("type", "export");
                    json.writeStringField("format", FORMAT);
                    if (scope.year() != null) {
                        json.writeNumberField("year", scope.year());
                    }
                    if (scope.from() != null || scope.to() != null) {
                        json.writeNumberField("from", scope.lowest());
                        json.writeNumberField("to", Math.min(scope.highest(), end.recordSeq()));
                    }
                    // A pinned export is the same bytes on every download (so a cut one can be resumed): the time is the end checkpoint's.
                    json.writeStringField("exportedAt", end.takenAt().toString());
                    json.writeNumberField("fromSeq", anchor + 1);
                    json.writeNumberField("toSeq", end.recordSeq());
                    json.writeNumberField("endCheckpoint", end.number());
                    json.writeStringField("keyId", keys.current().keyId());
                    json.writeStringField("publicKey", keys.current().publicKeyPem());
                    json.writeEndObject();
                    newline(json, out);
                    for (Checkpoint cp : checkpoints) {
                        json.writeStartObject();
                        json.writeStringField("type", "checkpoint");
                        json.writeNumberField("number", cp.number());
                        json.writeNumberField("recordSeq", cp.recordSeq());
                        json.writeStringField("headHash", cp.headHash());
                        json.writeStringField("takenAt", cp.takenAt().toString());
                        json.writeStringField("keyId", cp.keyId());
                        json.writeStringField("reason", cp.reason());
                        json.writeStringField("signature", cp.signature());
                        json.writeEndObject();
                        newline(json, out);
                    }
                } else {
                    // Resuming: the lines already sent are counted, not read again.
                    try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM decision_record WHERE " + scopeWhere + " AND seq > ? AND seq <= ?")) {
                        List<Object> args = new ArrayList<>(scopeArgs);
                        args.add(anchor);
                        args.add(Math.min(after, end.recordSeq()));
                        bind(count, args);
                        try (ResultSet rs = count.executeQuery()) {
                            rs.next();
                            full = rs.getLong(1);
                        }
                    }
                    links = Math.min(after, end.recordSeq()) - anchor - full;
                }
                // Other records' request and response are never read, except a format-1 record's: it can be linked
                // into the chain only from its content (a format-1 link without content would be taken as given).
                List<Object> args = new ArrayList<>(scopeArgs);
                String inScope = "(" + scopeWhere + ")";
                args.addAll(scopeArgs);
                args.add(resumeFrom);
                args.add(end.recordSeq());
                try (PreparedStatement select = c.prepareStatement("SELECT id, seq, recorded_at, recorded_by, unit, eval_year, rulebook_version, "
                        + "service_version, batch_id, CASE WHEN " + inScope + " OR hash_format = 1 THEN request_json END AS request_json, "
                        + "CASE WHEN " + inScope + " OR hash_format = 1 THEN response_json END AS response_json, previous_hash, content_hash, "
                        + "hash_format, content_digest, record_kind FROM decision_record WHERE seq > ? AND seq <= ? ORDER BY seq")) {
                    bind(select, args);
                    select.setFetchSize(200);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            json.writeStartObject();
                            long seq = rs.getLong("seq");
                            int format = rs.getInt("hash_format");
                            boolean isFull = scope.contains(rs.getInt("eval_year"), seq);
                            json.writeStringField("type", isFull ? "record" : "link");
                            json.writeNumberField("seq", seq);
                            if (isFull || format == CanonicalContent.FORMAT_CONTENT) {
                                json.writeStringField("id", rs.getString("id"));
                                json.writeStringField("recordedAt", rs.getObject("recorded_at", OffsetDateTime.class).toInstant().toString());
                                json.writeStringField("recordedBy", rs.getString("recorded_by"));
                                json.writeStringField("unit", rs.getString("unit"));
                                json.writeNumberField("year", rs.getInt("eval_year"));
                                json.writeStringField("rulebookVersion", rs.getString("rulebook_version"));
                                json.writeStringField("serviceVersion", rs.getString("service_version"));
                                json.writeStringField("batchId", rs.getString("batch_id"));
                                json.writeStringField("request", rs.getString("request_json"));
                                json.writeStringField("response", rs.getString("response_json"));
                            }
                            if (isFull) {
                                // annual or progress (asOf): a reader of the export tells them apart; the check holds it to the content
                                json.writeStringField("kind", rs.getString("record_kind"));
                                full++;
                            } else {
                                links++;
                            }
                            json.writeNumberField("hashFormat", format);
                            json.writeStringField("contentDigest", rs.getString("content_digest"));
                            json.writeStringField("previousHash", rs.getString("previous_hash"));
                            json.writeStringField("contentHash", rs.getString("content_hash"));
                            json.writeEndObject();
                            newline(json, out);
                        }
                    }
                }
                json.writeStartObject();
                json.writeStringField("type", "end");
                json.writeNumberField("records", full);
                json.writeNumberField("links", links);
                json.writeEndObject();
                newline(json, out);
                json.flush();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("export the records of " + scope.describe(), e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    private static void newline(JsonGenerator json, OutputStream out) throws IOException {
        json.flush();
        out.write('\n');
    }
}
