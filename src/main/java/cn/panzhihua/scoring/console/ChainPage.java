package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.audit.ChainVerification;
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

/** The hash chain of the decision records: walked on request, with the first record that does not match. */
@Path("/console/chain")
@Produces(MediaType.TEXT_HTML)
public class ChainPage {

    public record Status(boolean intact, long checked, long headSeq, String headHash, String mismatchId, long mismatchSeq,
                         String reason, String checkedAt, long millis) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    RecordStore records;

    @GET
    @Operation(hidden = true)
    public TemplateInstance chain() {
        access.require(Roles.AUDITOR);
        long start = System.nanoTime();
        ChainVerification v = records.verify();
        long millis = (System.nanoTime() - start) / 1_000_000;
        ChainVerification.Mismatch m = v.firstMismatch();
        Status status = new Status(v.intact(), v.recordsChecked(), v.headSeq(), v.headHash(), m == null ? null : m.id(),
                m == null ? 0 : m.seq(), m == null ? null : m.reason(), Numbers.time(Instant.now()), millis);
        return Views.chain(access.chrome("记录链校验", "chain"), status);
    }
}
