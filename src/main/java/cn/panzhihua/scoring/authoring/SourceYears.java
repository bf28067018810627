package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.Tier;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookException;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.Table;
import cn.panzhihua.scoring.rulebook.TableLayout;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A warning the gate gives (issue 23 section 5): a year's rulebook whose sources name another year,
 * such as a 2017 copy still citing "2016年政务信息工作考核细则" in its rules or 攀办函〔2016〕104号 in
 * its manifest. A warning, not a failure: a year may rightly cite an earlier document.
 */
final class SourceYears {

    /** A year as documents write it: 2016年, 〔2016〕, [2016]. */
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})(?=\\s*年|〕|\\])");

    private SourceYears() {
    }

    static List<RulebookProblem> warnings(Rulebook rulebook) {
        List<RulebookProblem> warnings = new ArrayList<>();
        String year = String.valueOf(rulebook.year());
        check(warnings, year, rulebook.source().display("rulebook.properties"), 0, "title", rulebook.title());
        check(warnings, year, rulebook.source().display("rulebook.properties"), 0, "document", rulebook.document());
        for (RuleInfo rule : rulebook.rules()) {
            check(warnings, year, rule.file(), rule.line(), "rule \"" + rule.name() + "\" @source", rule.source());
        }
        for (Tier tier : rulebook.tiers()) {
            check(warnings, year, rulebook.source().display("tiers.tsv"), 0, "tier " + tier.item() + " " + tier.threshold() + "% source", tier.source());
        }
        for (Channel channel : rulebook.channels()) {
            check(warnings, year, rulebook.source().display("channels.tsv"), 0, "channel " + channel.code() + " source", channel.source());
        }
        for (Table table : rulebook.tables()) {
            check(warnings, year, rulebook.source().display("tables.tsv"), 0, "table title", table.title());
            try {
                TableLayout.of(rulebook, table).ifPresent(layout -> layout.rows().forEach(row -> row.cells().values().forEach(text ->
                        check(warnings, year, rulebook.source().display(layout.file()), row.line(), "row " + row.item(), text))));
            } catch (RulebookException e) {
                // a malformed layout is the table check's failure, not a warning
            }
        }
        return warnings;
    }

    private static void check(List<RulebookProblem> warnings, String year, String file, int line, String what, String text) {
        if (text == null) {
            return;
        }
        Set<String> others = new LinkedHashSet<>();
        Matcher m = YEAR.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(year)) {
                others.add(m.group(1));
            }
        }
        if (!others.isEmpty()) {
            warnings.add(new RulebookProblem(file, line, 0, what + " names " + String.join(", ", others) + " in a " + year
                    + " rulebook: \"" + text + "\" (a copy of last year's folder? see docs/authoring.md, starting a new year)"));
        }
    }
}
