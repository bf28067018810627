package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.audit.ChainWalks;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.audit.RecordedVerification;
import cn.panzhihua.scoring.audit.VerificationLog;
import cn.panzhihua.scoring.security.Roles;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.List;

/**
 * The hash chain of the decision records (issue 24): the last recorded verification (when, by whom,
 * up to which record, its result), a full walk's progress while one runs, and the latest checkpoints.
 * Showing the page never walks the chain: it reads the chain head, the newest recorded verification
 * and ten checkpoints, each by index. Walks start from its two buttons.
 */
@Path("/console/chain")
@Produces(MediaType.TEXT_HTML)
public class ChainPage {

    /** The last recorded verification as the page shows it (null fields when there is none yet). */
    public record Status(boolean verified, boolean intact, String mode, String verifiedAt, String verifiedBy, long headSeqThen,
                         long startedAfterSeq, long recordsWalked, long millis, String problem, long number, long headSeq, long added,
                         long anchorNumber) {
    }

    /** A full walk in progress. */
    public record Progress(String startedBy, String startedAt, long walked, long target, int percent, long secondsLeft) {
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
    VerificationLog log;

    @Inject
    ChainWalks walks;

    @GET
    @Operation(hidden = true)
    public TemplateInstance chain() {
        access.require(Roles.AUDITOR);
        long head = records.headSeq();
        List<RecordedVerification> last = log.latest(1);
        Status status;
        if (last.isEmpty()) {
            status = new Status(false, false, null, null, null, 0, 0, 0, 0, null, 0, head, head, 0);
        } else {
            RecordedVerification v = last.get(0);
            status = new Status(true, v.intact(), v.mode().equals(RecordedVerification.FULL) ? "完整校验" : "增量校验",
                    Numbers.time(v.finishedAt()), v.verifiedBy(), v.headSeq(), v.startedAfterSeq(), v.recordsWalked(),
                    java.time.Duration.between(v.startedAt(), v.finishedAt()).toMillis(), v.problem(), v.number(), head,
                    Math.max(0, head - v.headSeq()), v.anchorNumber());
        }
        ChainWalks.Run run = walks.running();
        Progress progress = run == null ? null : new Progress(run.startedBy(), Numbers.time(run.startedAt()), run.walked(), run.target(),
                run.target() == 0 ? 100 : (int) Math.min(100, run.walked() * 100 / run.target()), run.secondsLeft());
        List<CheckpointRow> latest = records.checkpoints(0, LATEST).items().stream()
                .map(c -> new CheckpointRow(c.number(), c.recordSeq(), Numbers.time(c.takenAt()), c.reason(), c.keyId(), c.headHash()))
                .toList();
        return Views.chain(access.chrome("记录链校验", "chain"), status, progress, latest);
    }

    /** Checks what was added since the last verification (an incremental walk), then shows the page. */
    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response verify(@FormParam(FormToken.FIELD) String formToken) {
        access.require(Roles.AUDITOR);
        access.checkForm(formToken);
        walks.incremental(access.user());
        return Response.seeOther(URI.create("/console/chain")).build();
    }

    /** Starts a full walk in the background (or joins the one running); the page shows its progress. */
    @POST
    @Path("/full")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response full(@FormParam(FormToken.FIELD) String formToken) {
        access.require(Roles.AUDITOR);
        access.checkForm(formToken);
        try {
            walks.startFull(access.user(), records.headSeq());
        } catch (ChainWalks.Busy busy) {
            // a walk judging a kept checkpoint runs: the page shows it; nothing else to do
        }
        return Response.seeOther(URI.create("/console/chain")).build();
    }
}
