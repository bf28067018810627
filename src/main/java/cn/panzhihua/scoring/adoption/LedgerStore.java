package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.audit.RecordsUnavailableException;
import cn.panzhihua.scoring.database.Records;
import cn.panzhihua.scoring.facts.LeaderInstruction;
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
 * The ledger's rows in plain JDBC, in the decision records' database (V6). Reads open their own
 * connection; writes take the connection of the transaction that appends their event to the chain,
 * where the chain's head is locked, so two writers never both pass a duplicate check.
 */
@ApplicationScoped
public class LedgerStore {

    static final String ADOPTION = "ADOPTION";
    static final String REVERSAL = "REVERSAL";

    /** One row of adoption_entry. */
    record Entry(String id, long number, int year, String kind, String unit, String channel, String issue, LocalDate date, String title,
                 LeaderInstruction leaderInstruction, boolean stateCouncilAdopted, String reverses, String replaces, String reason,
                 String recordedBy, Instant recordedAt, String eventId) {
    }

    /** One version of a unit's month (adoption_submission). */
    record Submission(String unit, int month, int version, int count, String reason, String recordedBy, Instant recordedAt, String eventId) {
    }

    @Inject
    @Records
    DataSource dataSource;

    List<Entry> entries(int year, String unit) {
        return query("read the adoption ledger of " + year, c -> entries(c, year, unit));
    }

    Optional<Entry> entry(int year, String id) {
        return entries(year, null).stream().filter(e -> e.id().equals(id)).findFirst();
    }

    List<Submission> submissions(int year, String unit) {
        return query("read the monthly submissions of " + year, c -> submissions(c, year, unit));
    }

    /** Whether anything is kept in the ledger for the year: then the year's information facts come from it. */
    boolean keeps(int year) {
        return query("read the adoption ledger of " + year, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM adoption_entry WHERE ledger_year = ? UNION ALL"
                    + " SELECT 1 FROM adoption_submission WHERE ledger_year = ?")) {
                s.setInt(1, year);
                s.setInt(2, year);
                s.setMaxRows(1);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    static List<Entry> entries(Connection c, int year, String unit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM adoption_entry WHERE ledger_year = ?"
                + (unit == null ? "" : " AND unit = ?") + " ORDER BY entry_seq")) {
            s.setInt(1, year);
            if (unit != null) {
                s.setString(2, unit);
            }
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Date d = rs.getDate("adopted_on");
                    String instruction = rs.getString("leader_instruction");
                    out.add(new Entry(rs.getString("id"), rs.getLong("entry_seq"), rs.getInt("ledger_year"), rs.getString("kind"),
                            rs.getString("unit"), rs.getString("channel"), rs.getString("issue"), d == null ? null : d.toLocalDate(),
                            rs.getString("title"), instruction == null ? null : LeaderInstruction.valueOf(instruction),
                            rs.getBoolean("state_council_adopted"), rs.getString("reverses"), rs.getString("replaces"), rs.getString("reason"),
                            rs.getString("recorded_by"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("event_id")));
                }
            }
            return out;
        }
    }

    static List<Submission> submissions(Connection c, int year, String unit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM adoption_submission WHERE ledger_year = ?"
                + (unit == null ? "" : " AND unit = ?") + " ORDER BY unit, month_no, version")) {
            s.setInt(1, year);
            if (unit != null) {
                s.setString(2, unit);
            }
            List<Submission> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Submission(rs.getString("unit"), rs.getInt("month_no"), rs.getInt("version"), rs.getInt("submitted"),
                            rs.getString("reason"), rs.getString("recorded_by"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                            rs.getString("event_id")));
                }
            }
            return out;
        }
    }

    static long nextNumber(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(entry_seq), 0) + 1 FROM adoption_entry");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void insert(Connection c, Entry e) throws SQLException {
        update(c, "INSERT INTO adoption_entry (id, ledger_year, kind, unit, channel, issue, adopted_on, title, leader_instruction,"
                        + " state_council_adopted, reverses, replaces, reason, recorded_by, recorded_at, event_id, entry_seq)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                e.id(), e.year(), e.kind(), e.unit(), e.channel(), e.issue(), e.date() == null ? null : Date.valueOf(e.date()), e.title(),
                e.leaderInstruction() == null ? null : e.leaderInstruction().name(), e.stateCouncilAdopted(), e.reverses(), e.replaces(),
                e.reason(), e.recordedBy(), ts(e.recordedAt()), e.eventId(), e.number());
    }

    static int nextVersion(Connection c, int year, String unit, int month) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM adoption_submission"
                + " WHERE ledger_year = ? AND unit = ? AND month_no = ?")) {
            s.setInt(1, year);
            s.setString(2, unit);
            s.setInt(3, month);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static void insert(Connection c, int year, Submission s) throws SQLException {
        update(c, "INSERT INTO adoption_submission (ledger_year, unit, month_no, version, submitted, reason, recorded_by, recorded_at, event_id)"
                        + " VALUES (?,?,?,?,?,?,?,?,?)", year, s.unit(), (short) s.month(), s.version(), s.count(), s.reason(), s.recordedBy(),
                ts(s.recordedAt()), s.eventId());
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static OffsetDateTime ts(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
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
