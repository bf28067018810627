package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.campaign.CampaignEvents;
import cn.panzhihua.scoring.facts.Adoption;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.problem.FieldError;
import cn.panzhihua.scoring.problem.ProblemException;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.YearParam;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Import of the information section's spreadsheet (CSV) into the ledger. A preview answers every row's
 * outcome (NEW, ALREADY_ENTERED, BLANK or REFUSED) and every problem by row and column, storing nothing.
 * A commit stores every new row in one event of the chain, or nothing when any row is refused; rows
 * already in the ledger (or twice in the file) are skipped, so importing the same file again adds nothing.
 * Each row is checked by the ledger's own checks (those of an evaluation request's adoption).
 */
@ApplicationScoped
public class LedgerImport {

    static final int MAX_ROWS = 50_000;

    @Inject
    Rulebooks rulebooks;

    @Inject
    LedgerService ledger;

    @Inject
    LedgerStore store;

    @Inject
    CampaignEvents events;

    /** A row read and checked: what it would store, if anything. */
    private record Checked(AdoptionViews.ImportRow view, Adoption adoption, String unit) {
    }

    public AdoptionViews.ImportView preview(String yearText, String body) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        Sheet sheet = read(rulebook, body, store.entries(rulebook.year(), null));
        return sheet.view(rulebook.year(), false, null);
    }

    public CampaignEvents.Done commit(String yearText, String body, String who, String key) {
        Rulebook rulebook = YearParam.rulebook(rulebooks, "year", yearText);
        int year = rulebook.year();
        java.util.Optional<CampaignEvents.Done> before = events.earlier(key, who);
        if (before.isPresent()) {
            return before.get();
        }
        Sheet sheet = read(rulebook, body, store.entries(year, null));
        if (sheet.refused() > 0) {
            Checked first = sheet.rows.stream().filter(r -> r.view().outcome().equals("REFUSED")).findFirst().orElseThrow();
            AdoptionViews.CellProblem p = first.view().problems().get(0);
            throw new ProblemException(400, "Rows refused", sheet.refused() + " row(s) cannot be imported, so nothing was stored; the first: row "
                    + first.view().row() + ", column " + p.column() + ": " + p.message(), "row " + first.view().row() + " " + p.column(), p.value(),
                    null, Map.of("preview", sheet.view(year, false, null)));
        }
        List<Checked> fresh = sheet.rows.stream().filter(r -> r.view().outcome().equals("NEW")).toList();
        Map<String, String> ids = new LinkedHashMap<>();
        fresh.forEach(r -> ids.put(UUID.randomUUID().toString(), r.unit()));
        List<String> idList = new ArrayList<>(ids.keySet());
        return events.write(key, who, 200, new CampaignEvents.Step("adoption-import", year, null,
                Map.of("rows", sheet.rows.size(), "added", fresh.size(), "entries", idList), List.of(), null,
                (c, eventId, checkpoint) -> {
                    // read again under the chain's lock: an entry made meanwhile turns a row into a duplicate (409), not a second copy
                    List<LedgerStore.Entry> now = LedgerStore.entries(c, year, null);
                    Map<String, List<LedgerStore.Entry>> byUnit = new HashMap<>();
                    now.forEach(e -> byUnit.computeIfAbsent(e.unit(), u -> new ArrayList<>()).add(e));
                    List<AdoptionViews.ImportRow> stored = new ArrayList<>();
                    for (int i = 0; i < fresh.size(); i++) {
                        Checked r = fresh.get(i);
                        List<LedgerStore.Entry> mine = byUnit.computeIfAbsent(r.unit(), u -> new ArrayList<>());
                        ledger.duplicate(r.adoption(), r.unit(), mine, null);
                        LedgerStore.Entry entry = ledger.entry(c, idList.get(i), year, r.unit(), r.adoption(), null, null, who, eventId);
                        mine.add(entry);
                        AdoptionViews.ImportRow v = r.view();
                        stored.add(new AdoptionViews.ImportRow(v.row(), v.outcome(), v.unit(), v.channel(), v.issue(), v.date(), v.title(), v.notes(),
                                v.problems(), entry.id()));
                    }
                    return sheet.committed(year, stored, eventId);
                }));
    }

    /** The rows of a file with their outcomes. */
    private final class Sheet {
        final List<Checked> rows = new ArrayList<>();
        final Map<String, String> columns = new LinkedHashMap<>();
        List<String> unknown = List.of();

        int count(String outcome) {
            return (int) rows.stream().filter(r -> r.view().outcome().equals(outcome)).count();
        }

        int refused() {
            return count("REFUSED");
        }

        AdoptionViews.ImportView view(int year, boolean committed, String eventId) {
            return new AdoptionViews.ImportView(year, committed, rows.size(), count("NEW"), count("ALREADY_ENTERED"), count("BLANK"), refused(),
                    columns, unknown, rows.stream().map(Checked::view).toList(), eventId);
        }

        AdoptionViews.ImportView committed(int year, List<AdoptionViews.ImportRow> stored, String eventId) {
            Map<Integer, AdoptionViews.ImportRow> byRow = new HashMap<>();
            stored.forEach(r -> byRow.put(r.row(), r));
            List<AdoptionViews.ImportRow> items = rows.stream().map(r -> byRow.getOrDefault(r.view().row(), r.view())).toList();
            return new AdoptionViews.ImportView(year, true, rows.size(), stored.size(), count("ALREADY_ENTERED"), count("BLANK"), 0, columns,
                    unknown, items, eventId);
        }
    }

    private Sheet read(Rulebook rulebook, String body, List<LedgerStore.Entry> ledgerEntries) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badField("", null, "the body is the CSV file: a heading line (单位, 刊物/渠道, 期号, 日期, 标题, 领导批示) and a row per adoption");
        }
        List<List<String>> lines = SheetRows.csv(body);
        // the heading line is the first that names a unit column (a title block may stand above it)
        int headingAt = -1;
        SheetRows.Layout layout = null;
        for (int i = 0; i < Math.min(lines.size(), 10) && headingAt < 0; i++) {
            SheetRows.Layout l = SheetRows.layout(lines.get(i));
            if (l.columns().containsKey("unit")) {
                headingAt = i;
                layout = l;
            }
        }
        if (layout == null || !layout.columns().containsKey("channel") || !layout.columns().containsKey("date")) {
            throw ProblemException.badField("heading", lines.isEmpty() ? null : String.join(",", lines.get(0)),
                    "no heading line with the columns 单位, 刊物/渠道 and 日期 in the first 10 lines (also read: 期号, 标题, 领导批示, 国办采用)");
        }
        if (lines.size() - headingAt - 1 > MAX_ROWS) {
            throw ProblemException.tooLarge("rows", lines.size() - headingAt - 1, "an import has at most " + MAX_ROWS + " rows");
        }
        Sheet sheet = new Sheet();
        List<String> heading = lines.get(headingAt);
        layout.columns().forEach((k, i) -> sheet.columns.put(k, heading.get(i).strip()));
        sheet.unknown = layout.unknown();
        Map<String, List<LedgerStore.Entry>> byUnit = new HashMap<>();
        ledgerEntries.forEach(e -> byUnit.computeIfAbsent(e.unit(), u -> new ArrayList<>()).add(e));
        Map<String, Integer> inFile = new HashMap<>();
        String lastUnit = null;
        for (int i = headingAt + 1; i < lines.size(); i++) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> c : layout.columns().entrySet()) {
                List<String> line = lines.get(i);
                cells.put(c.getKey(), c.getValue() < line.size() ? line.get(c.getValue()) : "");
            }
            SheetRows.Row row = new SheetRows.Row(i + 1, cells);
            if (row.blank()) {
                sheet.rows.add(new Checked(new AdoptionViews.ImportRow(row.line(), "BLANK", null, null, null, null, null, null, null, null), null, null));
                continue;
            }
            // a merged unit cell is exported once, on its first row: the rows below it belong to the same unit
            List<String> notes = new ArrayList<>();
            if (SheetRows.normal(cells.get("unit")).isEmpty() && lastUnit != null) {
                cells.put("unit", lastUnit);
                notes.add("单位 empty (a merged cell): read as " + lastUnit + ", the unit of the row above");
            }
            Checked checked = check(rulebook, row, sheet.columns, notes, byUnit, inFile);
            if (checked.unit() != null) {
                lastUnit = checked.unit();
            }
            sheet.rows.add(checked);
        }
        return sheet;
    }

    private Checked check(Rulebook rulebook, SheetRows.Row row, Map<String, String> columns, List<String> notes,
                          Map<String, List<LedgerStore.Entry>> ledgerByUnit, Map<String, Integer> inFile) {
        Map<String, String> c = row.cells();
        List<AdoptionViews.CellProblem> problems = new ArrayList<>();
        String unit = SheetRows.normal(c.get("unit"));
        String channel = SheetRows.channel(c.get("channel"), rulebook);
        String issue = SheetRows.issue(c.get("issue"));
        String date = SheetRows.date(c.get("date"));
        String title = SheetRows.normal(c.get("title"));
        LeaderInstruction instruction = null;
        Boolean stateCouncil = null;
        try {
            instruction = SheetRows.instruction(c.get("leaderInstruction"));
        } catch (IllegalArgumentException e) {
            problems.add(new AdoptionViews.CellProblem(columns.get("leaderInstruction"), c.get("leaderInstruction"),
                    "领导批示 is blank or 无, 市级 (a municipal leader) or 省级 (provincial or above), not '" + c.get("leaderInstruction") + "'", null));
        }
        try {
            stateCouncil = SheetRows.yes(c.get("stateCouncilAdopted"));
        } catch (IllegalArgumentException e) {
            problems.add(new AdoptionViews.CellProblem(columns.get("stateCouncilAdopted"), c.get("stateCouncilAdopted"),
                    "国办采用 is 是 or blank, not '" + c.get("stateCouncilAdopted") + "'", null));
        }
        if (rulebook.unit(unit).isEmpty()) {
            String suggested = closest(unit, rulebook);
            if (suggested != null) {
                notes.add("单位 '" + unit + "' read as " + suggested + " (the one closest name in table C)");
                unit = suggested;
            }
        }
        AdoptionViews.EntryRequest request = new AdoptionViews.EntryRequest(unit, channel, issue == null ? null : TextNode.valueOf(issue), date,
                title.isEmpty() ? null : title, instruction, stateCouncil);
        Adoption adoption = null;
        try {
            adoption = ledger.check(request, rulebook);
        } catch (ProblemException e) {
            for (Object o : e.toProblem(null).errors()) {
                if (o instanceof FieldError f) {
                    String column = columns.getOrDefault(f.field(), f.field());
                    problems.add(new AdoptionViews.CellProblem(column, f.value(), f.message(), f.suggestions()));
                }
            }
        }
        String outcome;
        String existing = null;
        if (!problems.isEmpty() || adoption == null) {
            outcome = "REFUSED";
            adoption = null;
        } else {
            try {
                ledger.duplicate(adoption, unit, ledgerByUnit.getOrDefault(unit, List.of()), null);
                String key = unit + "\u0000" + adoption.channel().code() + "\u0000" + adoption.issue()
                        + (adoption.channel().perIssue() && adoption.issue() != null ? "" : "\u0000" + adoption.title());
                Integer first = inFile.putIfAbsent(key, row.line());
                if (first != null) {
                    outcome = "ALREADY_ENTERED";
                    notes.add("the same adoption as row " + first + " of this file: counted once");
                    adoption = null;
                } else {
                    outcome = "NEW";
                }
            } catch (ProblemException e) {
                outcome = "ALREADY_ENTERED";
                existing = String.valueOf(e.toProblem(null).value());
                notes.add("already in the ledger as entry " + existing);
                adoption = null;
            }
        }
        return new Checked(new AdoptionViews.ImportRow(row.line(), outcome, unit.isEmpty() ? null : unit, channel, issue, date,
                title.isEmpty() ? null : title, notes.isEmpty() ? null : List.copyOf(notes), problems.isEmpty() ? null : problems, existing),
                adoption, rulebook.unit(unit).isPresent() ? unit : null);
    }

    /** The one closest unit name the evaluation's own check suggests for a name not in table C, if there is exactly one. */
    private static String closest(String unit, Rulebook rulebook) {
        if (unit.isEmpty()) {
            return null;
        }
        try {
            cn.panzhihua.scoring.evaluation.RequestValidator.requireUnit(unit, rulebook);
        } catch (ProblemException e) {
            for (Object o : e.toProblem(null).errors()) {
                if (o instanceof FieldError f && f.suggestions() != null && f.suggestions().size() == 1) {
                    return f.suggestions().get(0);
                }
            }
        }
        return null;
    }
}
