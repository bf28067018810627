package cn.panzhihua.scoring.campaign;

import cn.panzhihua.scoring.audit.RecordsUnavailableException;
import cn.panzhihua.scoring.database.Records;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The assessment year's rows in plain JDBC, in the decision records' database. Reads open their own
 * connection; writes take the connection of the transaction that appends their event (see
 * {@link CampaignEvents}), so a row and its event are stored together or not at all.
 */
@ApplicationScoped
public class CampaignStore {

    @Inject
    @Records
    DataSource dataSource;

    // ---- reads

    Optional<CampaignRows.Year> year(int year) {
        return query("read the assessment year " + year, c -> year(c, year, false));
    }

    static Optional<CampaignRows.Year> year(Connection c, int year, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM campaign WHERE campaign_year = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setInt(1, year);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CampaignRows.Year(rs.getInt("campaign_year"), date(rs, "self_due"), date(rs, "publish_from"),
                        date(rs, "publish_to"), Stage.valueOf(rs.getString("stage")), rs.getString("scoring_batch"), instant(rs, "scored_at"),
                        rs.getString("notice_json"), instant(rs, "published_at"), (Long) rs.getObject("published_checkpoint", Long.class),
                        instant(rs, "confirmed_at"), rs.getObject("confirmed_checkpoint", Long.class), rs.getString("handover_json"),
                        rs.getString("handover_sha256"), rs.getString("opened_by"), instant(rs, "opened_at")));
            }
        }
    }

    List<CampaignRows.Unit> units(int year) {
        return query("read the units of " + year, c -> units(c, year, null));
    }

    Optional<CampaignRows.Unit> unit(int year, String unit) {
        return query("read the unit " + unit, c -> units(c, year, unit).stream().findFirst());
    }

    static List<CampaignRows.Unit> units(Connection c, int year, String unit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM campaign_unit WHERE campaign_year = ?"
                + (unit == null ? "" : " AND unit = ?") + " ORDER BY unit")) {
            s.setInt(1, year);
            if (unit != null) {
                s.setString(2, unit);
            }
            List<CampaignRows.Unit> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new CampaignRows.Unit(rs.getString("unit"), date(rs, "reopened_until"), rs.getString("reopen_reason"),
                            rs.getString("facts_json"), rs.getInt("facts_version"), rs.getString("record_id")));
                }
            }
            return out;
        }
    }

    /** Every version of every self-score of the year (or of one unit), oldest first. */
    List<CampaignRows.SelfScore> selfScores(int year, String unit) {
        return query("read the self-assessments", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM campaign_self_score WHERE campaign_year = ?"
                    + (unit == null ? "" : " AND unit = ?") + " ORDER BY unit, item, version")) {
                s.setInt(1, year);
                if (unit != null) {
                    s.setString(2, unit);
                }
                List<CampaignRows.SelfScore> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CampaignRows.SelfScore(rs.getString("unit"), rs.getString("item"), rs.getInt("version"),
                                rs.getBigDecimal("self_score"), rs.getString("explanation"), rs.getString("submitted_by"),
                                instant(rs, "submitted_at"), rs.getString("event_id")));
                    }
                }
                return out;
            }
        });
    }

    List<CampaignRows.File> files(int year, String unit) {
        return query("read the evidence files", c -> files(c, "campaign_year = ?" + (unit == null ? "" : " AND unit = ?"),
                unit == null ? new Object[]{year} : new Object[]{year, unit}));
    }

    Optional<CampaignRows.File> file(int year, String id) {
        return query("read an evidence file", c -> files(c, "campaign_year = ? AND id = ?", new Object[]{year, id}).stream().findFirst());
    }

    private static List<CampaignRows.File> files(Connection c, String where, Object[] args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM campaign_file WHERE " + where + " ORDER BY uploaded_at, id")) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<CampaignRows.File> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new CampaignRows.File(rs.getString("id"), rs.getString("unit"), rs.getString("purpose"), rs.getString("subject"),
                            rs.getString("original_name"), rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                            rs.getString("uploaded_by"), instant(rs, "uploaded_at"), rs.getString("event_id")));
                }
            }
            return out;
        }
    }

    /** Bytes of the files a unit has stored this year (every version). */
    static long unitBytes(Connection c, int year, String unit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(size_bytes), 0) FROM campaign_file WHERE campaign_year = ? AND unit = ?")) {
            s.setInt(1, year);
            s.setString(2, unit);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long unitBytes(int year, String unit) {
        return query("count a unit's files", c -> unitBytes(c, year, unit));
    }

    List<CampaignRows.Objection> objections(int year, String unit) {
        return query("read the objections", c -> objections(c, year, unit, null));
    }

    Optional<CampaignRows.Objection> objection(int year, String id) {
        return query("read an objection", c -> objections(c, year, null, id).stream().findFirst());
    }

    static List<CampaignRows.Objection> objections(Connection c, int year, String unit, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM campaign_objection WHERE campaign_year = ?"
                + (unit == null ? "" : " AND unit = ?") + (id == null ? "" : " AND id = ?") + " ORDER BY filed_at, id")) {
            int i = 1;
            s.setInt(i++, year);
            if (unit != null) {
                s.setString(i++, unit);
            }
            if (id != null) {
                s.setString(i, id);
            }
            List<CampaignRows.Objection> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new CampaignRows.Objection(rs.getString("id"), rs.getString("unit"), rs.getString("subject"),
                            rs.getString("reasons"), rs.getString("status"), rs.getString("filed_by"), instant(rs, "filed_at"),
                            rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("decision_reason"),
                            rs.getString("corrected_record_id"), rs.getString("previous_record_id")));
                }
            }
            return out;
        }
    }

    Optional<CampaignRows.Remembered> remembered(String key, String principal) {
        return query("read an idempotency key", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT status, body FROM campaign_idempotency WHERE idem_key = ? AND principal = ?")) {
                s.setString(1, key);
                s.setString(2, principal);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new CampaignRows.Remembered(rs.getInt(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    /** The events of a year (records marked as campaign events), oldest first: seq, id, when, who, unit, what. */
    List<Object[]> events(int year) {
        return query("read the events of " + year, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT seq, id, recorded_at, recorded_by, unit, request_json, content_hash"
                    + " FROM decision_record WHERE eval_year = ? AND rulebook_version = ? ORDER BY seq")) {
                s.setInt(1, year);
                s.setString(2, cn.panzhihua.scoring.audit.RecordStore.EVENT_VERSION);
                List<Object[]> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[]{rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)});
                    }
                }
                return out;
            }
        });
    }

    // ---- writes, in the event's transaction

    static void insertYear(Connection c, int year, LocalDate due, LocalDate from, LocalDate to, String who, Instant at) throws SQLException {
        update(c, "INSERT INTO campaign (campaign_year, self_due, publish_from, publish_to, stage, opened_by, opened_at) VALUES (?,?,?,?,?,?,?)",
                year, Date.valueOf(due), Date.valueOf(from), Date.valueOf(to), Stage.OPEN.name(), who, ts(at));
    }

    static void insertUnit(Connection c, int year, String unit) throws SQLException {
        update(c, "INSERT INTO campaign_unit (campaign_year, unit) VALUES (?,?)", year, unit);
    }

    static void insertSelfScore(Connection c, int year, CampaignRows.SelfScore s) throws SQLException {
        update(c, "INSERT INTO campaign_self_score (campaign_year, unit, item, version, self_score, explanation, submitted_by, submitted_at, event_id)"
                + " VALUES (?,?,?,?,?,?,?,?,?)", year, s.unit(), s.item(), s.version(), s.selfScore(), s.explanation(), s.submittedBy(),
                ts(s.submittedAt()), s.eventId());
    }

    static int nextSelfScoreVersion(Connection c, int year, String unit, String item) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM campaign_self_score"
                + " WHERE campaign_year = ? AND unit = ? AND item = ?")) {
            s.setInt(1, year);
            s.setString(2, unit);
            s.setString(3, item);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void insertFile(Connection c, int year, CampaignRows.File f) throws SQLException {
        update(c, "INSERT INTO campaign_file (id, campaign_year, unit, purpose, subject, original_name, media_type, size_bytes, sha256,"
                + " uploaded_by, uploaded_at, event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", f.id(), year, f.unit(), f.purpose(), f.subject(),
                f.originalName(), f.mediaType(), f.size(), f.sha256(), f.uploadedBy(), ts(f.uploadedAt()), f.eventId());
    }

    static void insertObjection(Connection c, int year, CampaignRows.Objection o) throws SQLException {
        update(c, "INSERT INTO campaign_objection (id, campaign_year, unit, subject, reasons, status, filed_by, filed_at) VALUES (?,?,?,?,?,?,?,?)",
                o.id(), year, o.unit(), o.subject(), o.reasons(), o.status(), o.filedBy(), ts(o.filedAt()));
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    static void remember(Connection c, String key, String principal, int status, String body, Instant at) throws SQLException {
        update(c, "INSERT INTO campaign_idempotency (idem_key, principal, status, body, created_at) VALUES (?,?,?,?,?)",
                key, principal, status, body, ts(at));
    }

    static OffsetDateTime ts(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw RecordsUnavailableException.of(what, e);
        }
    }
}
