package cn.panzhihua.scoring.campaign;

import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.YearParam;
import cn.panzhihua.scoring.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * The assessment year (issue 20, docs/campaign.md): the office (evaluator) opens it, units submit their
 * self-assessments with evidence, the office records its facts and evaluates the year, publishes the
 * 通报, decides the units' objections, confirms the year and hands it over to the 市目标督查办
 * (supervisor). A unit user sees and acts on its own unit only: another unit's anything is 404.
 * Every write takes an optional Idempotency-Key: a repeated request with the same key is answered
 * as the first was, and does nothing again.
 */
@Path("/api/v1/campaigns/{year}")
@Tag(name = "campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    static final String KEY = "Idempotency-Key";
    static final String KEY_DOC = "optional; a repeated request with the same key (per caller) is answered as the first was and does nothing again";

    @Inject
    CampaignService campaigns;

    @Inject
    CampaignAccess access;

    @POST
    @RolesAllowed(Roles.EVALUATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Open an assessment year with its dates",
            description = "Every unit of the year's table C takes part. The dates are judged by the server, in the city's time zone.")
    @APIResponse(responseCode = "200", description = "Opened; the event that records it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.StepView.class)))
    @APIResponse(responseCode = "400", description = "A date is missing, malformed or out of order", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The year is already open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response open(@PathParam("year") String year, CampaignViews.OpenRequest body,
                         @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(campaigns.open(year, body, access.who(), key));
    }

    @GET
    @RolesAllowed({Roles.EVALUATOR, Roles.AUDITOR})
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator, auditor"), summary = "The office's dashboard of a year",
            description = "Stage and dates; per unit what it submitted, whether it is late, its facts and evaluation of record; objections with days left; the next action.")
    @APIResponse(responseCode = "200", description = "The year", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.YearView.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The year is not open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CampaignViews.YearView year(@PathParam("year") String year) {
        return campaigns.year(year);
    }

    @GET
    @Path("/units/{unit}")
    @RolesAllowed({Roles.UNIT, Roles.EVALUATOR, Roles.AUDITOR})
    @Operation(extensions = @Extension(name = "x-roles", value = "unit, evaluator, auditor"), summary = "A unit's page of the year",
            description = "Its items with self-score, 自评说明 (every version) and evidence files; status and deadline; its evaluation once published; "
                    + "its objections and their decisions. A unit user sees its own unit only: any other is 404.")
    @APIResponse(responseCode = "200", description = "The unit's year", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.UnitPageView.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The year is not open, or no such unit that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CampaignViews.UnitPageView unit(@PathParam("year") String year, @PathParam("unit") String unit) {
        access.requireUnit(YearParam.year("year", year), unit);
        return campaigns.unit(year, unit, access.seesEveryUnit());
    }

    @PUT
    @Path("/units/{unit}/self-assessment/{item}")
    @RolesAllowed(Roles.UNIT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "unit"), summary = "Submit (or revise) the unit's self-assessment of one item",
            description = "A new version each time, every version kept; accepted until the due date (or the office's reopening), then locked (409).")
    @APIResponse(responseCode = "200", description = "Stored as a new version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.StepView.class)))
    @APIResponse(responseCode = "400", description = "selfScore outside 0…分值, or explanation missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such unit that the caller may see, or no such item of the unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The self-assessment is locked (past the due date)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response selfAssess(@PathParam("year") String year, @PathParam("unit") String unit, @PathParam("item") String item,
                               CampaignViews.SelfAssessmentRequest body, @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        access.requireUnit(YearParam.year("year", year), unit);
        return answer(campaigns.selfAssess(year, unit, item, body, access.who(), key));
    }

    @POST
    @Path("/units/{unit}/self-assessment/{item}/files")
    @RolesAllowed(Roles.UNIT)
    @Consumes(MediaType.WILDCARD)
    @Operation(extensions = @Extension(name = "x-roles", value = "unit"), summary = "Upload an evidence file (证明材料) of an item",
            description = "The body is the file itself (any Content-Type; the content decides: PDF, OFD, JPEG, PNG, DOCX or XLSX), its name in ?name=. "
                    + "Streamed to storage, SHA-256 recorded; refused past campaign.files.max-file-size per file or campaign.files.max-unit-total per unit (413).")
    @RequestBody(content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.FileView.class)))
    @APIResponse(responseCode = "400", description = "The file is empty", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such unit that the caller may see, or no such item", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The self-assessment is locked", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Past the size limit of a file or of the unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The content is not an accepted type", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response uploadSelf(@PathParam("year") String year, @PathParam("unit") String unit, @PathParam("item") String item,
                               @QueryParam("name") String name, @HeaderParam("Content-Length") Long length, InputStream body,
                               @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        try {
            access.requireUnit(YearParam.year("year", year), unit);
            return answer(campaigns.upload(year, unit, "SELF", item, name, length, body, access.who(), key));
        } catch (RuntimeException e) {
            throw drained(body, e);
        }
    }

    @POST
    @Path("/units/{unit}/reopen")
    @RolesAllowed(Roles.EVALUATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Reopen one unit's self-assessment, with a written reason")
    @APIResponse(responseCode = "200", description = "Reopened until the given day", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.StepView.class)))
    @APIResponse(responseCode = "400", description = "No reason, or until is malformed or past", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such year or unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The year is already published", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reopen(@PathParam("year") String year, @PathParam("unit") String unit, CampaignViews.ReopenRequest body,
                           @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(campaigns.reopen(year, unit, body, access.who(), key));
    }

    @PUT
    @Path("/units/{unit}/facts")
    @RolesAllowed(Roles.EVALUATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Record the office's facts of a unit (findings with origin and note, information)",
            description = "{findings, information} as in an evaluation request; checked against the rulebook at once (400 naming the field). Until publication.")
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.StepView.class)))
    @APIResponse(responseCode = "400", description = "The facts are not acceptable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such year or unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The year is already published", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response facts(@PathParam("year") String year, @PathParam("unit") String unit,
                          @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                                  description = "{findings, information}: the same members as in an evaluation request"))) JsonNode body,
                          @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(campaigns.facts(year, unit, body, access.who(), key));
    }

    @POST
    @Path("/units/{unit}/facts/files")
    @RolesAllowed(Roles.EVALUATOR)
    @Consumes(MediaType.WILDCARD)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Upload an evidence file of the office's facts of a unit",
            description = "As a unit's evidence: the content decides the type; size limits; SHA-256 recorded. Until publication.")
    @RequestBody(content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.FileView.class)))
    @APIResponse(responseCode = "400", description = "The file is empty", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such year or unit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The year is already published", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Past a size limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The content is not an accepted type", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response uploadFinding(@PathParam("year") String year, @PathParam("unit") String unit, @QueryParam("name") String name,
                                  @HeaderParam("Content-Length") Long length, InputStream body,
                                  @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        try {
            return answer(campaigns.upload(year, unit, "FINDING", "facts", name, length, body, access.who(), key));
        } catch (RuntimeException e) {
            throw drained(body, e);
        }
    }

    @GET
    @Path("/units/{unit}/evaluation")
    @RolesAllowed({Roles.UNIT, Roles.EVALUATOR, Roles.AUDITOR})
    @Operation(extensions = @Extension(name = "x-roles", value = "unit, evaluator, auditor"), summary = "A unit's evaluation of record and the request it was built from",
            description = "The office and auditors at any time; the unit itself once the year is published (409 before).")
    @APIResponse(responseCode = "200", description = "The evaluation of record", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.EvaluationView.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such year or unit that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not evaluated, or (for the unit) not published yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CampaignViews.EvaluationView evaluation(@PathParam("year") String year, @PathParam("unit") String unit) {
        access.requireUnit(YearParam.year("year", year), unit);
        return campaigns.evaluationOf(year, unit, access.seesEveryUnit());
    }

    @POST
    @Path("/evaluate")
    @RolesAllowed(Roles.EVALUATOR)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Evaluate the year: one recorded batch, the evaluations of record",
            description = "Every unit from the office's facts and the unit's latest self-scores, after the self-assessment is due; again as often as needed until publication.")
    @APIResponse(responseCode = "200", description = "Evaluated; the batch and each unit's record", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.StepView.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The year is not open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Self-assessment still open, facts missing (named), or already published", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response evaluate(@PathParam("year") String year, @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(campaigns.evaluate(year, access.who(), key));
    }

    @POST
    @Path("/publish")
    @RolesAllowed(Roles.EVALUATOR)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Publish the 通报 of the evaluations of record (公示)",
            description = "Signed by a checkpoint and frozen; shown without login at GET /api/v1/public/campaigns/{year}.")
    @APIResponse(responseCode = "200", description = "Published", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.StepView.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The year is not open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not evaluated, already published, or the period is over", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(@PathParam("year") String year, @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(campaigns.publish(year, access.who(), key));
    }

    @POST
    @Path("/units/{unit}/objections")
    @RolesAllowed(Roles.UNIT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "unit"), summary = "File an objection (异议) against the unit's own published result",
            description = "During the publication period only (409 outside it); for the caller's own unit only (404 for any other).")
    @APIResponse(responseCode = "200", description = "Filed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.ObjectionView.class)))
    @APIResponse(responseCode = "400", description = "subject is not an item or clause, or no reasons", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such unit that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Outside the publication period", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response object(@PathParam("year") String year, @PathParam("unit") String unit, CampaignViews.ObjectionRequest body,
                           @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        access.requireUnit(YearParam.year("year", year), unit);
        return answer(campaigns.object(year, unit, body, access.who(), key));
    }

    @POST
    @Path("/objections/{id}/files")
    @RolesAllowed(Roles.UNIT)
    @Consumes(MediaType.WILDCARD)
    @Operation(extensions = @Extension(name = "x-roles", value = "unit"), summary = "Upload an evidence file of the unit's open objection")
    @RequestBody(content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.FileView.class)))
    @APIResponse(responseCode = "400", description = "The file is empty", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such objection that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The objection is decided", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Past a size limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The content is not an accepted type", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response uploadObjection(@PathParam("year") String year, @PathParam("id") String id, @QueryParam("name") String name,
                                    @HeaderParam("Content-Length") Long length, InputStream body,
                                    @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        try {
            String unit = access.boundUnit().orElseThrow(() -> ProblemException.notFound("No such objection", "no objection '" + id
                    + "' that you may see", "id", id));
            return answer(campaigns.upload(year, unit, "OBJECTION", id, name, length, body, access.who(), key));
        } catch (RuntimeException e) {
            throw drained(body, e);
        }
    }

    @POST
    @Path("/objections/{id}/decision")
    @RolesAllowed(Roles.EVALUATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Decide an objection: UPHELD (corrected facts, the unit evaluated again) or REJECTED (a written reason)",
            description = "Upheld: the unit's corrected evaluation becomes its evaluation of record, linked to the objection, and the 通报 shows the change. "
                    + "One decision per objection: a second one is 409, even when two are sent at once.")
    @APIResponse(responseCode = "200", description = "Decided", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.ObjectionView.class)))
    @APIResponse(responseCode = "400", description = "outcome not UPHELD or REJECTED, no reason, or the corrected facts are not acceptable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such objection", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already decided, or the year is not under publication", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decide(@PathParam("year") String year, @PathParam("id") String id, CampaignViews.DecisionRequest body,
                           @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(campaigns.decide(year, id, body, access.who(), key));
    }

    @POST
    @Path("/confirm")
    @RolesAllowed(Roles.EVALUATOR)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Confirm the year's result (经公示无异议)",
            description = "After the publication period, with no objection open; 409 naming what is open otherwise. The result is then frozen.")
    @APIResponse(responseCode = "200", description = "Confirmed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.StepView.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The year is not open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not published, the period is running, or objections are open (named)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response confirm(@PathParam("year") String year, @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(campaigns.confirm(year, access.who(), key));
    }

    @POST
    @Path("/handover")
    @RolesAllowed(Roles.EVALUATOR)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Hand the confirmed result over to the 市目标督查办 (报市目标督查办)",
            description = "Freezes the package (per unit its contribution to the annual target total and per assessment, the 通报, the checkpoint) and records its SHA-256.")
    @APIResponse(responseCode = "200", description = "Handed over", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignViews.StepView.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The year is not open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not confirmed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response handOver(@PathParam("year") String year, @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(campaigns.handOver(year, access.who(), key));
    }

    @GET
    @Path("/handover")
    @RolesAllowed({Roles.SUPERVISOR, Roles.EVALUATOR, Roles.AUDITOR})
    @Operation(extensions = @Extension(name = "x-roles", value = "supervisor, evaluator, auditor"), summary = "The hand-over package of a confirmed year, as JSON for the 督查办's system",
            description = "Nothing before the hand-over: 409 naming the year's stage.")
    @APIResponse(responseCode = "200", description = "The package", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The year is not open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not handed over (not confirmed)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response handoverPackage(@PathParam("year") String year) {
        return Response.ok(campaigns.handover(year), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/events")
    @RolesAllowed({Roles.EVALUATOR, Roles.AUDITOR})
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator, auditor"), summary = "The year's events in the decision-record chain, oldest first",
            description = "Who, when, what (file hashes included), each with its place in the chain.")
    @APIResponse(responseCode = "200", description = "The events", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = CampaignViews.EventView.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The year is not open", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<CampaignViews.EventView> events(@PathParam("year") String year) {
        return campaigns.events(year);
    }

    @GET
    @Path("/files/{id}")
    @RolesAllowed({Roles.UNIT, Roles.EVALUATOR, Roles.AUDITOR})
    @Produces(MediaType.WILDCARD)
    @Operation(extensions = @Extension(name = "x-roles", value = "unit, evaluator, auditor"), summary = "An evidence file, as an attachment with its recognised type",
            description = "Never shown inline: Content-Disposition attachment, nosniff and a sandboxing Content-Security-Policy. A unit user gets its own unit's files only (404 otherwise).")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such file that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response file(@PathParam("year") String year, @PathParam("id") String id) {
        CampaignService.FileDownload file = campaigns.download(year, id, access);
        String encoded = URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20");
        String extension = EvidenceFiles.ACCEPTED.get(file.mediaType());
        StreamingOutput body = out -> Files.copy(file.path(), out);
        return Response.ok(body, file.mediaType())
                .header("Content-Disposition", "attachment; filename=\"evidence." + extension + "\"; filename*=UTF-8''" + encoded)
                .header("Content-Length", file.size())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "private, no-store")
                .header("X-Content-SHA256", file.sha256())
                .build();
    }

    /**
     * A refused upload's body is read to its end (up to a bound, and dropped) before the refusal is
     * answered: a client still sending then receives the answer instead of a reset connection.
     */
    static RuntimeException drained(InputStream body, RuntimeException refusal) {
        try {
            byte[] sink = new byte[64 * 1024];
            long left = 64L * 1024 * 1024;
            for (int n; left > 0 && (n = body.read(sink)) != -1; ) {
                left -= n;
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // the client went away: nothing to answer
        }
        return refusal;
    }

    static Response answer(CampaignEvents.Done done) {
        Response.ResponseBuilder builder = Response.status(done.status()).entity(done.body()).type(MediaType.APPLICATION_JSON_TYPE);
        if (done.repeated()) {
            builder.header("Idempotency-Replayed", "true");
        }
        return builder.build();
    }
}
