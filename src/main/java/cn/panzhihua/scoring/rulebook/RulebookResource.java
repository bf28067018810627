package cn.panzhihua.scoring.rulebook;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import cn.panzhihua.scoring.facts.Assessment;
import com.fasterxml.jackson.annotation.JsonInclude;
import cn.panzhihua.scoring.security.Access;
import cn.panzhihua.scoring.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Path("/api/v1/rulebooks")
@Tag(name = "rulebooks")
@Produces(MediaType.APPLICATION_JSON)
public class RulebookResource {

    /**
     * @param status    SERVING; SERVING_PREVIOUS when the last reload was rejected and the version
     *                  before it still serves; FAILED when the folder has never loaded
     * @param lastError the rejected reload: compile errors or failed scenarios
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RulebookView(int year, String status, String version, String sha256, String title, String document,
                               Integer ruleCount, Integer unitCount, List<String> files, Instant loadedAt,
                               Instant lastAttempt, ReloadResult lastError) {
    }

    /** What validation found: compile and clause-list errors (with line and column) and compiler warnings. */
    public record ValidationView(boolean valid, String file, List<RulebookProblem> errors, List<RulebookProblem> warnings) {
    }

    /** A finding code or channel as a caller's form needs it: code, Chinese text and points. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClauseView(String code, String assessment, String item, String kind, String name, BigDecimal points,
                             List<RuleText> rules) {
    }

    public record RuleText(String rule, String clause, String source, String text) {
    }

    public record ItemView(String assessment, String code, String name, BigDecimal max) {
    }

    public record CatalogueView(int year, String version, List<ItemView> items, List<ClauseView> findings,
                                List<ClauseView> channels, List<ClauseView> clauses) {
    }

    @Inject
    Rulebooks rulebooks;

    @Inject
    Access access;

    @GET
    @Operation(extensions = {@Extension(name = "x-roles", value = "evaluator, auditor, rule-author"), @Extension(name = "x-anonymous-when", value = "catalogue")}, summary = "The rulebooks, one per year folder: version (content hash), files, rule count, status, last error")
    @APIResponse(responseCode = "200", description = "Every year folder with its status", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RulebookView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<RulebookView> list() {
        access.require(Access.Operation.CATALOGUE);
        return rulebooks.states().stream().map(RulebookResource::view).toList();
    }

    @GET
    @Path("/{year}")
    @Operation(extensions = {@Extension(name = "x-roles", value = "evaluator, auditor, rule-author"), @Extension(name = "x-anonymous-when", value = "catalogue")}, summary = "One rulebook's version and status")
    @APIResponse(responseCode = "200", description = "The year's rulebook", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RulebookView.class)))
    @APIResponse(responseCode = "400", description = "year is not a year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RulebookView one(@PathParam("year") String year) {
        access.require(Access.Operation.CATALOGUE);
        int value = YearParam.rulebook(rulebooks, "year", year).year();
        return view(rulebooks.state(value).orElseThrow());
    }

    @POST
    @Path("/{year}/reload")
    @RolesAllowed(Roles.RULE_AUTHOR)
    @Operation(extensions = {@Extension(name = "x-roles", value = "rule-author")}, summary = "Rebuild a year's rulebook from its folder; swap it in only if it compiles and its scenarios pass",
            description = "200 with the new (or unchanged) version; 422 with the errors or failed scenarios, the previous version still serving. "
                    + "A new year folder is loaded the same way.")
    @APIResponse(responseCode = "200", description = "Swapped in (status SWAPPED) or unchanged (UNCHANGED): the version serving now, the scenarios run", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReloadResult.class)))
    @APIResponse(responseCode = "400", description = "year is not a year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "There is no folder for the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Rejected: the errors (file, line, column, message) or failed scenarios are in errors; the previous version keeps serving", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reload(@PathParam("year") String year) {
        ReloadResult result = rulebooks.reload(YearParam.year("year", year));
        if (!result.rejected()) {
            return Response.ok(result).build();
        }
        String detail = "rulebook " + result.year() + " was not swapped in: " + result.problems().size() + " error(s), "
                + result.failedScenarios().size() + " failed scenario(s); "
                + (result.version() == null ? "no version serves this year" : result.version() + " keeps serving");
        List<Object> errors = new ArrayList<>(result.problems());
        errors.addAll(result.failedScenarios());
        return Response.status(422).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Rulebook rejected", 422, detail, "/api/v1/rulebooks/" + year + "/reload",
                        "year", result.year(), errors)).build();
    }

    @POST
    @Path("/validate")
    @RolesAllowed(Roles.RULE_AUTHOR)
    @Consumes({MediaType.TEXT_PLAIN, "text/x-drl"})
    @Operation(extensions = {@Extension(name = "x-roles", value = "rule-author")}, summary = "Compile one DRL file without deploying it",
            description = "With year, the file is compiled together with that year's rulebook (replacing the file named by file=, "
                    + "e.g. disclosure/organisation.drl), so clause-list checks apply too. Without year, the file is compiled alone. "
                    + "Nothing that serves changes.")
    @APIResponse(responseCode = "200", description = "Whether the file compiles (with the year's rulebook when year is given), with every error's file, line and column", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationView.class)))
    @APIResponse(responseCode = "400", description = "No DRL text, or file is not a .drl path inside the rulebook folder", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ValidationView validate(@QueryParam("year") String year, @QueryParam("file") String file, String drl) {
        if (drl == null || drl.isBlank()) {
            throw ProblemException.badField("body", drl, "the body must be the DRL text of one file");
        }
        String name = file == null || file.isBlank() ? "submitted.drl" : file.strip();
        if (!name.endsWith(".drl") || name.startsWith("/") || name.contains("..")) {
            throw ProblemException.badField("file", file, "file must be a .drl path inside the rulebook folder, such as disclosure/organisation.drl");
        }
        if (year == null) {
            DrlCompiler.Result result = DrlCompiler.compile(List.of(new DrlCompiler.Source(name, drl)));
            return new ValidationView(result.ok(), name, result.errors(), result.warnings());
        }
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", year);
        RulebookSource candidate = rulebook.source().with(name, drl);
        try {
            RulebookLoader.build(candidate);
            return new ValidationView(true, candidate.display(name), List.of(), List.of());
        } catch (RulebookException e) {
            return new ValidationView(false, candidate.display(name), e.problems(), List.of());
        }
    }

    @GET
    @Path("/{year}/clauses")
    @Operation(extensions = {@Extension(name = "x-roles", value = "evaluator, auditor, rule-author"), @Extension(name = "x-anonymous-when", value = "catalogue")}, summary = "Every finding code and channel with its Chinese text and points, and the rubric's items and clauses")
    @APIResponse(responseCode = "200", description = "Items, finding codes, channels and the other clauses, each with its rules' Chinese text", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogueView.class)))
    @APIResponse(responseCode = "400", description = "year is not a year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CatalogueView clauses(@PathParam("year") String year) {
        access.require(Access.Operation.CATALOGUE);
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", year);
        List<ItemView> items = rulebook.items().stream()
                .map(i -> new ItemView(i.assessment().jsonName(), i.code(), i.name(), i.max())).toList();
        return new CatalogueView(rulebook.year(), rulebook.version(), items,
                rulebook.findingCodes().stream().map(c -> clause(rulebook, c)).toList(),
                rulebook.channels().stream().map(c -> clause(rulebook, c)).toList(),
                rulebook.clauses().values().stream().filter(c -> !c.isFindingCode() && !c.isChannel()).map(c -> clause(rulebook, c)).toList());
    }

    @GET
    @Path("/{year}/rules")
    @Operation(extensions = {@Extension(name = "x-roles", value = "evaluator, auditor, rule-author"), @Extension(name = "x-anonymous-when", value = "catalogue")}, summary = "Every rule of the rulebook with its clause, source, text, DRL file and line")
    @APIResponse(responseCode = "200", description = "Every rule in file order", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleInfo.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "year is not a year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No rulebook serves the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<RuleInfo> rules(@PathParam("year") String year) {
        access.require(Access.Operation.CATALOGUE);
        return YearParam.rulebook(rulebooks, "year", year).rules();
    }

    private static RulebookView view(Rulebooks.YearState state) {
        Rulebook r = state.serving();
        String status = r == null ? "FAILED" : state.lastFailure() == null ? "SERVING" : "SERVING_PREVIOUS";
        if (r == null) {
            return new RulebookView(state.year(), status, null, null, null, null, null, null, null, null, state.lastAttempt(), state.lastFailure());
        }
        return new RulebookView(r.year(), status, r.version(), r.sha256(), r.title(), r.document(), r.rules().size(),
                r.units().size(), r.files(), r.loadedAt(), state.lastAttempt(), state.lastFailure());
    }

    /** A clause with the rules that apply it: a finding code's own rules, or the rules that serve it as a sub-finding or channel. */
    private static ClauseView clause(Rulebook rulebook, Clause clause) {
        List<RuleText> rules = rulebook.rules().stream()
                .filter(r -> clause.code().equals(r.findingCode()) || clause.code().equals(r.channel())
                        || (clause.code().equals(r.clause()) && r.findingCode() == null && r.channel() == null))
                .map(r -> new RuleText(r.name(), r.clause(), r.source(), r.text())).toList();
        Assessment assessment = clause.assessment();
        return new ClauseView(clause.code(), assessment == null ? null : assessment.jsonName(), clause.item(),
                clause.kind().name(), clause.name(), clause.points(), rules);
    }
}
