package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.report.CirculationReport.Figures;
import cn.panzhihua.scoring.report.CirculationReport.Row;
import cn.panzhihua.scoring.rulebook.Category;
import cn.panzhihua.scoring.rulebook.Rulebook;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of the 通报 summary, shared by the CSV and the 通报 sheet so the two never drift apart.
 * A cell value is a String, a BigDecimal, an Integer, or null for an empty cell (an assessment
 * that does not apply to the unit).
 */
public final class SummaryColumns {

    record Column(String header, Function<Row, Object> value) {
    }

    static final List<Column> ALL = columns();
    /** The columns a printed 通报 shows: no record ids or versions (the XLSX keeps them on its annex sheet, the CSV in full). */
    static final List<Column> PRINTED = ALL.stream().filter(c -> !c.header().equals("评估编号") && !c.header().equals("规则版本")).toList();

    private SummaryColumns() {
    }

    /** How the rulebook names a category; its code where no rulebook is at hand or the rulebook no longer lists it. */
    public static String categoryLabel(Rulebook rulebook, String category) {
        return rulebook == null ? category : rulebook.category(category).map(Category::name).orElse(category);
    }

    public static String assessmentLabel(Assessment assessment) {
        return switch (assessment) {
            case DISCLOSURE -> "政务公开";
            case EFFICIENCY -> "效能建设";
            case INFORMATION -> "政务信息";
        };
    }

    /** 是/否 for an applicable assessment that can be vetoed, empty otherwise. */
    static String yesNo(Boolean value) {
        return value == null ? null : value ? "是" : "否";
    }

    private static List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("类别", Row::categoryName));
        columns.add(new Column("类别内排名", Row::rank));
        columns.add(new Column("单位", Row::unit));
        for (Assessment a : Assessment.values()) {
            String label = assessmentLabel(a);
            columns.add(new Column(label + "得分", r -> r.figures(a).score()));
            columns.add(new Column(label + "折算", r -> r.figures(a).contribution()));
            // Efficiency has no veto clause (SPEC section 3 B), so it gets no veto column.
            if (a != Assessment.EFFICIENCY) {
                columns.add(new Column(label + "一票否决", r -> yesNo(vetoed(r.figures(a)))));
            }
        }
        columns.add(new Column("合计折算", Row::totalContribution));
        // a veto names its 情形 (the clause's words) in the unit's row, not only a 是
        columns.add(new Column("一票否决情形", r -> r.vetoes().isEmpty() ? null : String.join("；", r.vetoes())));
        columns.add(new Column("评估编号", Row::evaluationId));
        columns.add(new Column("规则版本", Row::rulebookVersion));
        return List.copyOf(columns);
    }

    private static Boolean vetoed(Figures figures) {
        return figures.applicable() ? figures.vetoed() : null;
    }
}
