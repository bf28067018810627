package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.DrlCompiler;
import cn.panzhihua.scoring.rulebook.ReloadResult;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.YearParam;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
     * @param lastError the rejected reload: compile errors, failed scenarios, uncovered rules, inconsistencies
     * @param servedBy  who swapped the serving version in: start-up, the watcher or a reload request
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RulebookView(int year, String status, String version, String sha256, String title, String document,
                               Integer ruleCount, Integer unitCount, Integer scenariosPassed, List<String> files, Instant loadedAt,
                               Instant servedSince, String servedBy, Instant lastAttempt, ReloadResult lastError) {
    }

    /**
     * What validation found: what a reload would answer if the file held the submitted text.
     * {@code errors} are the data and compile errors (file, line, column); failed scenarios, rules
     * no scenario exercises and inconsistent numbers each have their own list; {@code wouldBe} is
     * the reload's status (SWAPPED, UNCHANGED or REJECTED) and {@code version} the version it would serve.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ValidationView(boolean valid, String file, String wouldBe, String version, Integer scenariosRun,
                                 List<RulebookProblem> errors, List<ReloadResult.FailedScenario> failedScenarios,
                                 List<RulebookProblem> uncoveredRules, List<RulebookProblem> inconsistencies,
                                 List<RulebookProblem> warnings, String candidateVersion) {

        public ValidationView(boolean valid, String file, String wouldBe, String version, Integer scenariosRun, List<RulebookProblem> errors,
                              List<ReloadResult.FailedScenario> failedScenarios, List<RulebookProblem> uncoveredRules,
                              List<RulebookProblem> inconsistencies, List<RulebookProblem> warnings) {
            this(valid, file, wouldBe, version, scenariosRun, errors, failedScenarios, uncoveredRules, inconsistencies, warnings, null);
        }
    }

    /**
     * A rejected reload as problem+json: {@code errors} lists everything (as before), and each kind has its own member.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(String type, String title, int status, String detail, String instance, String field, Object value,
                            List<Object> errors, List<RulebookProblem> compileErrors, List<ReloadResult.FailedScenario> failedScenarios,
                            List<RulebookProblem> uncoveredRules, List<RulebookProblem> inconsistencies) {
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
    RulebookDeployer deployer;

    @Inject
    Access access;

    @GET
    @Operation(extensions = {@Extension(name = "x-roles", value = "evaluator, auditor, rule-author"), @Extension(name = "x-anonymous-when", value = "catalogue")}, summary = "The rulebooks, one per year folder: version (content hash), files, rule count, status, last error")
    @APIResponse(responseCode = "200", description = "Every year folder with its status", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RulebookView.class, type = SchemaType.ARRAY)))
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
    @Operation(extensions = {@Extension(name = "x-roles", value = "rule-author")}, summary = "Rebuild a year's rulebook from its folder; swap it in only if it passes the gate",
            description = "The gate: data checks, compile, every scenario of the year, rule coverage and catalogue consistency. "
                    + "200 with the new (or unchanged) version; 422 with compileErrors, failedScenarios, uncoveredRules and "
                    + "inconsistencies (all of them also in errors), the previous version still serving. A new year folder is loaded the same way.")
    @APIResponse(responseCode = "200", description = "Swapped in (status SWAPPED) or unchanged (UNCHANGED): the version serving now, the scenarios run", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReloadResult.class)))
    @APIResponse(responseCode = "400", description = "year is not a year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "There is no folder for the year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Rejected by the gate: compileErrors, failedScenarios, uncoveredRules and inconsistencies, each also in errors; the previous version keeps serving", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Rejection.class)))
    public Response reload(@PathParam("year") String year) {
        ReloadResult result = deployer.reload(YearParam.year("year", year), RulebookDeployer.REQUEST);
        if (!result.rejected()) {
            return Response.ok(result).build();
        }
        String detail = "rulebook " + result.year() + " (candidate " + result.candidateVersion() + ") was not swapped in: " + result.summary() + "; "
                + (result.version() == null ? "no version serves this year" : result.version() + " keeps serving");
        List<Object> errors = new ArrayList<>(result.compileErrors());
        errors.addAll(result.failedScenarios());
        errors.addAll(result.uncoveredRules());
        errors.addAll(result.inconsistencies());
        return Response.status(422).type(Problem.MEDIA_TYPE)
                .entity(new Rejection("about:blank", "Rulebook rejected", 422, detail, "/api/v1/rulebooks/" + year + "/reload",
                        "year", result.year(), errors, result.compileErrors(), result.failedScenarios(), result.uncoveredRules(),
                        result.inconsistencies())).build();
    }

    @POST
    @Path("/validate")
    @RolesAllowed(Roles.RULE_AUTHOR)
    @Consumes({MediaType.TEXT_PLAIN, "text/x-drl"})
    @Operation(extensions = {@Extension(name = "x-roles", value = "rule-author")}, summary = "What a reload would answer if one file of a year's rulebook held the submitted text, without deploying it",
            description = "With year and file (e.g. disclosure/organisation.drl, a file of that year's folder; another name is 404 "
                    + "\"No such file\"), the year's folder goes through the same gate as a reload, with that file replaced: data checks, "
                    + "compile, every scenario, rule coverage, catalogue consistency. Without year, the DRL is only compiled, alone. "
                    + "Nothing that serves changes.")
    @APIResponse(responseCode = "200", description = "What a reload would answer: valid, wouldBe, version, and each kind of problem in its own list", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationView.class)))
    @APIResponse(responseCode = "400", description = "No text, year is not a year, or file is missing or not a path inside the rulebook folder", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid credentials (or anonymous where this deployment does not allow it)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the role this operation needs", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No folder for the year, or no such file in it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ValidationView validate(@QueryParam("year") String year, @QueryParam("file") String file, String drl) {
        if (drl == null || drl.isBlank()) {
            throw ProblemException.badField("body", drl, "the body must be the text of one rulebook file");
        }
        if (year == null) {
            String name = file == null || file.isBlank() ? "submitted.drl" : file.strip();
            DrlCompiler.Result result = DrlCompiler.compile(List.of(new DrlCompiler.Source(name, drl)));
            return new ValidationView(result.ok(), name, null, null, null, result.errors(), null, null, null, result.warnings());
        }
        if (file == null || file.isBlank()) {
            throw ProblemException.badField("file", file, "file is required with year: the path of the file inside the year folder, "
                    + "such as disclosure/organisation.drl");
        }
        String name = file.strip();
        if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
            throw ProblemException.badField("file", file, "file must be a path inside the rulebook folder, such as disclosure/organisation.drl");
        }
        RulebookDeployer.Validation validation = deployer.validate(YearParam.year("year", year), name, drl);
        ReloadResult would = validation.wouldAnswer();
        return new ValidationView(!would.rejected(), validation.file(), would.status().name(), would.version(), would.scenariosRun(),
                would.compileErrors(), would.failedScenarios(), would.uncoveredRules(), would.inconsistencies(), validation.gate().warnings(),
                would.candidateVersion());
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
                rulebook.clauses().values().stream().filter(Clause::isChannel).map(c -> clause(rulebook, c)).toList(),
                rulebook.clauses().values().stream().filter(c -> !c.isFindingCode() && !c.isChannel()).map(c -> clause(rulebook, c)).toList());
    }

    @GET
    @Path("/{year}/rules")
    @Operation(extensions = {@Extension(name = "x-roles", value = "evaluator, auditor, rule-author"), @Extension(name = "x-anonymous-when", value = "catalogue")}, summary = "Every rule of the rulebook with its clause, source, text, DRL file and line")
    @APIResponse(responseCode = "200", description = "Every rule in file order", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleInfo.class, type = SchemaType.ARRAY)))
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
            return new RulebookView(state.year(), status, null, null, null, null, null, null, null, null, null, null, null,
                    state.lastAttempt(), state.lastFailure());
        }
        return new RulebookView(r.year(), status, r.version(), r.sha256(), r.title(), r.document(), r.rules().size(),
                r.units().size(), state.verification() == null ? null : state.verification().scenariosRun(), r.files(), r.loadedAt(),
                state.servedSince(), state.servedBy(), state.lastAttempt(), state.lastFailure());
    }

    /**
     * A clause with the rules that apply it: a finding code's own rules, or the rules that serve it
     * as a sub-finding; a channel with the rules that apply the channel table to its level, quoting its row.
     */
    private static ClauseView clause(Rulebook rulebook, Clause clause) {
        List<RuleText> rules;
        if (clause.kind() == Clause.Kind.CHANNEL) {
            Channel channel = rulebook.channel(clause.code()).orElseThrow();
            rules = rulebook.rules().stream()
                    .filter(r -> "channels".equals(r.quotes()) && (r.level() == null || r.level().equals(channel.level().name())))
                    .map(r -> new RuleText(r.name(), r.clause(), channel.source(), channel.text())).limit(1).toList();
        } else {
            rules = rulebook.rules().stream()
                    .filter(r -> clause.code().equals(r.findingCode()) || clause.code().equals(r.channel())
                            || (clause.code().equals(r.clause()) && r.findingCode() == null && r.channel() == null))
                    .map(r -> new RuleText(r.name(), r.clause(), r.source(), r.text())).toList();
        }
        Assessment assessment = clause.assessment();
        return new ClauseView(clause.code(), assessment == null ? null : assessment.jsonName(), clause.item(),
                clause.kind().name(), clause.name(), clause.points(), rules);
    }
}
