package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.ReplayDiff;
import cn.panzhihua.scoring.report.CirculationReport;
import cn.panzhihua.scoring.rulebook.Category;
import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What an impact run has found so far, added to from every worker: per record its figures before and
 * after (the clause differences only where something changed), and per clause what it moved. Ranks
 * are given once every record is in, as the 通报 ranks: inside the category, by total contribution.
 */
final class ImpactTally {

    private static final String[] ASSESSMENTS = {"disclosure", "efficiency", "information"};

    /** Which record a row compares: its id and place, not its JSON, which would hold every request and answer twice. */
    private record Ref(String id, long seq, String unit, String rulebookVersion) {
        static Ref of(DecisionRecord r) {
            return new Ref(r.id(), r.seq(), r.unit(), r.rulebookVersion());
        }
    }

    /** One record's comparison; ranks are filled in at the end. */
    private static final class Row {
        final Ref record;
        final Impact.UnitFigures before;
        final Impact.UnitFigures after; // null: rejected
        final boolean changed;
        final List<ReplayDiff.ValueChange> changes;
        final List<ReplayDiff.ClauseChange> clauses;
        Integer rankBefore;
        Integer rankAfter;

        Row(Ref record, Impact.UnitFigures before, Impact.UnitFigures after, List<ReplayDiff.ValueChange> changes,
            List<ReplayDiff.ClauseChange> clauses) {
            this.record = record;
            this.before = before;
            this.after = after;
            this.changed = !changes.isEmpty() || !clauses.isEmpty();
            this.changes = changes;
            this.clauses = clauses;
        }

        BigDecimal delta() {
            if (after == null) {
                return null;
            }
            BigDecimal delta = after.total().subtract(before.total());
            return delta.signum() == 0 ? BigDecimal.ZERO : delta;
        }

        boolean moved() {
            return changed || (after != null && rankBefore != null && !rankBefore.equals(rankAfter));
        }
    }

    /** A clause's running sums. */
    private static final class ClauseSum {
        int units;
        int up;
        int down;
        BigDecimal points = BigDecimal.ZERO;
    }

    private final boolean ranked;
    private final Rulebook candidate;
    private final Rulebook serving;
    private final List<Row> rows = new ArrayList<>();
    private final List<Impact.RejectedRequest> rejected = new ArrayList<>();
    private final Map<String, ClauseSum> clauses = new TreeMap<>();

    ImpactTally(boolean ranked, Rulebook candidate, Rulebook serving) {
        this.ranked = ranked;
        this.candidate = candidate;
        this.serving = serving;
    }

    void add(DecisionRecord record, JsonNode stored, JsonNode after, List<ReplayDiff.ValueChange> changes,
             List<ReplayDiff.ClauseChange> clauseChanges) {
        Row row = new Row(Ref.of(record), side(stored), side(after), changes.isEmpty() ? List.of() : changes,
                clauseChanges.isEmpty() ? List.of() : clauseChanges);
        synchronized (this) {
            rows.add(row);
            for (ReplayDiff.ClauseChange c : clauseChanges) {
                ClauseSum sum = clauses.computeIfAbsent(c.clause() + "\t" + c.kind(), k -> new ClauseSum());
                sum.units++;
                int sign = c.delta().signum();
                if (sign > 0) {
                    sum.up++;
                } else if (sign < 0) {
                    sum.down++;
                }
                sum.points = sum.points.add(c.delta());
            }
        }
    }

    synchronized int size() {
        return rows.size();
    }

    void rejected(DecisionRecord record, JsonNode stored, Impact.RejectedRequest problem) {
        Row row = new Row(Ref.of(record), side(stored), null, List.of(), List.of());
        synchronized (this) {
            rows.add(row);
            rejected.add(problem);
        }
    }

