package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.audit.ChainVerification;
import cn.panzhihua.scoring.audit.ChainVerifier;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.security.Roles;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/** The hash chain of the decision records: walked on request, with the first record that does not match. */
@Path("/console/chain")
@Produces(MediaType.TEXT_HTML)
public class ChainPage {

    public record Status(boolean intact, long checked, long headSeq, String headHash, String mismatchId, long mismatchSeq,
                         String reason, String checkedAt, long millis, long checkpointsChecked, String checkpointProblem) {
    }

    /** A signed checkpoint as the page lists it. */
    public record CheckpointRow(long number, long recordSeq, String takenAt, String reason, String keyId, String headHash) {
    }

    /** How many of the latest checkpoints the page lists (the API pages through all of them). */
    static final int LATEST = 10;

    @Inject
    ConsoleAccess access;

    @Inject
    RecordStore records;

    @Inject
    ChainVerifier verifier;

    @GET
    @Operation(hidden = true)
    public TemplateInstance chain() {
        access.require(Roles.AUDITOR);
        long start = System.nanoTime();
        ChainVerification v = verifier.verify();
        long millis = (System.nanoTime() - start) / 1_000_000;
        ChainVerification.Mismatch m = v.firstMismatch();
        Status status = new Status(v.intact(), v.recordsChecked(), v.headSeq(), v.headHash(), m == null ? null : m.id(),
                m == null ? 0 : m.seq(), m == null ? null : m.reason(), Numbers.time(Instant.now()), millis,
                v.checkpointsChecked() == null ? 0 : v.checkpointsChecked(),
                v.checkpointMismatch() == null ? null : "检查点 " + v.checkpointMismatch().number() + "（记录 " + v.checkpointMismatch().recordSeq()
                        + "）：" + v.checkpointMismatch().reason());
        List<CheckpointRow> latest = records.checkpoints(0, LATEST).items().stream()
                .map(c -> new CheckpointRow(c.number(), c.recordSeq(), Numbers.time(c.takenAt()), c.reason(), c.keyId(), c.headHash()))
                .toList();
        return Views.chain(access.chrome("记录链校验", "chain"), status, latest);
    }
}
