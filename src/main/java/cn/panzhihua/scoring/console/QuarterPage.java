package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.adoption.AdoptionViews;
import cn.panzhihua.scoring.adoption.QuarterlyNotice;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.security.Roles;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quarterly adoption 通报 (issue 21) as the office reads and prints it: for a year and quarter,
 * each unit's municipal and provincial tallies up to the quarter's last day against its target, the
 * tier reached and the points to the next, ranked within its category, the units behind their pace
 * marked. The figures are the API's ({@code GET /api/v1/adoptions/{year}/quarters/{q}}): a progress
 * evaluation of each unit's ledger by the year's rules, nothing recorded. The CSV download is the API's.
 */
@Path("/console/adoptions")
@Produces(MediaType.TEXT_HTML)
public class QuarterPage {

    /** One portion (市级 or 省级) of a unit's line, as printed; all empty where the unit has no such task. */
    public record Portion(String target, String earned, String completion, String tier, String toNext, String pace, boolean behind) {
        static final Portion NONE = new Portion("—", "", "", "", "", "", false);
    }

    public record Line(int rank, String unit, Portion municipal, Portion provincial, String score, String max, boolean behind) {
    }

    public record Group(String category, List<Line> lines) {
    }

    /** A choice of the quarter select. */
    public record Option(String value, String label, boolean selected) {
    }

    public record Notice(int year, int quarter, String asOf, String rulebookVersion, int units, int counted, List<String> behind,
                         List<Group> groups, String csv) {
    }

    @Inject
    QuarterlyNotice quarters;

    @Inject
    Rulebooks rulebooks;

    @Inject
    ConsoleAccess access;

    @GET
    @Operation(hidden = true)
    public TemplateInstance page(@QueryParam("year") String year, @QueryParam("quarter") String quarter) {
        access.require(Roles.EVALUATOR, Roles.AUDITOR);
        List<String> years = rulebooks.all().stream().map(Rulebook::year).map(String::valueOf).toList();
        String y = year == null || year.isBlank() ? (years.isEmpty() ? "" : years.get(years.size() - 1)) : year.strip();
        String q = quarter == null || quarter.isBlank() ? "4" : quarter.strip();
        Notice notice = null;
        String error = null;
        if (!y.isEmpty()) {
            try {
                notice = notice(quarters.quarter(y, q, access.user()));
            } catch (ProblemException e) {
                error = "无法生成该季度的采用情况通报：" + e.getMessage();
            }
        }
        List<Option> options = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            options.add(new Option(String.valueOf(n), "第 " + n + " 季度", String.valueOf(n).equals(q)));
        }
        return Views.quarter(access.chrome("政务信息采用情况季度通报", "adoptions"), years, y, options, notice, error);
    }

    private Notice notice(AdoptionViews.QuarterView view) {
        Map<String, List<Line>> byCategory = new LinkedHashMap<>();
        for (AdoptionViews.QuarterRow row : view.rows()) {
            String category = CampaignPages.categoryName(rulebooks, view.year(), row.category());
            byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(new Line(row.rank(), row.unit(), portion(row.municipal()),
                    portion(row.provincial()), Numbers.plain(row.adoptionScore()), Numbers.plain(row.adoptionMax()), row.behindPace()));
        }
        List<Group> groups = byCategory.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
        return new Notice(view.year(), view.quarter(), String.valueOf(view.asOf()), view.rulebookVersion(), view.units(), view.counted(),
                view.behindPace(), groups, "/api/v1/adoptions/" + view.year() + "/quarters/" + view.quarter() + "?format=csv");
    }

    private static Portion portion(AdoptionViews.QuarterPortion p) {
        if (p == null) {
            return Portion.NONE;
        }
        return new Portion(Numbers.plain(p.target()), Numbers.plain(p.earned()), percent(p.completion()), p.tier() + "%",
                p.nextTier() == null ? "已达最高档" : "差 " + Numbers.plain(p.pointsToNextTier()) + " 分达 " + p.nextTier() + "%",
                Numbers.plain(p.pace()), p.behindPace());
    }

    /** 0.4500 → 45%, 1.1667 → 116.67%. */
    static String percent(BigDecimal share) {
        return share == null ? "" : Numbers.plain(share.multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP)) + "%";
    }
}