    synchronized Impact result(int year, String population, String batch, List<String> files, long upTo, int top,
                               boolean listUnchanged, long millis) {
        if (ranked) {
            rank(rows, r -> r.before, (r, rank) -> r.rankBefore = rank);
            rank(rows.stream().filter(r -> r.after != null).toList(), r -> r.after, (r, rank) -> r.rankAfter = rank);
        }
        Comparator<Row> byMove = Comparator.<Row, BigDecimal>comparing(r -> r.delta() == null ? BigDecimal.ZERO : r.delta().abs(),
                Comparator.reverseOrder()).thenComparing(r -> r.record.unit()).thenComparing(r -> r.record.seq());
        List<Row> moved = rows.stream().filter(r -> r.after != null && (listUnchanged || r.moved())).sorted(byMove).toList();
        int changed = (int) rows.stream().filter(r -> r.changed).count();
        int rankChanged = (int) rows.stream().filter(r -> r.after != null && r.rankBefore != null && !r.rankBefore.equals(r.rankAfter)).count();
        List<Impact.LargestMove> largest = rows.stream().filter(r -> r.after != null && r.delta().signum() != 0).sorted(byMove).limit(top)
                .map(r -> new Impact.LargestMove(r.record.unit(), r.record.id(), categoryName(r.after.category()), r.before.total(), r.after.total(),
                        r.delta(), r.rankBefore, r.rankAfter)).toList();
        List<Impact.ClauseImpact> byClause = new ArrayList<>();
        clauses.forEach((key, sum) -> {
            String[] parts = key.split("\t");
            byClause.add(new Impact.ClauseImpact(parts[0], parts[1], clauseName(parts[0]), sum.units, sum.up, sum.down, sum.points));
        });
        List<Impact.UnitImpact> units = moved.stream().map(r -> new Impact.UnitImpact(r.record.id(), r.record.unit(),
                categoryName(r.after.category()), r.record.rulebookVersion(), withRank(r.before, r.rankBefore), withRank(r.after, r.rankAfter),
                r.delta(), r.changed, r.changes, r.clauses)).toList();
        List<Impact.RejectedRequest> refused = rejected.stream().sorted(Comparator.comparing(Impact.RejectedRequest::unit)
                .thenComparing(Impact.RejectedRequest::recordId)).toList();
        return new Impact(year, population, batch, serving == null ? null : serving.version(), candidate.version(), files, upTo,
                rows.size(), changed, rankChanged, refused.size(), millis, largest, byClause, units, refused);
    }

    private static Impact.UnitFigures withRank(Impact.UnitFigures side, Integer rank) {
        return new Impact.UnitFigures(side.category(), side.disclosure(), side.efficiency(), side.information(), side.total(), rank);
    }

    /** Ranks each category's rows with the 通报's own ranking. */
    private static void rank(List<Row> all, Function<Row, Impact.UnitFigures> side, java.util.function.BiConsumer<Row, Integer> set) {
        Map<String, List<Row>> byCategory = new LinkedHashMap<>();
        all.forEach(r -> byCategory.computeIfAbsent(String.valueOf(side.apply(r).category()), c -> new ArrayList<>()).add(r));
        for (List<Row> category : byCategory.values()) {
            List<Row> sorted = new ArrayList<>(category);
            int[] ranks = CirculationReport.rank(sorted, r -> side.apply(r).total(), r -> r.record.unit());
            for (int i = 0; i < sorted.size(); i++) {
                set.accept(sorted.get(i), ranks[i]);
            }
        }
    }

    /** The figures of a response (as stored, or as the candidate answers). */
    static Impact.UnitFigures side(JsonNode response) {
        Impact.AssessmentFigures[] figures = new Impact.AssessmentFigures[ASSESSMENTS.length];
        for (int i = 0; i < ASSESSMENTS.length; i++) {
            JsonNode a = response.path(ASSESSMENTS[i]);
            figures[i] = a.path("applicable").asBoolean(false)
                    ? new Impact.AssessmentFigures(decimal(a.get("score")), decimal(a.get("contribution")),
                    a.hasNonNull("vetoed") ? a.get("vetoed").asBoolean() : null)
                    : new Impact.AssessmentFigures(null, null, null);
        }
        BigDecimal total = decimal(response.get("totalContribution"));
        return new Impact.UnitFigures(response.path("category").asText(null), figures[0], figures[1], figures[2],
                total == null ? BigDecimal.ZERO : total, null);
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.decimalValue();
    }

    private String categoryName(String code) {
        for (Rulebook r : new Rulebook[]{candidate, serving}) {
            if (r != null && code != null) {
                Category c = r.categories().get(code);
                if (c != null) {
                    return c.name();
                }
            }
        }
        return code;
    }

    /** A clause's name as the candidate (or, for a clause it dropped, the serving rulebook) gives it. */
    private String clauseName(String code) {
        for (Rulebook r : new Rulebook[]{candidate, serving}) {
            if (r != null) {
                Clause c = r.clauses().get(code);
                if (c != null) {
                    return c.name();
                }
            }
        }
        return null;
    }
}
