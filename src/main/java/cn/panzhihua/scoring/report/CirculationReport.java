package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.audit.Checkpoint;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.AssessmentResult;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.rulebook.Rulebook;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.text.Collator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A year's 通报: one row per evaluated unit, ranked inside its category by what the unit adds to
 * its annual target score. Units of different categories are never ranked against each other,
 * because their information assessments convert on different scales (SPEC section 2).
 *
 * <p>{@code checkpoint} is the signed checkpoint the report was built on: every row comes from a
 * record at or before its {@code recordSeq}, so whoever keeps the printed report can later prove the
 * records it ranks were not changed (POST /api/v1/audit/verify). Null only for a report built in
 * memory, not from records.
 *
 * <p>Every unit of the year's table C appears: the evaluated ones ranked in {@code rows}, the others
 * in {@code notEvaluated} (未考评), with the counts ({@code unitCount} = {@code evaluatedCount} +
 * {@code notEvaluatedCount}: 72 个单位，已考评 71，未考评 1). Only annual evaluations enter it: a
 * progress evaluation ({@code asOf}) is refused.
 */
public record CirculationReport(int year, Instant generatedAt, List<Row> rows,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Checkpoint checkpoint,
                                int unitCount, int evaluatedCount, List<Unevaluated> notEvaluated) {

    /** Ties are listed by the Chinese reading order of the unit's name, as a reader of the 通报 expects. */
    private static final Collator NAME_ORDER = Collator.getInstance(Locale.SIMPLIFIED_CHINESE);

    public CirculationReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        rows = List.copyOf(rows);
        notEvaluated = notEvaluated == null ? List.of() : List.copyOf(notEvaluated);
    }

    /** How many units of table C have no evaluation of record in the report (未考评). */
    @com.fasterxml.jackson.annotation.JsonProperty("notEvaluatedCount")
    public int notEvaluatedCount() {
        return notEvaluated.size();
    }

    /** The count line as the printed 通报 states it: 共 72 个单位，已考评 71 个，未考评 1 个. */
    public String countLine() {
        return "共 " + unitCount + " 个单位，已考评 " + evaluatedCount + " 个，未考评 " + notEvaluated.size() + " 个";
    }

    /** A unit of table C with no evaluation of record: listed, never ranked. */
    public record Unevaluated(String unit, String category, String categoryName) {
    }

    /**
     * @param categoryName the category's name as the rulebook gives it (categories.tsv), e.g. 市级部门
     * @param rank         competition ranking inside the category by {@code totalContribution}, highest first (1, 2, 2, 4)
     */
    public record Row(String unit, String category, String categoryName, int rank, Figures disclosure, Figures efficiency,
                      Figures information, BigDecimal totalContribution, String evaluationId, String rulebookVersion,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> vetoes) {

        public Row {
            vetoes = vetoes == null ? List.of() : List.copyOf(vetoes);
        }

        public Figures figures(Assessment assessment) {
            return switch (assessment) {
                case DISCLOSURE -> disclosure;
                case EFFICIENCY -> efficiency;
                case INFORMATION -> information;
            };
        }
    }

    /**
     * One assessment's figures as the response gave them; all null when it does not apply.
     * {@code vetoed} is null also where the assessment has no veto (efficiency).
     */
    public record Figures(boolean applicable, BigDecimal score, BigDecimal contribution, Boolean vetoed) {

        static Figures of(AssessmentResult result) {
            if (result == null || !result.applicable()) {
                return new Figures(false, null, null, null);
            }
            return new Figures(true, result.score(), result.contribution(), result.vetoed());
        }
    }

    /**
     * Builds the report of the rulebook's year, its categories named and ordered as the rulebook lists
     * them, every unit of its table C either ranked or listed as 未考评. This is the entry point for an
     * explicit set of evaluations of record (one annual evaluation per unit, e.g. a campaign's);
     * {@link EvaluationsOfRecord} chooses them when no one has.
     */
    public static CirculationReport of(int year, List<EvaluationResponse> responses, Instant generatedAt, Rulebook rulebook) {
        Map<String, String> roster = new LinkedHashMap<>();
        rulebook.units().values().forEach(u -> roster.put(u.name(), u.category()));
        return of(year, responses, generatedAt, AssessmentTables.categoryNames(rulebook), roster);
    }

    /** As {@link #of(int, List, Instant, Map, Map)} without a roster: only the evaluated units are known. */
    public static CirculationReport of(int year, List<EvaluationResponse> responses, Instant generatedAt, Map<String, String> categories) {
        return of(year, responses, generatedAt, categories, Map.of());
    }

    /**
     * Builds the report of {@code year} from one response per unit.
     *
     * @param categories the rulebook's categories, code → name, in the order they are circulated
     *                   (categories.tsv); a category it does not list comes last, under its code
     * @param roster     every unit of the year (table C), name → category code, in the table's order; the units
     *                   without a response are listed as 未考评
     * @throws IllegalArgumentException if a response is of another year, is a progress evaluation, or a unit
     *                                  appears twice: each would make the ranking silently wrong
     */
    public static CirculationReport of(int year, List<EvaluationResponse> responses, Instant generatedAt, Map<String, String> categories,
                                       Map<String, String> roster) {
        Set<String> seen = new HashSet<>();
        Map<String, List<EvaluationResponse>> byCategory = new LinkedHashMap<>();
        categories.keySet().forEach(c -> byCategory.put(c, new ArrayList<>()));
        for (EvaluationResponse response : responses) {
            if (response.year() != year) {
                throw new IllegalArgumentException("the response for " + response.unit() + " is of year " + response.year()
                        + ", the report is of " + year);
            }
            if (progress(response)) {
                throw new IllegalArgumentException("the response for " + response.unit() + " is a progress evaluation (asOf "
                        + response.information().adoption().asOf() + "); the annual 通报 takes annual evaluations only");
            }
            if (!seen.add(response.unit())) {
                throw new IllegalArgumentException("two responses for " + response.unit() + "; the report takes one per unit");
            }
            byCategory.computeIfAbsent(response.category(), c -> new ArrayList<>()).add(response);
        }
        List<Row> rows = new ArrayList<>();
        byCategory.values().forEach(units -> rows.addAll(ranked(units, categories)));
        List<Unevaluated> missing = new ArrayList<>();
        roster.forEach((unit, category) -> {
            if (!seen.contains(unit)) {
                missing.add(new Unevaluated(unit, category, categories.getOrDefault(category, category)));
            }
        });
        int units = (int) java.util.stream.Stream.concat(roster.keySet().stream(), seen.stream()).distinct().count();
        return new CirculationReport(year, generatedAt, rows, null, units, rows.size(), missing);
    }

    /** Whether a response is a progress evaluation (counted up to an asOf date), which no annual 通报 takes. */
    public static boolean progress(EvaluationResponse response) {
        return response.information() != null && response.information().adoption() != null
                && response.information().adoption().asOf() != null;
    }

    /** The same report, stating the checkpoint its records were read at. */
    public CirculationReport builtOn(Checkpoint checkpoint) {
        return new CirculationReport(year, generatedAt, rows, checkpoint, unitCount, evaluatedCount, notEvaluated);
    }

    private static List<Row> ranked(List<EvaluationResponse> units, Map<String, String> categories) {
        List<EvaluationResponse> sorted = new ArrayList<>(units);
        int[] ranks = rank(sorted, EvaluationResponse::totalContribution, EvaluationResponse::unit);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            EvaluationResponse r = sorted.get(i);
            rows.add(new Row(r.unit(), r.category(), categories.getOrDefault(r.category(), r.category()), ranks[i], Figures.of(r.disclosure()), Figures.of(r.efficiency()),
                    Figures.of(r.information()), r.totalContribution(), r.evaluationId(), r.rulebookVersion(), vetoes(r)));
        }
        return rows;
    }

    /** The 情形 of every veto of the unit's evaluation, as the 通报 row names them. */
    private static List<String> vetoes(EvaluationResponse response) {
        List<String> out = new ArrayList<>();
        for (Assessment a : Assessment.values()) {
            AssessmentSheet.vetoReasons(response, a).forEach(v -> out.add(SummaryColumns.assessmentLabel(a) + "一票否决：" + v));
        }
        return out;
    }

    /**
     * The 通报's ranking of one category's units: sorts {@code units} in place, highest total first
     * (ties in the Chinese reading order of the unit's name), and answers each one's competition rank
     * (1, 2, 2, 4). The impact of a rulebook change ranks before and after with this very order.
     */
    public static <T> int[] rank(List<T> units, java.util.function.Function<T, BigDecimal> total, java.util.function.Function<T, String> name) {
        units.sort(Comparator.comparing(total, Comparator.reverseOrder()).thenComparing(name, NAME_ORDER));
        int[] ranks = new int[units.size()];
        int rank = 0;
        BigDecimal previous = null;
        for (int i = 0; i < units.size(); i++) {
            BigDecimal t = total.apply(units.get(i));
            // compareTo, not equals: 2.7 and 2.70 are the same total and must share a rank.
            if (previous == null || previous.compareTo(t) != 0) {
                rank = i + 1;
                previous = t;
            }
            ranks[i] = rank;
        }
        return ranks;
    }
}
