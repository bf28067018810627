package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.YearParam;
import cn.panzhihua.scoring.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;

/**
 * The impact of a rulebook change on a year's units: who moves, by how much, and which clauses did
 * it, before the change serves. For rule authors (before a reload) and auditors (before an office
 * circulates a draft).
 */
@Path("/api/v1/impact")
@Tag(name = "rulebooks")
public class ImpactResource {

    static final String XLSX = ImpactExports.XLSX;
    static final String CSV = ImpactExports.CSV;

    @Inject
    ImpactService impacts;

    @Inject
    Rulebooks rulebooks;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper mapper;

    @POST
    @Path("/{year}")
    @RolesAllowed({Roles.RULE_AUTHOR, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, CSV, XLSX})
    @Operation(extensions = {@Extension(name = "x-roles", value = "rule-author, auditor")},
            summary = "Re-score a year's units under a candidate rulebook: who moves, by how much, which clauses did it (files: rule-author only)",
            description = "The candidate is the year's folder as it is on disk now (what a reload would swap in), with the files of the "
                    + "body replaced ({\"files\": {\"channels.tsv\": \"…\"}}), as validate replaces a file; it is built and compiled but "
                    + "never served, and its scenarios are not run (validate does that). The population is the latest record of each unit "
                    + "(population=latest, the default) or every record of the year (population=all), of one batch with batch=. Each "
                    + "stored request is evaluated under the candidate and compared with its stored answer as a replay compares it. "
                    + "Nothing is stored. format=json (default), csv or xlsx (attachments with Chinese headings, for circulating with the draft). "
                    + "candidate=<year>: the candidate is that year's folder (next year's rulebook, say), with the files of the body replaced; "
                    + "the requests are carried over to it with their dates shifted by the years between; units it adds are listed in "
                    + "newUnits (no records), records of units it drops in droppedUnits (not evaluated). scoreChanged counts records whose "
                    + "total, an assessment's score, contribution or veto, or an item's score changed; trailOnlyChanged those whose trail "
                    + "changed while every score stayed (changed is their sum). Ranks are among the units evaluated both times; rejected "
                    + "and dropped records are listed apart with their stored figures. The JSON is streamed; its last member, gate, is the "
                    + "gate's verdict on the candidate (failed scenarios, uncovered rules, inconsistencies: the lists validate gives), "
                    + "worked out beside the numbers.")
    @APIResponse(responseCode = "200", description = "The impact: counts, the largest moves, per clause what it moved, per unit before and after "
            + "with ranks and the clause differences, and the requests the candidate rejects",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Impact.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "CSV, UTF-8 with a BOM")),
                    @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "year, candidate, population, top, format or a file name is malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs (files, a draft, need rule-author; an auditor may send {})", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No folder for the year, a file the folder does not have, or no record in the population", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The candidate does not build: its data or compile errors in errors", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response impact(@PathParam("year") String year, @QueryParam("population") String population, @QueryParam("batch") String batch,
                           @QueryParam("top") String top, @QueryParam("unchanged") String unchanged, @QueryParam("format") String format,
                           @QueryParam("candidate") String candidateYear, Candidate candidate) {
        if (candidate != null && candidate.files() != null && !candidate.files().isEmpty() && !identity.hasRole(Roles.RULE_AUTHOR)) {
            // A draft's text is compiled and run: only a rule author may send one (issue 18); {} is the pending reload's impact.
            throw new ForbiddenException("an impact with files (a draft) needs the role " + Roles.RULE_AUTHOR
                    + "; without files ({}) it is the impact of the folder as it is on disk");
        }
        int value = YearParam.year("year", year);
        Integer other = candidateYear == null || candidateYear.isBlank() ? null : YearParam.year("candidate", candidateYear);
        String kind = format(format);
        ImpactRequest request = new ImpactRequest(population, batch, candidate == null ? null : candidate.files(), number("top", top),
                flag("unchanged", unchanged), other);
        ImpactRun run = impacts.run(value, request);
        Impact impact = run.numbers();
        if (impact.evaluated() + impact.dropped() == 0) {
            throw ProblemException.notFound("No records", "there is no decision record of " + value
                    + (impact.batchId() == null ? "" : " in batch " + impact.batchId()) + " to re-score",
                    impact.batchId() == null ? "year" : "batch", impact.batchId() == null ? year : impact.batchId());
        }
        if (kind.equals("json")) {
            StreamingOutput body = out -> ImpactJson.write(mapper, run, out);
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return ImpactExports.download(run, rulebooks.forYear(value).orElse(null), kind);
    }

    private static String format(String format) {
        if (format == null || format.isBlank()) {
            return "json";
        }
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (f.equals("json") || f.equals("csv") || f.equals("xlsx")) {
            return f;
        }
        throw ProblemException.badField("format", format, "format must be json, csv or xlsx, not '" + format + "'");
    }

    private static Integer number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badField(field, value, field + " must be a whole number, not '" + value + "'");
        }
    }

    private static Boolean flag(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badField(field, value, field + " must be true or false, not '" + value + "'");
        };
    }
}
