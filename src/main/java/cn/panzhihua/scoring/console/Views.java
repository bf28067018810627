package cn.panzhihua.scoring.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The console's templates (src/main/resources/templates/console/), checked against these parameters at build time. */
@CheckedTemplate(basePath = "console")
final class Views {

    private Views() {
    }

    static native TemplateInstance home(Chrome chrome, List<HomePage.RulebookLine> rulebooks);

    static native TemplateInstance login(Chrome chrome, boolean failed, boolean expired);

    static native TemplateInstance error(Chrome chrome, int status, String heading, String detail);

    static native TemplateInstance evaluations(Chrome chrome, EvaluationsPage.Query query, List<String> errors,
                                               EvaluationsPage.Results results, List<String> units, List<String> years);

    static native TemplateInstance record(Chrome chrome, RecordSheet sheet);

    static native TemplateInstance replay(Chrome chrome, EvaluationsPage.ReplayView replay);

    static native TemplateInstance report(Chrome chrome, List<String> years, String year, String batch, ReportPage.Table table);

    static native TemplateInstance quarter(Chrome chrome, List<String> years, String year, List<QuarterPage.Option> quarters, QuarterPage.Notice notice,
                                           String error);

    static native TemplateInstance rulebooks(Chrome chrome, List<RulebooksPage.YearLine> years);

    static native TemplateInstance rules(Chrome chrome, RulebooksPage.YearRules rulebook);

    static native TemplateInstance rule(Chrome chrome, RulebooksPage.RuleView view);

    static native TemplateInstance impact(Chrome chrome, ImpactPage.Form form, List<String> years, List<String> files, List<String> errors,
                                          ImpactPage.Result result);

    static native TemplateInstance chain(Chrome chrome, ChainPage.Status status, ChainPage.Progress progress,
                                         java.util.List<ChainPage.CheckpointRow> checkpoints);

    static native TemplateInstance campaigns(Chrome chrome, List<CampaignPages.YearLine> years, String unit);

    static native TemplateInstance year(Chrome chrome, CampaignPages.Board board, String done, String error);

    static native TemplateInstance unitYear(Chrome chrome, UnitYearPage.UnitSheet page, String done, String error);

    static native TemplateInstance notice(Chrome chrome, NoticePage.Notice notice);

    static native TemplateInstance handover(Chrome chrome, CampaignPages.Handover handover);
}
