package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.AssessmentResult;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.PortionResult;
import cn.panzhihua.scoring.evaluation.TrailEntry;
import cn.panzhihua.scoring.report.AssessmentSheet;
import cn.panzhihua.scoring.report.CirculationReport;
import cn.panzhihua.scoring.rulebook.TableLayout;
import cn.panzhihua.scoring.report.SummaryColumns;
import cn.panzhihua.scoring.rulebook.Rulebook;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decision record laid out as the document's 考评表 for a person: each line of each table with
 * the trail entries that moved it beneath it, then what applies to the whole assessment (vetoes,
 * adoption tallies per channel, conversion), the total, and where the record sits in the chain.
 */
public record RecordSheet(String id, String unit, String category, int year, String rulebookVersion, String servingVersion,
                          String recordedAt, String recordedBy, String serviceVersion, String batchId,
                          List<Sheet> sheets, String totalContribution, List<Entry> selfScoreEntries, Chain chain,
                          String kind, String progressNote, List<String> vetoes, List<String> notApplicable) {

    /** One 考评表. {@code assessmentEntries}: vetoes and the conversion, which move no single line. */
    public record Sheet(String key, String title, List<String> headings, List<Line> lines, String max, String score,
                        String contribution, boolean vetoed, List<Entry> assessmentEntries, List<Portion> portions,
                        List<Channel> channels, String selfTotal, int entrySpan, int sumSpan, List<String> sumTail) {
    }

    /** A line of the table; {@code cells} in the source's column order (the 序号 and name only on the first line of a 序号). */
    public record Line(String number, String code, String name, String max, String criteria, String selfScore, String score,
                       List<Entry> entries, List<Cell> cells) {
    }

    /** A cell as the page prints it; {@code cls} its CSS class. */
    public record Cell(String text, String cls, boolean header) {
    }

    /**
     * A trail entry as the page shows it.
     *
     * @param effect   what it did in words: 扣 2.5 分
     * @param ruleHref the rule's page in the console
     */
    public record Entry(int seq, String rule, String clause, String kind, String effect, String text, String source,
                        List<String> evidence, String note, String location, String ruleHref, String finding,
                        BigDecimal pointsValue) {
    }

    /** An adoption portion (市级 / 省级): target, earned, completion, tier and score. */
    public record Portion(String label, String target, String earned, String completion, String portion, String score, String tier,
                          String toNext) {
    }

    /** The adoptions one channel rule counted (or did not), with the titles and dates it matched. */
    public record Channel(String rule, String level, int count, String points, List<Entry> entries) {
    }

    /**
     * @param verified the record's stored hash is what its content and the previous hash give
     * @param linkedToPrevious the previous record's hash is the one this record names (true for the first record)
     * @param linkedToNext the next record names this record's hash (null when this is the newest record)
     */
    public record Chain(long seq, String previousHash, String contentHash, boolean verified, boolean linkedToPrevious,
                        Boolean linkedToNext) {

        public boolean intact() {
            return verified && linkedToPrevious && !Boolean.FALSE.equals(linkedToNext);
        }
    }

    private static final Set<String> ON_LINES = Set.of("DEDUCTION", "CAP", "TIER");

    static RecordSheet of(DecisionRecord record, EvaluationResponse response, Rulebook rulebook, Chain chain) {
        Map<String, List<Entry>> byItem = new LinkedHashMap<>();
        Map<String, List<Entry>> byAssessment = new LinkedHashMap<>();
        Map<String, List<Entry>> tallies = new LinkedHashMap<>();
        Map<String, String> tallyLevels = new LinkedHashMap<>();
        List<Entry> selfScore = new ArrayList<>();
        for (TrailEntry t : response.trail()) {
            Entry entry = entry(t, record.year(), record.rulebookVersion());
            String kind = t.kind() == null ? "" : t.kind();
            if (ON_LINES.contains(kind) && t.item() != null) {
                byItem.computeIfAbsent(t.item(), i -> new ArrayList<>()).add(entry);
            } else if (kind.equals("TALLY") || kind.equals("NOT_COUNTED")) {
                tallies.computeIfAbsent(t.rule(), r -> new ArrayList<>()).add(entry);
                tallyLevels.putIfAbsent(t.rule(), level(t.level()));
            } else if (kind.equals("SELF_SCORE")) {
                selfScore.add(entry);
            } else {
                byAssessment.computeIfAbsent(t.assessment(), a -> new ArrayList<>()).add(entry);
            }
        }
        List<Sheet> sheets = new ArrayList<>();
        List<AssessmentSheet> printed = AssessmentSheet.of(response, rulebook, null);
        List<String> vetoes = new ArrayList<>();
        for (AssessmentSheet s : printed) {
            s.vetoReasons().forEach(v -> vetoes.add(SummaryColumns.assessmentLabel(s.assessment()) + "一票否决：" + v));
        }
        List<String> notApplicable = new ArrayList<>();
        if (response.disclosure() != null && !response.disclosure().applicable()) {
            notApplicable.add("政务（信息）公开考核不适用于" + SummaryColumns.categoryLabel(rulebook, response.category()) + "。");
        }
        if (response.efficiency() != null && !response.efficiency().applicable()) {
            notApplicable.add("效能建设考核不适用于" + SummaryColumns.categoryLabel(rulebook, response.category()) + "。");
        }
        for (AssessmentSheet s : printed) {
            String key = s.assessment().jsonName();
            List<Line> lines = s.lines().stream().map(l -> new Line(l.number(), l.code(), l.name(), Numbers.plain(l.max()),
                    l.criteria(), Numbers.plain(l.selfScore()), Numbers.plain(l.score()), byItem.getOrDefault(l.code(), List.of()),
                    cells(s, l))).toList();
            List<TableLayout.Role> roles = s.columns().stream().map(TableLayout.Column::role).toList();
            int maxAt = Math.max(1, roles.indexOf(TableLayout.Role.MAX));
            List<String> tail = new ArrayList<>();
            for (int i = maxAt + 1; i < roles.size(); i++) {
                tail.add(switch (roles.get(i)) {
                    case SELF -> Numbers.plain(s.selfTotal());
                    case SCORE -> Numbers.plain(s.score());
                    default -> "";
                });
            }
            List<Portion> portions = List.of();
            List<Channel> channels = List.of();
            if (key.equals("information")) {
                portions = portions(response.information());
                channels = tallies.entrySet().stream().map(e -> channel(e.getKey(), tallyLevels.get(e.getKey()), e.getValue())).toList();
            }
            sheets.add(new Sheet(key, s.title(), s.headings(), lines, Numbers.plain(s.max()), Numbers.plain(s.score()),
                    Numbers.signed(s.contribution()), s.vetoed(), byAssessment.getOrDefault(key, List.of()), portions, channels,
                    Numbers.plain(s.selfTotal()), roles.size() - 1, maxAt, List.copyOf(tail)));
        }
        boolean progress = CirculationReport.progress(response);
        String progressNote = progress ? "进度考评：政务信息采用情况统计至 " + response.information().adoption().asOf()
                + "，不是年度考评结果，不计入年度通报。" : null;
        return new RecordSheet(record.id(), response.unit(), SummaryColumns.categoryLabel(rulebook, response.category()), response.year(),
                record.rulebookVersion(), rulebook == null ? null : rulebook.version(), Numbers.time(record.recordedAt()),
                record.recordedBy(), record.serviceVersion(), record.batchId(), List.copyOf(sheets),
                Numbers.signed(response.totalContribution()), List.copyOf(selfScore), chain, record.kind().chinese(), progressNote,
                List.copyOf(vetoes), List.copyOf(notApplicable));
    }

    /** A line's cells in the table's column order; a line sharing its 序号 with the line above leaves 序号 and name blank. */
    private static List<Cell> cells(AssessmentSheet sheet, AssessmentSheet.Line line) {
        List<Cell> cells = new ArrayList<>();
        for (TableLayout.Column c : sheet.columns()) {
            Object value = line.cell(c.role());
            boolean continued = line.span() == 0 && (c.role() == TableLayout.Role.NUMBER || c.role() == TableLayout.Role.NAME);
            String text = continued ? "" : value instanceof BigDecimal d ? Numbers.plain(d) : value == null ? "" : value.toString();
            String cls = switch (c.role()) {
                case NUMBER -> "no";
                case MAX, SELF -> "num";
                case SCORE -> "num score";
                case CONTENT, CRITERIA, REMARK -> "std";
                case NAME -> "";
            };
            cells.add(new Cell(text, cls, c.role() == TableLayout.Role.NUMBER));
        }
        return List.copyOf(cells);
    }

    static Entry entry(TrailEntry t, int year, String version) {
        String href = "/console/rulebooks/" + year + "/rules?name=" + encode(t.rule()) + "&version=" + encode(version);
        return new Entry(t.seq(), t.rule(), t.clause(), t.kind(), Numbers.effect(t), t.text(), t.source(),
                t.evidence() == null ? List.of() : AssessmentSheet.plain(t.evidence()), t.note(), t.location(), href, t.finding(),
                t.points() == null ? BigDecimal.ZERO : t.points());
    }

    private static Channel channel(String rule, String level, List<Entry> entries) {
        BigDecimal points = BigDecimal.ZERO;
        for (Entry e : entries) {
            // the effect of a TALLY is 计采用分 n 分; the sum is kept from the numbers, not the words
            points = points.add(e.pointsValue());
        }
        return new Channel(rule, level, entries.size(), Numbers.plain(points), entries);
    }

    private static List<Portion> portions(AssessmentResult information) {
        if (information == null || information.adoption() == null) {
            return List.of();
        }
        List<Portion> out = new ArrayList<>();
        if (information.adoption().municipal() != null) {
            out.add(portion("市级采用", information.adoption().municipal()));
        }
        if (information.adoption().provincial() != null) {
            out.add(portion("省级采用", information.adoption().provincial()));
        }
        return out;
    }

    private static Portion portion(String label, PortionResult p) {
        String completion = p.completion() == null ? "" : Numbers.plain(p.completion().movePointRight(2)) + "%";
        String toNext = p.nextTier() == null ? "" : "距 " + p.nextTier() + "% 档还差 " + Numbers.plain(p.pointsToNextTier()) + " 分";
        return new Portion(label, Numbers.plain(p.target()), Numbers.plain(p.earned()), completion, Numbers.plain(p.portion()),
                Numbers.plain(p.score()), p.tier() + "%", toNext);
    }

    private static String level(String level) {
        return level == null ? "" : switch (level) {
            case "MUNICIPAL" -> "市级";
            case "PROVINCIAL" -> "省级";
            default -> level;
        };
    }

    /** Where a record sits in the chain: its hash checked, and linked to its neighbours. */
    static Chain chainOf(cn.panzhihua.scoring.audit.RecordStore records, DecisionRecord record) {
        boolean previousLinked = record.seq() == 1
                ? record.previousHash().equals("0".repeat(64))
                : records.findBySeq(record.seq() - 1).map(p -> p.contentHash().equals(record.previousHash())).orElse(false);
        java.util.Optional<DecisionRecord> next = records.findBySeq(record.seq() + 1);
        Boolean nextLinked = next.map(n -> n.previousHash().equals(record.contentHash())).orElse(null);
        return new Chain(record.seq(), record.previousHash(), record.contentHash(), record.hashMatches(record.previousHash()), previousLinked, nextLinked);
    }

    static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
