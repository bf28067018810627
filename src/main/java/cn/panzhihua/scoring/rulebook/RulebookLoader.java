package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.Line;
import cn.panzhihua.scoring.facts.Tier;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a {@link Rulebook} from one year folder of rules-drl/: its manifest, units, items and
 * clause list, then its DRL files, and checks that rules and clause list agree. Anything wrong
 * fails the load with the file and line at fault.
 */
public final class RulebookLoader {

    static final String MANIFEST = "rulebook.properties";

    private RulebookLoader() {
    }

    public static Rulebook load(Path folder) {
        return load(folder, CompiledRulesCache.NONE);
    }

    /** Loads a folder, taking the compiled packages whose DRL did not change from {@code cache}. */
    public static Rulebook load(Path folder, CompiledRulesCache cache) {
        return build(RulebookSource.read(folder), cache);
    }

    public static Rulebook build(RulebookSource source) {
        return build(source, CompiledRulesCache.NONE);
    }

    public static Rulebook build(RulebookSource source, CompiledRulesCache cache) {
        String year = source.year();
        if (!year.matches("\\d{4}")) {
            throw new RulebookException(year, 0, "a rulebook folder is named after its year, such as 2016");
        }
        Properties manifest = manifest(source);
        if (!year.equals(manifest.getProperty("year"))) {
            throw new RulebookException(source.display(MANIFEST), 0, "year=" + manifest.getProperty("year") + " but the folder is " + year);
        }
        int expectedUnits = intProperty(manifest, source.display(MANIFEST), "units.count");
        List<Table> tables = TablesFile.read(required(source, TablesFile.NAME), source.display(TablesFile.NAME));
        Map<String, Category> categories = CategoriesFile.read(required(source, CategoriesFile.NAME), source.display(CategoriesFile.NAME), tables);
        Map<String, UnitRow> units = UnitsFile.read(required(source, UnitsFile.NAME), source.display(UnitsFile.NAME), expectedUnits, categories);
        List<Item> items = ItemsFile.read(required(source, ItemsFile.NAME), source.display(ItemsFile.NAME));
        Map<String, Item> itemsByCode = new LinkedHashMap<>();
        items.forEach(i -> itemsByCode.put(i.code(), i));
        Map<String, Clause> clauses = ClausesFile.read(required(source, ClausesFile.NAME), source.display(ClausesFile.NAME), itemsByCode.keySet());
        Map<String, Channel> channels = ChannelsFile.read(required(source, ChannelsFile.NAME), source.display(ChannelsFile.NAME), itemsByCode);
        List<Tier> tiers = TiersFile.read(required(source, TiersFile.NAME), source.display(TiersFile.NAME), itemsByCode);
        for (Channel channel : channels.values()) {
            if (clauses.containsKey(channel.code())) {
                throw new RulebookException(source.display(ChannelsFile.NAME), 0, "channel " + channel.code() + " is also a clause code in "
                        + ClausesFile.NAME + "; a caller could not tell them apart");
            }
            clauses.put(channel.code(), new Clause(channel.code(), channel.assessment(), channel.item(), Clause.Kind.CHANNEL,
                    Clause.Input.CHANNEL, channel.points(), true, channel.name()));
        }
        List<Line> lines = lines(clauses, source.display(ClausesFile.NAME));

        List<DrlCompiler.Source> drl = drlSources(source);
        if (drl.isEmpty()) {
            throw new RulebookException(year, 0, "has no .drl files");
        }
        String sha256 = source.sha256();
        DrlCompiler.Result compiled = DrlCompiler.compile(drl, cache, cache.build());
        if (!compiled.ok()) {
            throw new RulebookException("rulebook " + year + " does not compile", compiled.errors());
        }
        KieBase kieBase = compiled.kieBase();
        List<RuleInfo> rules = catalogue(kieBase, drl);
        checkAgainstClauseList(year, rules, clauses);

        return new Rulebook(Integer.parseInt(year), year + "-" + sha256.substring(0, 12), sha256,
                manifest.getProperty("title", ""), manifest.getProperty("document", ""), kieBase,
                Collections.unmodifiableMap(units), Collections.unmodifiableMap(categories), tables, items,
                Collections.unmodifiableMap(clauses), lines, Collections.unmodifiableMap(channels), tiers, rules, source, Instant.now(),
                compiled.packageKeys(), new Rulebook.Sessions(kieBase, rules));
    }

