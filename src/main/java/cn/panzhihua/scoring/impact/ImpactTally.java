package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.ReplayDiff;
import cn.panzhihua.scoring.report.CirculationReport;
import cn.panzhihua.scoring.rulebook.Category;
import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.Rulebook;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.AbstractList;
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
 * are given once every record is in, as the 通报 ranks: inside the category, by total contribution,
 * and only among the units evaluated both times (a rejected or dropped record is ranked neither
 * before nor after, so it cannot move anyone's rank by its absence).
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
        final Impact.UnitFigures after; // null: rejected or dropped
        final boolean changed;
        final boolean scoreChanged;
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
            this.scoreChanged = changes.stream().anyMatch(c -> isScore(c.path()));
            this.changes = changes;
            this.clauses = clauses;
        }

        boolean trailOnly() {
            return changed && !scoreChanged;
        }

        BigDecimal delta() {
            if (after == null) {
                return null;
            }
            BigDecimal delta = after.total().subtract(before.total());
            return delta.signum() == 0 ? BigDecimal.ZERO : delta;
        }

        boolean rankMoved() {
            return after != null && rankBefore != null && !rankBefore.equals(rankAfter);
        }

        boolean moved() {
            return changed || rankMoved();
        }
    }

    /**
     * A number a unit is judged by: the total, an assessment's score, contribution, veto or
     * applicability, an item's score. Adoption tallies and tiers, and clause points, are the trail.
     */
    static boolean isScore(String path) {
        return !path.contains(".adoption.");
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
    private final List<Row> dropped = new ArrayList<>();
    private final Map<String, ClauseSum> clauses = new TreeMap<>();

    /**
     * @param serving the rulebook serving the population's year (for names of categories and clauses the candidate lacks)
     */
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
        return rows.size() + dropped.size();
    }

    void rejected(DecisionRecord record, JsonNode stored, Impact.RejectedRequest problem) {
        Row row = new Row(Ref.of(record), side(stored), null, List.of(), List.of());
        Impact.RejectedRequest withFigures = new Impact.RejectedRequest(problem.recordId(), problem.unit(), problem.status(), problem.title(),
                problem.detail(), problem.field(), problem.value(), row.before);
        synchronized (this) {
            rows.add(row);
            rejected.add(withFigures);
        }
    }

    /** A record of a unit the candidate does not have: not evaluated. */
    void dropped(DecisionRecord record, JsonNode stored) {
        Row row = new Row(Ref.of(record), side(stored), null, List.of(), List.of());
        synchronized (this) {
            dropped.add(row);
        }
    }

    /**
     * The run's answer. The units are not built as a list here: {@code units} maps each row to its
     * {@link Impact.UnitImpact} when it is written, so a run of 10,000 records holds only its rows.
     */
    synchronized Impact result(Head head, int top, boolean listUnchanged, long millis, Impact.Gate gate) {
        List<Row> evaluated = rows.stream().filter(r -> r.after != null).toList();
        if (ranked) {
            rank(evaluated, r -> r.before, (r, rank) -> r.rankBefore = rank);
            rank(evaluated, r -> r.after, (r, rank) -> r.rankAfter = rank);
        }
        Comparator<Row> byMove = Comparator.<Row, BigDecimal>comparing(r -> r.delta() == null ? BigDecimal.ZERO : r.delta().abs(),
                Comparator.reverseOrder()).thenComparing(r -> r.record.unit()).thenComparing(r -> r.record.seq());
        List<Row> moved = evaluated.stream().filter(r -> listUnchanged || r.moved()).sorted(byMove).toList();
        int changed = (int) rows.stream().filter(r -> r.changed).count();
        int scoreChanged = (int) rows.stream().filter(r -> r.scoreChanged).count();
        int rankChanged = (int) evaluated.stream().filter(Row::rankMoved).count();
        List<Impact.LargestMove> largest = evaluated.stream().filter(r -> r.delta().signum() != 0).sorted(byMove).limit(top)
                .map(r -> new Impact.LargestMove(r.record.unit(), r.record.id(), categoryName(r.after.category()), r.before.total(), r.after.total(),
                        r.delta(), r.rankBefore, r.rankAfter)).toList();
        List<Impact.ClauseImpact> byClause = new ArrayList<>();
        clauses.forEach((key, sum) -> {
            String[] parts = key.split("\t");
            byClause.add(new Impact.ClauseImpact(parts[0], parts[1], clauseName(parts[0]), sum.units, sum.up, sum.down, sum.points));
        });
        List<Impact.UnitImpact> units = new AbstractList<>() {
            @Override
            public Impact.UnitImpact get(int index) {
                Row r = moved.get(index);
                return new Impact.UnitImpact(r.record.id(), r.record.unit(), categoryName(r.after.category()), r.record.rulebookVersion(),
                        withRank(r.before, r.rankBefore), withRank(r.after, r.rankAfter), r.delta(), r.changed, r.scoreChanged, r.trailOnly(),
                        r.changes, r.clauses);
            }

            @Override
            public int size() {
                return moved.size();
            }
        };
        List<Impact.RejectedRequest> refused = rejected.stream().sorted(Comparator.comparing(Impact.RejectedRequest::unit)
                .thenComparing(Impact.RejectedRequest::recordId)).toList();
        List<Impact.DroppedUnit> gone = dropped.stream().sorted(Comparator.comparing((Row r) -> r.record.unit()).thenComparing(r -> r.record.seq()))
                .map(r -> new Impact.DroppedUnit(r.record.id(), r.record.unit(), categoryName(r.before.category()), r.before)).toList();
        return new Impact(head.year(), head.candidateYear(), head.population(), head.batch(), head.servingVersion(), candidate.version(),
                head.replacedFiles(), head.differingFiles(), head.upTo(), rows.size(), changed, scoreChanged, changed - scoreChanged,
                ranked ? evaluated.size() : 0, rankChanged, refused.size(), gone.size(), millis, largest, byClause, units, refused, gone,
                head.newUnits(), gate);
    }

    /** What a run says of itself beside its tallies. */
    record Head(int year, int candidateYear, String population, String batch, String servingVersion, List<String> replacedFiles,
                List<String> differingFiles, long upTo, List<Impact.NewUnit> newUnits) {
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
