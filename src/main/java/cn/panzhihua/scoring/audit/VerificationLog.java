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
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recorded walks of the chain (table chain_verification, V4): written, signed, after every walk;
 * read by the next incremental walk (its starting point) and by the console's chain page (the last
 * result), which therefore never walks the chain itself.
 */
@ApplicationScoped
public class VerificationLog {

    static final String COLUMNS = "number, mode, started_at, finished_at, verified_by, started_after_seq, records_walked, head_seq, "
            + "head_hash, anchor_number, anchor_seq, anchor_hash, intact, problem, key_id, signature";

    /** How many of the newest rows an incremental walk looks through for one it can start from. */
    static final int LOOK_BACK = 50;

    @Inject
    @Records
    DataSource dataSource;

    @Inject
    TrustedKeys keys;

    /** Signs and stores a walk's outcome; returns it with its number. */
    public RecordedVerification record(RecordedVerification walked) {
        RecordedVerification signed = walked.signedWith(keys.current());
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO chain_verification (" + COLUMNS.substring("number, ".length())
                     + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            int i = 1;
            insert.setString(i++, signed.mode());
            insert.setObject(i++, OffsetDateTime.ofInstant(signed.startedAt(), ZoneOffset.UTC));
            insert.setObject(i++, OffsetDateTime.ofInstant(signed.finishedAt(), ZoneOffset.UTC));
            insert.setString(i++, signed.verifiedBy());
            insert.setLong(i++, signed.startedAfterSeq());
            insert.setLong(i++, signed.recordsWalked());
            insert.setLong(i++, signed.headSeq());
            insert.setString(i++, signed.headHash());
            insert.setLong(i++, signed.anchorNumber());
            insert.setLong(i++, signed.anchorSeq());
            insert.setString(i++, signed.anchorHash());
            insert.setBoolean(i++, signed.intact());
            insert.setString(i++, signed.problem());
            insert.setString(i++, signed.keyId());
            insert.setString(i, signed.signature());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                return keys.next() ? signed.numbered(keys.getLong(1)) : signed;
            }
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("record the chain verification", e);
        }
    }

    /** The newest recorded walks, newest first (what the chain page shows). */
    public List<RecordedVerification> latest(int count) {
        try (Connection c = dataSource.getConnection()) {
            return newest(c, count);
        } catch (SQLException e) {
            throw RecordsUnavailableException.of("read the chain verifications", e);
        }
    }

    /** What an incremental walk may start from, and any recorded row that fails its signature. */
    record Start(Optional<RecordedVerification> from, String tampered) {
    }

    /** The newest intact walk whose signature verifies with a key the service trusts. */
    Start start(Connection c) throws SQLException {
        String tampered = null;
        for (RecordedVerification v : newest(c, LOOK_BACK)) {
            Optional<PublicKey> key = keys.find(v.keyId());
            if (key.isEmpty() || !v.signedBy(key.get())) {
                if (tampered == null) {
                    tampered = "recorded verification " + v.number() + " is not signed by a key this service trusts: the row was "
                            + "altered or planted; the walk did not start from it";
                }
                continue;
            }
            if (v.intact()) {
                return new Start(Optional.of(v), tampered);
            }
        }
        return new Start(Optional.empty(), tampered);
    }

    private static List<RecordedVerification> newest(Connection c, int count) throws SQLException {
        List<RecordedVerification> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM chain_verification ORDER BY number DESC LIMIT ?")) {
            select.setInt(1, count);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.add(new RecordedVerification(rs.getLong("number"), rs.getString("mode"),
                            rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getObject("finished_at", OffsetDateTime.class).toInstant(),
                            rs.getString("verified_by"), rs.getLong("started_after_seq"), rs.getLong("records_walked"), rs.getLong("head_seq"),
                            rs.getString("head_hash"), rs.getLong("anchor_number"), rs.getLong("anchor_seq"), rs.getString("anchor_hash"),
                            rs.getBoolean("intact"), rs.getString("problem"), rs.getString("key_id"), rs.getString("signature")));
                }
            }
        }
        return out;
    }
}
