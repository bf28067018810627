package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@Path("/api/v1/rulebooks")
@Tag(name = "rulebooks")
@Produces(MediaType.APPLICATION_JSON)
public class RulebookResource {

    public record RulebookView(int year, String version, String sha256, String title, String document, int ruleCount,
                               int unitCount, List<String> files, Instant loadedAt, String status) {
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

    @GET
    @Operation(summary = "The rulebooks served, one per year, with their content-hash versions")
    public List<RulebookView> list() {
        return rulebooks.all().stream().map(RulebookResource::view).toList();
    }

    @GET
    @Path("/{year}")
    @Operation(summary = "One rulebook")
    public RulebookView one(@PathParam("year") String year) {
        return view(YearParam.rulebook(rulebooks, "year", year));
    }

    @GET
    @Path("/{year}/clauses")
    @Operation(summary = "Every finding code and channel with its Chinese text and points, and the rubric's items and clauses")
    public CatalogueView clauses(@PathParam("year") String year) {
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
    @Operation(summary = "Every rule of the rulebook with its clause, source, text, DRL file and line")
    public List<RuleInfo> rules(@PathParam("year") String year) {
        return YearParam.rulebook(rulebooks, "year", year).rules();
    }

    private static RulebookView view(Rulebook r) {
        return new RulebookView(r.year(), r.version(), r.sha256(), r.title(), r.document(), r.rules().size(),
                r.units().size(), r.files(), r.loadedAt(), "LOADED");
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
