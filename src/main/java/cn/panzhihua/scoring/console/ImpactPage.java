package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.evaluation.RunawayRulesException;
import cn.panzhihua.scoring.impact.Impact;
import cn.panzhihua.scoring.impact.ImpactExports;
import cn.panzhihua.scoring.impact.ImpactRequest;
import cn.panzhihua.scoring.impact.ImpactRun;
import cn.panzhihua.scoring.impact.ImpactService;
import cn.panzhihua.scoring.problem.Problem;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.security.Roles;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 规则修改影响分析: an author or auditor picks a file of a year's rulebook, edits its text (or leaves
 * the folder as it is on disk: the pending reload), and sees what the draft does to the units' latest
 * records: who moves, by how much, which clauses did it; the same run downloads as XLSX or CSV.
 */
@Path("/console/impact")
@Produces(MediaType.TEXT_HTML)
public class ImpactPage {

    /** What the form holds. */
    public record Form(String year, String population, String batch, String file, String text) {
    }

    public record Cells(String score, String contribution) {
    }

    public record UnitRow(String unit, String category, String rankBefore, String rankAfter, String before, String after, String delta,
                          boolean up, boolean down, Cells disclosureBefore, Cells disclosureAfter, Cells efficiencyBefore,
                          Cells efficiencyAfter, Cells informationBefore, Cells informationAfter, String clauses, String recordHref) {
    }

    public record ClauseRow(String clause, String kind, String name, int units, int up, int down, String points) {
    }

    public record RejectedRow(String unit, String detail, String recordHref) {
    }

    public record Result(int year, String servingVersion, String candidateVersion, String files, String population, int evaluated,
                         int changed, int rankChanged, int rejected, long millis, List<UnitRow> units, List<ClauseRow> clauses,
                         List<RejectedRow> rejectedRows) {
    }

    @Inject
    ConsoleAccess access;

    @Inject
    ImpactService impacts;

    @Inject
    Rulebooks rulebooks;

    @GET
    @Operation(hidden = true)
    public TemplateInstance form(@QueryParam("year") String year, @QueryParam("file") String file, @QueryParam("batch") String batch) {
        access.require(Roles.RULE_AUTHOR, Roles.AUDITOR);
        List<String> errors = new ArrayList<>();
        Rulebook rulebook = rulebook(year, errors);
        String text = "";
        String chosen = file == null || file.isBlank() ? "channels.tsv" : file.strip();
        if (rulebook != null) {
            // The text serving now, to edit; the page never reads a path the rulebook does not list.
            text = rulebook.source().file(chosen).orElse("");
            if (text.isEmpty()) {
                errors.add("规则集中没有文件 " + chosen + "。");
            }
        }
        Form form = new Form(rulebook == null ? year : String.valueOf(rulebook.year()), "latest", batch == null ? "" : batch.strip(), chosen, text);
        return page(form, rulebook, errors, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.TEXT_HTML, ImpactExports.XLSX, ImpactExports.CSV})
    @Operation(hidden = true)
    public Object run(@FormParam("year") String year, @FormParam("population") String population, @FormParam("batch") String batch,
                      @FormParam("file") String file, @FormParam("text") String text, @FormParam("format") String format,
                      @FormParam(FormToken.FIELD) String formToken) {
        access.require(Roles.RULE_AUTHOR, Roles.AUDITOR);
        access.checkForm(formToken);
        List<String> errors = new ArrayList<>();
        Form form = new Form(year, population == null || population.isBlank() ? "latest" : population, batch == null ? "" : batch.strip(),
                file == null ? "" : file.strip(), text == null ? "" : text.replace("\r\n", "\n"));
        Rulebook rulebook = rulebook(year, errors);
        if (rulebook == null) {
            return page(form, null, errors, null);
        }
        boolean unchanged = form.file().isEmpty() || rulebook.source().file(form.file()).map(form.text()::equals).orElse(false);
        if (!unchanged && !access.has(Roles.RULE_AUTHOR)) {
            // A draft is compiled and run: only a rule author may send one (issue 18). The text as it serves needs no author.
            errors.add("只有规则编写人（rule-author）可以分析修改后的规则文本；审计人员可不修改文本，分析规则目录当前内容的影响。");
            return page(form, rulebook, errors, null);
        }
        Map<String, String> files = form.file().isEmpty() || (unchanged && !access.has(Roles.RULE_AUTHOR)) ? Map.of()
                : Map.of(form.file(), form.text());
        ImpactRun run;
        Impact impact;
        try {
            run = impacts.run(rulebook.year(), new ImpactRequest(form.population(), form.batch(), files, 20, null));
            impact = run.whole();
        } catch (ProblemException e) {
            Problem problem = e.toProblem(null);
            errors.add(problem.detail());
            if (problem.errors() != null) {
                problem.errors().stream().limit(20).forEach(p -> errors.add(p instanceof RulebookProblem r ? r.toString() : String.valueOf(p)));
            }
            return page(form, rulebook, errors, null);
        } catch (RunawayRulesException e) {
            errors.add("修改后的规则没有停止触发（" + e.getMessage() + "）：请修改反复插入事实、重新触发自身的规则。");
            return page(form, rulebook, errors, null);
        }
        if (impact.evaluated() == 0) {
            errors.add(rulebook.year() + " 年度" + (form.batch().isEmpty() ? "" : "批次 " + form.batch() + " ") + "没有考评记录，无法分析影响。");
            return page(form, rulebook, errors, null);
        }
        if ("xlsx".equals(format) || "csv".equals(format)) {
            return ImpactExports.download(run, rulebook, format);
        }
        return page(form, rulebook, errors, result(impact));
    }