    /**
     * The lines whose points the rules read: every clause that moves points on an item. A finding on
     * another line (I-2.1-DUP) is named in the trail by the one LINE clause of its item.
     */
    private static List<Line> lines(Map<String, Clause> clauses, String displayName) {
        List<Line> lines = new ArrayList<>();
        for (Clause clause : clauses.values()) {
            if (clause.points() == null || clause.kind() == Clause.Kind.CHANNEL) {
                continue;
            }
            String trailClause = clause.code();
            if (clause.kind() == Clause.Kind.FINDING) {
                List<Clause> onItem = clauses.values().stream()
                        .filter(c -> c.kind() == Clause.Kind.LINE && clause.item().equals(c.item())).toList();
                if (onItem.size() != 1) {
                    throw new RulebookException(displayName, 0, "finding " + clause.code() + " is on item " + clause.item() + ", which has "
                            + onItem.size() + " LINE clauses: the trail names a finding by the one line of its item");
                }
                trailClause = onItem.get(0).code();
            }
            lines.add(new Line(clause.code(), trailClause, clause.assessment(), clause.item(), clause.points(), clause.counted()));
        }
        return List.copyOf(lines);
    }

    /** The rulebook's DRL files, in path order, under the names problems are reported with. */
    private static List<DrlCompiler.Source> drlSources(RulebookSource source) {
        List<DrlCompiler.Source> drl = new ArrayList<>();
        source.files().forEach((name, text) -> {
            if (name.endsWith(".drl")) {
                drl.add(new DrlCompiler.Source(source.display(name), text));
            }
        });
        return drl;
    }

    private static String required(RulebookSource source, String name) {
        return source.file(name).orElseThrow(() -> new RulebookException(source.display(name), 0, "missing: every rulebook folder needs one"));
    }

    private static Properties manifest(RulebookSource source) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(required(source, MANIFEST)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static int intProperty(Properties properties, String file, String key) {
        try {
            return Integer.parseInt(properties.getProperty(key, "").strip());
        } catch (NumberFormatException e) {
            throw new RulebookException(file, 0, key + " must be a whole number, not '" + properties.getProperty(key) + "'");
        }
    }

    private static List<RuleInfo> catalogue(KieBase kieBase, List<DrlCompiler.Source> sources) {
        Map<String, Located> where = locate(sources);
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Map<String, Object> meta = rule.getMetaData();
                Located at = where.getOrDefault(pkg.getName() + "/" + rule.getName(), new Located("?", 0));
                rules.add(new RuleInfo(rule.getName(), pkg.getName(), text(meta, "clause"), text(meta, "findingCode"),
                        text(meta, "channel"), text(meta, "source"), text(meta, "text"), text(meta, "note"), text(meta, "unreachable"),
                        text(meta, "quotes"), text(meta, "level"), at.file(), at.line()));
            }
        }
        rules.sort(Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line));
        return List.copyOf(rules);
    }

    private static String text(Map<String, Object> meta, String key) {
        Object value = meta.get(key);
        return value == null ? null : value.toString();
    }

    /** Every rule carries clause, source and text; each names a listed code; every listed code has a rule. */
    private static void checkAgainstClauseList(String year, List<RuleInfo> rules, Map<String, Clause> clauses) {
        List<RulebookProblem> problems = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (RuleInfo rule : rules) {
            Map<String, String> required = new java.util.LinkedHashMap<>();
            required.put("clause", rule.clause());
            required.put("source", rule.source());
            required.put("text", rule.text());
            required.forEach((key, value) -> {
                if (value == null || value.isBlank()) {
                    problems.add(new RulebookProblem(rule.file(), rule.line(), 0, "rule \"" + rule.name() + "\" has no @" + key + " metadata"));
                }
            });
            for (String code : new String[]{rule.clause(), rule.findingCode(), rule.channel()}) {
                if (code == null) {
                    continue;
                }
                if (!clauses.containsKey(code)) {
                    problems.add(new RulebookProblem(rule.file(), rule.line(), 0,
                            "rule \"" + rule.name() + "\" names clause " + code + ", which " + ClausesFile.NAME + " does not list"));
                }
                covered.add(code);
            }
        }
        for (Clause clause : clauses.values()) {
            // Channels are served by the rules that read the channel table; the gate checks each is exercised.
            if (!covered.contains(clause.code()) && clause.kind() != Clause.Kind.CHANNEL) {
                problems.add(new RulebookProblem(year + "/" + ClausesFile.NAME, 0, 0, "clause " + clause.code() + " has no rule"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulebookException("rulebook " + year + " and its clause list disagree", problems);
        }
    }

    private record Located(String file, int line) {
    }

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)");

    /** Finds where each rule is written, which the compiled KieBase does not keep. */
    private static Map<String, Located> locate(List<DrlCompiler.Source> sources) {
        Map<String, Located> where = new HashMap<>();
        for (DrlCompiler.Source source : sources) {
            String pkg = "";
            String[] lines = source.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher p = PACKAGE.matcher(lines[i]);
                if (p.find()) {
                    pkg = p.group(1);
                }
                Matcher r = RULE.matcher(lines[i]);
                if (r.find()) {
                    where.put(pkg + "/" + r.group(1), new Located(source.file(), i + 1));
                }
            }
        }
        return where;
    }
}
