package cn.panzhihua.scoring.bench;

import cn.panzhihua.scoring.audit.CanonicalContent;
import cn.panzhihua.scoring.audit.DecisionRecord;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fills the decision records for the report benchmark (benchmarks/records.sh report): the latest
 * 72 records (one batch of all units, answered by the service) are copied {@code count} times over
 * with new ids (also inside the response) and batch ids, appended to the chain with proper hashes,
 * so the table holds what that many real answers would, in a minute instead of an hour of
 * evaluating on a shared machine. Run with the service stopped (H2 allows one process).
 *
 * <p>Usage: RecordFill jdbcUrl user password count
 */
public final class RecordFill {

    private RecordFill() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long count = Long.parseLong(args[3]);
        try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
            c.setAutoCommit(false);
            List<String[]> templates = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, recorded_by, unit, eval_year, rulebook_version, service_version, "
                    + "request_json, response_json FROM decision_record ORDER BY seq DESC LIMIT 72");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    templates.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)});
                }
            }
            long seq;
            String previous;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT last_seq, last_hash FROM chain_head WHERE id = 1 FOR UPDATE")) {
                rs.next();
                seq = rs.getLong(1);
                previous = rs.getString(2);
            }
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            long begin = System.nanoTime();
            String batch = null;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO decision_record (id, seq, recorded_at, recorded_by, unit, eval_year, "
                    + "rulebook_version, service_version, batch_id, request_json, response_json, previous_hash, content_hash, hash_format, "
                    + "content_digest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement head = c.prepareStatement("UPDATE chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                for (long i = 0; i < count; i++) {
                    String[] t = templates.get((int) (i % templates.size()));
                    if (i % templates.size() == 0) {
                        batch = UUID.randomUUID().toString();
                        at = at.plusMillis(40);
                    }
                    String id = UUID.randomUUID().toString();
                    DecisionRecord r = new DecisionRecord(id, ++seq, at, t[1], t[2], Integer.parseInt(t[3]), t[4], t[5], batch, t[6],
                            t[7].replace(t[0], id), previous, null, CanonicalContent.FORMAT_DIGEST, null);
                    String digest = CanonicalContent.digest(r.canonicalContent());
                    String hash = CanonicalContent.link(previous, digest);
                    insert.setString(1, id);
                    insert.setLong(2, seq);
                    insert.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                    insert.setString(4, r.recordedBy());
                    insert.setString(5, r.unit());
                    insert.setInt(6, r.year());
                    insert.setString(7, r.rulebookVersion());
                    insert.setString(8, r.serviceVersion());
                    insert.setString(9, batch);
                    insert.setString(10, r.requestJson());
                    insert.setString(11, r.responseJson());
                    insert.setString(12, previous);
                    insert.setString(13, hash);
                    insert.setInt(14, CanonicalContent.FORMAT_DIGEST);
                    insert.setString(15, digest);
                    insert.addBatch();
                    previous = hash;
                    if ((i + 1) % 1000 == 0 || i + 1 == count) {
                        insert.executeBatch();
                        head.setLong(1, seq);
                        head.setString(2, previous);
                        head.executeUpdate();
                        c.commit();
                    }
                }
            }
            System.out.printf("appended %d records (seq up to %d) in %.1f s%n", count, seq, (System.nanoTime() - begin) / 1e9);
        }
    }
}
