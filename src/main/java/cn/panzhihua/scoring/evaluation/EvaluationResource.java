package cn.panzhihua.scoring.evaluation;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordFilter;
import cn.panzhihua.scoring.audit.RecordPage;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.audit.RecordView;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.YearParam;
import cn.panzhihua.scoring.security.Access;
import cn.panzhihua.scoring.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** Evaluations: made (evaluator), and as decision records read and replayed (auditor). */
@Path("/api/v1/evaluations")
@Tag(name = "evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final int MAX_PAGE_SIZE = 100;

    @Inject
    EvaluationService evaluations;

    @Inject
    RecordStore records;

    @Inject
    BatchService batches;

    @Inject
    ReplayService replays;

    @Inject
    Access access;

    @Inject
    InputLimits limits;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = {@Extension(name = "x-roles", value = "evaluator"), @Extension(name = "x-anonymous-when", value = "evaluate")}, summary = "Evaluate one unit's year",
            description = "Scores disclosure, efficiency and information for the unit and year, with the trail of every rule "
                    + "that moved a number. Stored as a decision record before it is answered; ?record=false is a dry run.")
    @RequestBody(content = @Content(schema = @Schema(implementation = EvaluationRequest.class)))
    @APIResponse(responseCode = "200", description = "The scores of the three assessments, the total contribution and the explanation trail; stored as a decision record under evaluationId unless record=false", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationResponse.class)))
    @APIResponse(responseCode = "400", description = "The request cannot be evaluated: detail, field and value name what is wrong; nothing is stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the request's year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The decision records cannot be written or read now (the database is unreachable): nothing was stored; try again after Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response evaluate(byte[] body, @Parameter(description = "false: a dry run, evaluated and answered but not stored", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true")) @QueryParam("record") String record, @Context HttpHeaders headers) {
        access.require(Access.Operation.EVALUATE);
        boolean recorded = flag("record", record, true);
        String json = JsonBody.read(body, headers.getMediaType(), limits.body(), "limits.body");
        EvaluationService.Answer answer = evaluations.evaluate(json, recorded, null, recorded ? access.recorder() : access.who());
        return Response.ok(answer.json(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = {@Extension(name = "x-roles", value = "evaluator"), @Extension(name = "x-anonymous-when", value = "evaluate")}, summary = "Evaluate many units' years in one call, e.g. all 72 units of a year",
            description = "Body {\"items\": [request, …]}. Each item is validated and evaluated on its own: a bad item gets a "
                    + "problem detail, the others their results. Recorded items share the batch id (?record=false: a dry run).")
    @RequestBody(content = @Content(schema = @Schema(implementation = BatchRequest.class)))
    @APIResponse(responseCode = "200", description = "One entry per item in request order: the evaluation (status 200) or the item's own problem (400, 404)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class)))
    @APIResponse(responseCode = "400", description = "The body is not {\"items\": [...]} of 1 to 200 requests", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The decision records cannot be written or read now (the database is unreachable): nothing was stored; try again after Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchResponse batch(byte[] body, @Parameter(description = "false: a dry run, evaluated and answered but not stored", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true")) @QueryParam("record") String record, @Context HttpHeaders headers) {
        access.require(Access.Operation.EVALUATE);
        boolean recorded = flag("record", record, true);
        String json = JsonBody.read(body, headers.getMediaType(), limits.batchBody(), "limits.batch-body");
        return batches.evaluate(json, recorded, recorded ? access.recorder() : access.who());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "One decision record: the request as received, the response with its trail, versions and hashes")
    @APIResponse(responseCode = "200", description = "The stored record: the request as received, the response as answered, versions and hashes", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecordView.Full.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No record has this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RecordView.Full record(@PathParam("id") String id) {
        DecisionRecord r = stored(id);
        return new RecordView.Full(r.id(), r.seq(), r.recordedAt(), r.recordedBy(), r.unit(), r.year(), r.rulebookVersion(),
                r.serviceVersion(), r.batchId(), r.previousHash(), r.contentHash(), json(r.requestJson()), json(r.responseJson()), r.kind());
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "Search decision records, newest first",
            description = "from and to are ISO dates (UTC days; to is inclusive) or instants (to exclusive).")
    @APIResponse(responseCode = "200", description = "One page of matching records, newest first")
    @APIResponse(responseCode = "400", description = "A filter or paging parameter is malformed (field names it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RecordPage<RecordView.Summary> search(@QueryParam("unit") String unit, @QueryParam("year") String year,
                                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                                 @QueryParam("batch") String batch,
                                                 @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @QueryParam("page") String page, @Parameter(description = "Records per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = number("size", size, 20, 1, MAX_PAGE_SIZE);
        Instant start = instant("from", from, false);
        Instant end = instant("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.badField("to", to, "to (" + to + ") must come after from (" + from + ")");
        }
        RecordFilter filter = new RecordFilter(blankToNull(unit), year == null ? null : YearParam.year("year", year), start, end,
                blankToNull(batch), pageNumber, pageSize);
        RecordPage<DecisionRecord> found = records.search(filter);
        return new RecordPage<>(found.page(), found.size(), found.total(), found.items().stream().map(r -> new RecordView.Summary(
                r.id(), r.seq(), r.recordedAt(), r.recordedBy(), r.unit(), r.year(), r.rulebookVersion(), r.batchId(),
                json(r.responseJson()).path("totalContribution").decimalValue(), r.kind())).toList());
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "auditor")}, summary = "Evaluate a stored request again under the rulebook serving its year now, and show what would change")
    @APIResponse(responseCode = "200", description = "The stored request evaluated under today's rulebook, and what changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayService.Replay.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No record has this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The stored request cannot be evaluated under today's rulebook (e.g. a unit that no longer exists)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayService.Replay replay(@PathParam("id") String id) {
        return replays.replay(stored(id));
    }

    private DecisionRecord stored(String id) {
        if (id == null || !UUID.matcher(id).matches()) {
            throw ProblemException.badField("id", id, "'" + id + "' is not an evaluation id (a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e)");
        }
        return records.find(id).orElseThrow(() -> ProblemException.notFound("No such record", "no decision record has id " + id, "id", id));
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record does not hold valid JSON", e);
        }
    }

    static boolean flag(String field, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badField(field, value, field + " must be true or false, not '" + value + "'");
        };
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badField(field, value, field + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static Instant instant(String field, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, value, field + " must be an ISO date (2016-12-31) or instant (2016-12-31T08:00:00Z), not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
