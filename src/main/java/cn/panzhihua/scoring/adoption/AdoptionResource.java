package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.campaign.CampaignAccess;
import cn.panzhihua.scoring.campaign.CampaignEvents;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.YearParam;
import cn.panzhihua.scoring.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The adoption ledger of a year (issue 21, docs/adoptions.md): the office (evaluator) enters each adoption
 * as it happens and each unit's monthly submission counts, corrects an entry by reversing and replacing
 * it, and circulates the quarterly 通报. Auditors read everything; a unit user reads its own unit's
 * entries only (any other unit is 404). Every write is an event of the decision-record chain and takes
 * an optional Idempotency-Key.
 */
@Path("/api/v1/adoptions/{year}")
@Tag(name = "adoptions")
@Produces(MediaType.APPLICATION_JSON)
public class AdoptionResource {

    static final String KEY = "Idempotency-Key";
    static final String KEY_DOC = "optional; a repeated request with the same key (per caller) is answered as the first was and does nothing again";
    static final String CSV = "text/csv";

    @Inject
    LedgerService ledger;

    @Inject
    QuarterlyNotice quarters;

    @Inject
    CampaignAccess access;

    @Inject
    LedgerImport imports;

    @GET
    @RolesAllowed({Roles.UNIT, Roles.EVALUATOR, Roles.AUDITOR})
    @Operation(extensions = @Extension(name = "x-roles", value = "unit, evaluator, auditor"), summary = "The adoption ledger of a year",
            description = "Every entry (adoptions and reversals, oldest first, with who and when; counted = not reversed) and the monthly "
                    + "submission counts (every version). ?unit= narrows it to one unit; a unit user sees its own unit only (any other is 404).")
    @APIResponse(responseCode = "200", description = "The ledger", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdoptionViews.LedgerView.class)))
    @APIResponse(responseCode = "400", description = "year is malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year, or no such unit that the caller may see", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AdoptionViews.LedgerView ledger(@PathParam("year") String year, @Parameter(description = "one unit's entries only") @QueryParam("unit") String unit) {
        int y = YearParam.year("year", year);
        String bound = access.boundUnit().orElse(null);
        String asked = unit == null || unit.isBlank() ? bound : unit.strip();
        if (bound != null && !bound.equals(asked)) {
            throw LedgerService.noSuchUnit(y, asked);
        }
        return ledger.ledger(year, asked);
    }

    @POST
    @Path("/entries")
    @RolesAllowed(Roles.EVALUATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Enter one adoption",
            description = "Checked exactly as an adoption of an evaluation request (unit, channel, date in the year, stateCouncilAdopted only on "
                    + "State Council channels, issue); the same adoption twice (unit, channel, issue, title; on a per-issue channel the issue "
                    + "alone) is 409 naming the existing entry. Recorded as an event of the chain.")
    @APIResponse(responseCode = "200", description = "Entered; the event that records it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdoptionViews.WriteView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong: the problem names it and its value; nothing is stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The same adoption is already entered (existing names the entry)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@PathParam("year") String year, AdoptionViews.EntryRequest body,
                        @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(ledger.add(year, body, access.who(), key));
    }

    @POST
    @Path("/entries/{id}/correction")
    @RolesAllowed(Roles.EVALUATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Correct an entry: reverse it and (optionally) replace it",
            description = "Entries are never edited: a reversal takes the entry back and a replacement (checked as a new entry) takes its place, "
                    + "both with the reason, in one event of the chain.")
    @APIResponse(responseCode = "200", description = "The reversal and the replacement", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdoptionViews.WriteView.class)))
    @APIResponse(responseCode = "400", description = "No reason, or the replacement is wrong (the problem names the field)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such adoption entry in the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The entry was already reversed, or the replacement is an adoption already entered", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response correct(@PathParam("year") String year, @PathParam("id") String id, AdoptionViews.CorrectionRequest body,
                            @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(ledger.correct(year, id, body, access.who(), key));
    }

    @POST
    @Path("/submissions")
    @RolesAllowed(Roles.EVALUATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Enter a unit's submission count of one month",
            description = "A new version each time (every version kept; a changed count needs a reason); the latest counts. Checked as a month of "
                    + "information.monthlySubmissions.")
    @APIResponse(responseCode = "200", description = "Stored as a new version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdoptionViews.WriteView.class)))
    @APIResponse(responseCode = "400", description = "Unknown unit, month outside 1…12, a negative count, or a change without a reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submissions(@PathParam("year") String year, AdoptionViews.SubmissionRequest body,
                                @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        return answer(ledger.submissions(year, body, access.who(), key));
    }

    @POST
    @Path("/import")
    @RolesAllowed(Roles.EVALUATOR)
    @Consumes({CSV, MediaType.TEXT_PLAIN})
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
            description = "the CSV file, UTF-8")))
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator"), summary = "Import the information section's spreadsheet (CSV)",
            description = "The body is the CSV (UTF-8, a BOM allowed) with the headings 单位, 刊物/渠道, 期号, 日期, 标题, 领导批示 (and 国办采用); a title "
                    + "block above the headings, blank rows and merged unit cells are read; full-width digits; dates 2016-03-02, 2016/3/2, 2016年3月2日 or "
                    + "Excel serials; a unit's short name is read as the one closest name of table C (noted). Without ?commit=true it is a preview: "
                    + "every row's outcome (NEW, ALREADY_ENTERED, BLANK, REFUSED) and problems by row and column, nothing stored. With it, every NEW row "
                    + "is stored in one event of the chain, or nothing when any row is refused (400 with the preview); importing the same file again adds nothing.")
    @APIResponse(responseCode = "200", description = "The preview, or what the commit stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdoptionViews.ImportView.class)))
    @APIResponse(responseCode = "400", description = "No heading line, or (commit) a row is refused: the preview is in the problem", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "(commit) an adoption of the file was entered meanwhile; nothing was stored", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More rows than an import takes", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importSheet(@PathParam("year") String year, @Parameter(description = "true: store the rows; otherwise a preview") @QueryParam("commit") String commit,
                                byte[] bytes, @Parameter(description = KEY_DOC) @HeaderParam(KEY) String key) {
        // the section's files are UTF-8 (Excel's "CSV UTF-8"), whatever charset a client declares
        String body = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        if ("true".equalsIgnoreCase(commit == null ? null : commit.strip())) {
            return answer(imports.commit(year, body, access.who(), key));
        }
        if (commit != null && !commit.isBlank() && !"false".equalsIgnoreCase(commit.strip())) {
            throw ProblemException.badField("commit", commit, "commit is true or false, not '" + commit + "'");
        }
        return Response.ok(imports.preview(year, body), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/quarters/{quarter}")
    @RolesAllowed({Roles.EVALUATOR, Roles.AUDITOR})
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(extensions = @Extension(name = "x-roles", value = "evaluator, auditor"), summary = "The quarterly adoption 通报",
            description = "Per unit, up to the quarter's last day: municipal and provincial tallies, targets, completion, the tier reached and the "
                    + "points to the next, its rank in its category, and whether it is behind its pace (tally below target × quarter / 4). "
                    + "Each unit's figures are a progress evaluation (asOf) of its ledger by the year's rules; nothing is recorded. "
                    + "format=json|csv, or the Accept header.")
    @APIResponse(responseCode = "200", description = "The 通报: JSON (default) or CSV (UTF-8 with a BOM, CRLF; for Excel, as an attachment)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdoptionViews.QuarterView.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "CSV, UTF-8 with a BOM"))})
    @APIResponse(responseCode = "400", description = "quarter is not 1…4, or format is unknown", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response quarter(@PathParam("year") String year, @PathParam("quarter") String quarter, @QueryParam("format") String format,
                            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = csv(format, accept);
        AdoptionViews.QuarterView view = quarters.quarter(year, quarter, access.who());
        if (!csv) {
            return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
        }
        String name = "采用通报-" + view.year() + "-Q" + view.quarter() + ".csv";
        StreamingOutput body = out -> QuarterCsv.write(view, out);
        return Response.ok(body, CSV + ";charset=UTF-8").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"adoptions-" + view.year() + "-Q" + view.quarter() + ".csv\"; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (f.equals("csv") || f.equals("json")) {
                return f.equals("csv");
            }
            throw ProblemException.badField("format", format, "format must be json or csv, not '" + format + "'");
        }
        return accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }

    static Response answer(CampaignEvents.Done done) {
        Response.ResponseBuilder builder = Response.status(done.status()).entity(done.body()).type(MediaType.APPLICATION_JSON_TYPE);
        if (done.repeated()) {
            builder.header("Idempotency-Replayed", "true");
        }
        return builder.build();
    }
}
