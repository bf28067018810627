package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.audit.ReplayDiff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tables of an impact as an office circulates them, with the 通报's Chinese headings: the units
 * before and after, the clauses, the rejected requests. CSV and XLSX write the same columns.
 */
final class ImpactColumns {

    record Column<T>(String header, Function<T, Object> value) {
    }

    private static final String[][] ASSESSMENTS = {{"政务公开", "disclosure"}, {"效能建设", "efficiency"}, {"政务信息", "information"}};

    static final List<Column<Impact.UnitImpact>> UNITS = units();

    static final List<Column<Impact.ClauseImpact>> CLAUSES = List.of(
            new Column<>("条款", Impact.ClauseImpact::clause),
            new Column<>("计分类型", Impact.ClauseImpact::kind),
            new Column<>("条款名称", Impact.ClauseImpact::name),
            new Column<>("影响单位数", Impact.ClauseImpact::units),
            new Column<>("加分单位数", Impact.ClauseImpact::up),
            new Column<>("减分单位数", Impact.ClauseImpact::down),
            new Column<>("分值变动合计", Impact.ClauseImpact::points));

    static final List<Column<Impact.RejectedRequest>> REJECTED = List.of(
            new Column<>("单位", Impact.RejectedRequest::unit),
            new Column<>("评估编号", Impact.RejectedRequest::recordId),
            new Column<>("状态码", Impact.RejectedRequest::status),
            new Column<>("问题", Impact.RejectedRequest::detail),
            new Column<>("字段", Impact.RejectedRequest::field),
            new Column<>("值", r -> r.value() == null ? null : String.valueOf(r.value())),
            new Column<>("原合计折算", r -> r.stored() == null ? null : r.stored().total()));

    static final List<Column<Impact.DroppedUnit>> DROPPED = List.of(
            new Column<>("类别", Impact.DroppedUnit::categoryName),
            new Column<>("单位", Impact.DroppedUnit::unit),
            new Column<>("原合计折算", d -> d.stored().total()),
            new Column<>("评估编号", Impact.DroppedUnit::recordId));

    static final List<Column<Impact.NewUnit>> NEW_UNITS = List.of(
            new Column<>("类别", Impact.NewUnit::categoryName),
            new Column<>("单位", Impact.NewUnit::unit),
            new Column<>("说明", u -> "草案新增的单位，本年度没有考评记录"));

    /** The gate's findings, one line each: what kind, where, what. */
    record GateLine(String kind, String where, String what) {
    }

    static final List<Column<GateLine>> GATE = List.of(
            new Column<>("问题类型", GateLine::kind),
            new Column<>("位置", GateLine::where),
            new Column<>("说明", GateLine::what));

    static List<GateLine> gateLines(Impact.Gate gate) {
        List<GateLine> lines = new ArrayList<>();
        if (gate == null) {
            return lines;
        }
        gate.failedScenarios().forEach(f -> lines.add(new GateLine("场景未通过", f.file() + "：" + f.scenario(), String.join("；", f.failures()))));
        gate.inconsistencies().forEach(p -> lines.add(new GateLine("数字不一致", p.file() + (p.line() > 0 ? ":" + p.line() : ""), p.message())));
        gate.uncoveredRules().forEach(p -> lines.add(new GateLine("没有场景检验的规则", p.file() + (p.line() > 0 ? ":" + p.line() : ""), p.message())));
        return lines;
    }

    private ImpactColumns() {
    }

    private static List<Column<Impact.UnitImpact>> units() {
        List<Column<Impact.UnitImpact>> columns = new ArrayList<>();
        columns.add(new Column<>("类别", Impact.UnitImpact::categoryName));
        columns.add(new Column<>("单位", Impact.UnitImpact::unit));
        columns.add(new Column<>("原排名", u -> u.before().rank()));
        columns.add(new Column<>("新排名", u -> u.after().rank()));
        columns.add(new Column<>("原合计折算", u -> u.before().total()));
        columns.add(new Column<>("新合计折算", u -> u.after().total()));
        columns.add(new Column<>("变动", Impact.UnitImpact::delta));
        columns.add(new Column<>("变动类型", ImpactColumns::kindOfChange));
        for (String[] a : ASSESSMENTS) {
            columns.add(new Column<>(a[0] + "原得分", u -> figures(u.before(), a[1]).score()));
            columns.add(new Column<>(a[0] + "新得分", u -> figures(u.after(), a[1]).score()));
            columns.add(new Column<>(a[0] + "原折算", u -> figures(u.before(), a[1]).contribution()));
            columns.add(new Column<>(a[0] + "新折算", u -> figures(u.after(), a[1]).contribution()));
        }
        columns.add(new Column<>("条款变动", u -> clauses(u.clauses())));
        columns.add(new Column<>("评估编号", Impact.UnitImpact::recordId));
        columns.add(new Column<>("原规则版本", Impact.UnitImpact::storedVersion));
        return List.copyOf(columns);
    }