    private TemplateInstance page(Form form, Rulebook rulebook, List<String> errors, Result result) {
        List<String> years = rulebooks.all().stream().map(r -> String.valueOf(r.year())).toList();
        List<String> files = rulebook == null ? List.of() : rulebook.files();
        return Views.impact(access.chrome("规则修改影响分析", "impact"), form, years, files, errors, result);
    }

    private Rulebook rulebook(String year, List<String> errors) {
        if (year == null || year.isBlank()) {
            List<Rulebook> all = rulebooks.all().stream().toList();
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
        try {
            Rulebook found = rulebooks.forYear(Integer.parseInt(year.strip())).orElse(null);
            if (found == null) {
                errors.add("没有 " + year + " 年度的规则集。");
            }
            return found;
        } catch (NumberFormatException e) {
            errors.add("年度“" + year + "”不是年份。");
            return null;
        }
    }

    private static Result result(Impact impact) {
        List<UnitRow> units = impact.units().stream().map(u -> new UnitRow(u.unit(), u.categoryName(), rank(u.before().rank()),
                rank(u.after().rank()), Numbers.signed(u.before().total()), Numbers.signed(u.after().total()), Numbers.signed(u.delta()),
                u.delta().signum() > 0, u.delta().signum() < 0,
                cells(u.before().disclosure()), cells(u.after().disclosure()), cells(u.before().efficiency()), cells(u.after().efficiency()),
                cells(u.before().information()), cells(u.after().information()), clauses(u), "/console/evaluations/" + u.recordId())).toList();
        List<ClauseRow> clauses = impact.clauses().stream().map(c -> new ClauseRow(c.clause(), c.kind(), c.name() == null ? "" : c.name(),
                c.units(), c.up(), c.down(), Numbers.signed(c.points()))).toList();
        List<RejectedRow> rejected = impact.rejectedRequests().stream().map(r -> new RejectedRow(r.unit(), r.detail(),
                "/console/evaluations/" + r.recordId())).toList();
        return new Result(impact.year(), impact.servingVersion(), impact.candidateVersion(),
                impact.replacedFiles().isEmpty() ? "无（规则目录当前内容，即待重新加载的版本）" : String.join("、", impact.replacedFiles()),
                "latest".equals(impact.population()) ? "各单位最新考评记录" : "全部考评记录", impact.evaluated(), impact.changed(),
                impact.rankChanged(), impact.rejected(), impact.millis(), units, clauses, rejected);
    }

    private static String rank(Integer rank) {
        return rank == null ? "—" : String.valueOf(rank);
    }

    private static Cells cells(Impact.AssessmentFigures figures) {
        if (figures.score() == null) {
            return new Cells("—", "—");
        }
        return new Cells(Numbers.plain(figures.score()) + (Boolean.TRUE.equals(figures.vetoed()) ? "（否决）" : ""),
                Numbers.signed(figures.contribution()));
    }

    private static String clauses(Impact.UnitImpact unit) {
        List<String> parts = new ArrayList<>();
        unit.clauses().forEach(c -> parts.add(c.clause() + " " + c.kind() + " " + (c.stored() == null ? "—" : Numbers.plain(c.stored()))
                + "→" + (c.replayed() == null ? "—" : Numbers.plain(c.replayed())) + "（" + Numbers.signed(c.delta() == null ? BigDecimal.ZERO : c.delta()) + "）"));
        return String.join("；", parts);
    }
}
