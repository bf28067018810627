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

    public static final String FORMAT = "panzhihua-rubric-evaluation export v1";

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
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT MIN(seq) FROM decision_record WHERE eval_year = ?")) {
            select.setInt(1, year);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                rs.getLong(1);
                return !rs.wasNull();
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read the records of " + year, e);
        }
    }

    /** Signs the checkpoint the export ends at (or reuses the latest if nothing was added since). */
    public Checkpoint end(int year, String who) {
        return records.checkpoint("export " + year + " for " + who, true);
    }

    /** Writes the export of {@code year} up to {@code end}; {@code out} is flushed, not closed. */
    public void write(int year, Checkpoint end, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try {
                long first;
                try (PreparedStatement select = c.prepareStatement("SELECT MIN(seq) FROM decision_record WHERE eval_year = ? AND seq <= ?")) {
                    select.setInt(1, year);
                    select.setLong(2, end.recordSeq());
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        first = rs.getLong(1);
                        if (rs.wasNull()) {
                            first = end.recordSeq() + 1;
                        }
                    }
                }
                // The stretch starts after the latest checkpoint before the year's first record, or at the chain's start.
                List<Checkpoint> checkpoints = new ArrayList<>();
                long anchor = 0;
                try (PreparedStatement select = c.prepareStatement("SELECT " + RecordStore.CHECKPOINT_COLUMNS
                        + " FROM audit_checkpoint WHERE record_seq < ? ORDER BY record_seq DESC, number DESC LIMIT 1")) {
                    select.setLong(1, first);
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
                json.writeStartObject();
                json.writeStringField("type", "export");
                json.writeStringField("format", FORMAT);
                json.writeNumberField("year", year);
                json.writeStringField("exportedAt", Instant.now().toString());
                json.writeNumberField("fromSeq", anchor + 1);
                json.writeNumberField("toSeq", end.recordSeq());
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
                long full = 0;
                long links = 0;
                // Other years' request and response are never read: only their digests and hashes are exported.
                try (PreparedStatement select = c.prepareStatement("SELECT id, seq, recorded_at, recorded_by, unit, eval_year, rulebook_version, "
                        + "service_version, batch_id, CASE WHEN eval_year = ? THEN request_json END AS request_json, "
                        + "CASE WHEN eval_year = ? THEN response_json END AS response_json, previous_hash, content_hash, hash_format, content_digest, record_kind "
                        + "FROM decision_record WHERE seq > ? AND seq <= ? ORDER BY seq")) {
                    select.setInt(1, year);
                    select.setInt(2, year);
                    select.setLong(3, anchor);
                    select.setLong(4, end.recordSeq());
                    select.setFetchSize(200);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            json.writeStartObject();
                            if (rs.getInt("eval_year") == year) {
                                json.writeStringField("type", "record");
                                json.writeNumberField("seq", rs.getLong("seq"));
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
                                // annual or progress (issue 19); not hashed, the checker derives it again from the response
                                json.writeStringField("kind", rs.getString("record_kind"));
                                full++;
                            } else {
                                json.writeStringField("type", "link");
                                json.writeNumberField("seq", rs.getLong("seq"));
                                links++;
                            }
                            json.writeNumberField("hashFormat", rs.getInt("hash_format"));
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
            throw RecordsUnavailableException.of("export the records of " + year, e);
        }
    }

    private static void newline(JsonGenerator json, OutputStream out) throws IOException {
        json.flush();
        out.write('\n');
    }
}