    private static Impact.AssessmentFigures figures(Impact.UnitFigures side, String assessment) {
        return switch (assessment) {
            case "disclosure" -> side.disclosure();
            case "efficiency" -> side.efficiency();
            default -> side.information();
        };
    }

    /** What moved a unit's row: its score, only its trail (the score stayed), or only its rank among the others. */
    static String kindOfChange(Impact.UnitImpact u) {
        return u.scoreChanged() ? "得分变动" : u.trailOnlyChanged() ? "仅计分过程变动（得分未变）" : u.changed() ? "有变动" : "仅排名变动";
    }

    /** The clause differences in one cell: "I-3 TALLY MUNICIPAL 24→30 (+6)". */
    static String clauses(List<ReplayDiff.ClauseChange> changes) {
        return changes.stream().map(c -> c.clause() + " " + c.kind() + " " + plain(c.stored()) + "→" + plain(c.replayed())
                + " (" + signed(c.delta()) + ")").collect(Collectors.joining("；"));
    }

    static String plain(BigDecimal value) {
        return value == null ? "无" : value.stripTrailingZeros().toPlainString();
    }

    static String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + value.stripTrailingZeros().toPlainString();
    }

    /** The run's summary lines, heading and value. */
    static List<String[]> summary(Impact impact) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"年度", String.valueOf(impact.year())});
        if (impact.candidateYear() != impact.year()) {
            lines.add(new String[]{"草案年度", impact.candidateYear() + "（" + impact.year() + " 年度的考评请求按 " + impact.candidateYear()
                    + " 年度规则重新评分，日期顺延 " + (impact.candidateYear() - impact.year()) + " 年）"});
        }
        lines.add(new String[]{"现行规则版本", String.valueOf(impact.servingVersion())});
        lines.add(new String[]{"草案规则版本", impact.candidateVersion()});
        lines.add(new String[]{"草案替换的文件", impact.replacedFiles().isEmpty() ? "无（规则目录当前内容）" : String.join("、", impact.replacedFiles())});
        lines.add(new String[]{"与现行规则不同的文件", impact.differingFiles() == null ? "（该年度没有现行规则）"
                : impact.differingFiles().isEmpty() ? "无" : String.join("、", impact.differingFiles())});
        lines.add(new String[]{"评估范围", ("latest".equals(impact.population()) ? "各单位最新评估记录" : "全部评估记录")
                + (impact.batchId() == null ? "" : "（批次 " + impact.batchId() + "）") + "，截至记录 #" + impact.recordsUpTo()});
        lines.add(new String[]{"重新评分记录数", String.valueOf(impact.evaluated())});
        lines.add(new String[]{"得分或折算变动的记录数", String.valueOf(impact.scoreChanged())});
        lines.add(new String[]{"仅计分过程变动的记录数（得分未变）", String.valueOf(impact.trailOnlyChanged())});
        lines.add(new String[]{"两次均参与排名的单位数", String.valueOf(impact.ranked())});
        lines.add(new String[]{"排名变动单位数（在两次均参与排名的单位中）", String.valueOf(impact.rankChanged())});
        lines.add(new String[]{"草案不能评分的记录数", String.valueOf(impact.rejected())});
        lines.add(new String[]{"草案删除的单位的记录数", String.valueOf(impact.dropped())});
        lines.add(new String[]{"草案新增的单位数（无记录）", String.valueOf(impact.newUnits().size())});
        if (impact.gate() != null) {
            Impact.Gate gate = impact.gate();
            lines.add(new String[]{"规则检查结论", gate.passed() ? "通过（重新加载时会被接受）"
                    : "不通过（重新加载时会被拒绝）：" + gate.failedScenarios().size() + " 个场景未通过，" + gate.inconsistencies().size()
                    + " 处数字不一致，" + gate.uncoveredRules().size() + " 条规则没有场景检验"});
        }
        return lines;
    }
}
