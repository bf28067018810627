package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.rulebook.ReloadResult;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.security.Roles;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rulebooks for rule authors and auditors: each year's status (serving, the previous version still
 * serving after a rejected reload, failed) with the last error; a year's rules with their clause,
 * quoted text and source and the scenarios that exercise each; one rule with its DRL.
 */
@Path("/console/rulebooks")
@Produces(MediaType.TEXT_HTML)
public class RulebooksPage {

    public record YearLine(int year, String status, String statusClass, String version, String title, String document,
                           String loadedAt, String lastAttempt, int rules, int units, List<String> errors, List<String> files) {
    }

    public record RuleLine(String name, String href, String clause, String text, String source, String note, String location,
                           List<RuleCoverage.Scenario> scenarios) {
    }

    /** The rules of one DRL file. */
    public record FileGroup(String file, List<RuleLine> rules) {
    }

    public record YearRules(int year, String version, String title, int rules, int exercised, List<FileGroup> files) {
    }

    /** One rule; {@code askedVersion} is the version a record named, when it is not the one serving. */
    public record RuleView(int year, String version, String askedVersion, RuleLine rule, String drl, int firstLine) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    Rulebooks rulebooks;

    @Inject
    RuleCoverage coverage;

    @GET
    @Operation(hidden = true)
    public TemplateInstance list() {
        access.require(Roles.RULE_AUTHOR, Roles.AUDITOR, Roles.EVALUATOR);
        List<YearLine> years = rulebooks.states().stream().map(RulebooksPage::line).toList();
        return Views.rulebooks(access.chrome("规则集", "rulebooks"), years);
    }

    @GET
    @Path("/{year}")
    @Operation(hidden = true)
    public TemplateInstance rules(@PathParam("year") String year) {
        access.require(Roles.RULE_AUTHOR, Roles.AUDITOR, Roles.EVALUATOR);
        Rulebook rulebook = rulebook(year);
        List<FileGroup> files = new ArrayList<>();
        int exercised = 0;
        for (RuleInfo rule : rulebook.rules()) {
            RuleLine line = line(rulebook, rule, coverage.of(rulebook, rule));
            exercised += line.scenarios().isEmpty() ? 0 : 1;
            if (files.isEmpty() || !files.get(files.size() - 1).file().equals(rule.file())) {
                files.add(new FileGroup(rule.file(), new ArrayList<>()));
            }
            files.get(files.size() - 1).rules().add(line);
        }
        YearRules view = new YearRules(rulebook.year(), rulebook.version(), rulebook.title(), rulebook.rules().size(), exercised, files);
        return Views.rules(access.chrome(rulebook.year() + " 年度规则", "rulebooks"), view);
    }

    @GET
    @Path("/{year}/rules")
    @Operation(hidden = true)
    public TemplateInstance rule(@PathParam("year") String year, @QueryParam("name") String name, @QueryParam("version") String version) {
        access.require(Roles.RULE_AUTHOR, Roles.AUDITOR, Roles.EVALUATOR);
        Rulebook rulebook = rulebook(year);
        RuleInfo rule = rulebook.rules().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new PageException(404, "没有此规则", "现行的 " + rulebook.version() + " 中没有名为“" + name + "”的规则"
                        + (version != null && !version.equals(rulebook.version()) ? "（记录所用的版本是 " + version + "）" : "") + "。"));
        List<RuleCoverage.Scenario> scenarios = coverage.of(rulebook, rule);
        String asked = version == null || version.isBlank() || version.equals(rulebook.version()) ? null : version;
        return Views.rule(access.chrome(rule.name(), "rulebooks"),
                new RuleView(rulebook.year(), rulebook.version(), asked, line(rulebook, rule, scenarios), drl(rulebook, rule), rule.line()));
    }

    static String status(Rulebooks.YearState state) {
        return state.serving() == null ? "加载失败" : state.lastFailure() == null ? "在用" : "沿用上一版本";
    }

    private static YearLine line(Rulebooks.YearState state) {
        Rulebook r = state.serving();
        String css = r == null ? "failed" : state.lastFailure() == null ? "serving" : "previous";
        return new YearLine(state.year(), status(state), css, r == null ? "" : r.version(), r == null ? "" : r.title(),
                r == null ? "" : r.document(), r == null ? "" : Numbers.time(r.loadedAt()), Numbers.time(state.lastAttempt()),
                r == null ? 0 : r.rules().size(), r == null ? 0 : r.units().size(), errors(state.lastFailure()),
                r == null ? List.of() : r.files());
    }

    private static List<String> errors(ReloadResult failure) {
        if (failure == null) {
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        failure.compileErrors().forEach(p -> errors.add(p.toString()));
        failure.failedScenarios().forEach(f -> errors.add("场景未通过 " + f.file() + " :: " + f.scenario() + "：" + String.join("；", f.failures())));
        failure.uncoveredRules().forEach(p -> errors.add("无场景覆盖 " + p));
        failure.inconsistencies().forEach(p -> errors.add("数值不一致 " + p));
        return errors;
    }

    private static RuleLine line(Rulebook rulebook, RuleInfo rule, List<RuleCoverage.Scenario> scenarios) {
        String href = "/console/rulebooks/" + rulebook.year() + "/rules?name=" + RecordSheet.encode(rule.name());
        return new RuleLine(rule.name(), href, rule.clause(), rule.text(), rule.source(), rule.note(), rule.location(), scenarios);
    }

    /** The rule's text in its DRL file, from its first line to its {@code end}. */
    private static String drl(Rulebook rulebook, RuleInfo rule) {
        String prefix = rulebook.year() + "/";
        String path = rule.file().startsWith(prefix) ? rule.file().substring(prefix.length()) : rule.file();
        String text = rulebook.source().file(path).orElse(null);
        if (text == null || rule.line() <= 0) {
            return "";
        }
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = rule.line() - 1; i < lines.length; i++) {
            out.append(lines[i]).append('\n');
            if (i > rule.line() - 1 && lines[i].strip().equals("end")) {
                break;
            }
        }
        return out.toString();
    }

    private Rulebook rulebook(String year) {
        if (year == null || !year.matches("\\d{4}")) {
            throw new PageException(404, "没有此年度", "“" + year + "”不是年度。");
        }
        return rulebooks.forYear(Integer.parseInt(year))
                .orElseThrow(() -> new PageException(404, "没有此年度", "没有在用的 " + year + " 年度规则集。"));
    }
}
