package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.evaluation.EvaluationService;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.UnitRow;
import cn.panzhihua.scoring.rulebook.YearParam;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The quarterly adoption 通报 (对各单位政务信息采用情况的考核由市政府办公室每季度进行一次统计，并予以通报): per unit
 * a progress evaluation ({@code asOf} the quarter's last day) of its ledger through the evaluation engine,
 * so the tallies, tiers and points to the next tier are the year's rules' own; nothing is recorded (a
 * progress check is not an evaluation of record). Units are ranked within their category by the points
 * their adoption portions reached, then by completion; a portion is behind its pace when its tally is
 * below the quarter's share of its target (target × q / 4).
 */
@ApplicationScoped
public class QuarterlyNotice {

    static final int QUARTERS = 4;

    @Inject
    Rulebooks rulebooks;

    @Inject
    LedgerStore store;

    @Inject
    LedgerInformation information;

    @Inject
    EvaluationService evaluations;

    @Inject
    ObjectMapper mapper;

    public AdoptionViews.QuarterView quarter(String yearText, String quarterText, String who) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        int year = rulebook.year();
        int q = quarter(quarterText);
        LocalDate asOf = LocalDate.of(year, q * 3, 1).plusMonths(1).minusDays(1);
        Map<String, List<LedgerStore.Entry>> entries = store.entries(year, null).stream()
                .collect(Collectors.groupingBy(LedgerStore.Entry::unit));
        Map<String, List<LedgerStore.Submission>> submissions = store.submissions(year, null).stream()
                .collect(Collectors.groupingBy(LedgerStore.Submission::unit));
        BigDecimal share = BigDecimal.valueOf(q).divide(BigDecimal.valueOf(QUARTERS));
        List<Line> lines = new ArrayList<>();
        int counted = 0;
        for (UnitRow unit : rulebook.units().values()) {
            List<LedgerStore.Entry> mine = entries.getOrDefault(unit.name(), List.of());
            counted += (int) LedgerService.counted(mine).stream().filter(e -> !e.date().isAfter(asOf)).count();
            ObjectNode request = mapper.createObjectNode();
            request.put("unit", unit.name());
            request.put("year", year);
            request.set("information", information.build(mine, submissions.getOrDefault(unit.name(), List.of())));
            request.put("asOf", asOf.toString());
            EvaluationResponse response = evaluations.answer(json(request), false, null, who).response();
            EvaluationResponse.AdoptionResult adoption = response.information().adoption();
            lines.add(new Line(unit.name(), response.category(), portion(adoption.municipal(), share), portion(adoption.provincial(), share),
                    adoption.municipal(), adoption.provincial()));
        }
        List<AdoptionViews.QuarterRow> rows = ranked(lines);
        List<String> behind = rows.stream().filter(AdoptionViews.QuarterRow::behindPace).map(AdoptionViews.QuarterRow::unit).toList();
        return new AdoptionViews.QuarterView(year, q, asOf, rulebook.version(), rows.size(), counted, behind, rows);
    }

    private record Line(String unit, String category, AdoptionViews.QuarterPortion municipal, AdoptionViews.QuarterPortion provincial,
                        EvaluationResponse.PortionResult m, EvaluationResponse.PortionResult p) {

        BigDecimal score() {
            return m.score().add(p == null ? BigDecimal.ZERO : p.score());
        }

        BigDecimal max() {
            return m.portion().add(p == null ? BigDecimal.ZERO : p.portion());
        }

        boolean behind() {
            return municipal.behindPace() || (provincial != null && provincial.behindPace());
        }
    }

    /** Within each category (in table C's order), by points reached, then municipal and provincial completion; ties share a rank. */
    private static List<AdoptionViews.QuarterRow> ranked(List<Line> lines) {
        Map<String, List<Line>> byCategory = lines.stream().collect(Collectors.groupingBy(Line::category, LinkedHashMap::new, Collectors.toList()));
        Comparator<Line> order = Comparator.comparing(Line::score).thenComparing(l -> ratio(l.m()))
                .thenComparing(l -> ratio(l.p())).reversed();
        List<AdoptionViews.QuarterRow> rows = new ArrayList<>();
        byCategory.forEach((category, members) -> {
            List<Line> sorted = members.stream().sorted(order.thenComparing(Line::unit)).toList();
            int rank = 0;
            for (int i = 0; i < sorted.size(); i++) {
                Line l = sorted.get(i);
                if (i == 0 || order.compare(sorted.get(i - 1), l) != 0) {
                    rank = i + 1;
                }
                rows.add(new AdoptionViews.QuarterRow(l.unit(), category, rank, l.municipal(), l.provincial(), l.score(), l.max(), l.behind()));
            }
        });
        return rows;
    }

    /** earned / target, exactly enough to order by (the response's completion is rounded for display). */
    private static BigDecimal ratio(EvaluationResponse.PortionResult p) {
        if (p == null || p.target().signum() == 0) {
            return BigDecimal.ZERO;
        }
        return p.earned().divide(p.target(), MathContext.DECIMAL64);
    }

    private static AdoptionViews.QuarterPortion portion(EvaluationResponse.PortionResult p, BigDecimal share) {
        if (p == null) {
            return null;
        }
        BigDecimal pace = p.target().multiply(share);
        pace = pace.stripTrailingZeros().scale() < 0 ? pace.setScale(0) : pace.stripTrailingZeros();
        return new AdoptionViews.QuarterPortion(p.target(), p.earned(), p.completion(), p.tier(), p.nextTier(), p.pointsToNextTier(), p.score(),
                pace, p.earned().compareTo(pace) < 0);
    }

    private static int quarter(String text) {
        int q;
        try {
            q = Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badField("quarter", text, "quarter is 1, 2, 3 or 4, not '" + text + "'");
        }
        if (q < 1 || q > QUARTERS) {
            throw ProblemException.badField("quarter", text, "quarter is 1, 2, 3 or 4, not " + q);
        }
        return q;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
