package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Item;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads one year folder of rules-drl/ into a {@link Rulebook}: its manifest, units, items and
 * clause list, then its DRL files, and checks that rules and clause list agree. Anything wrong
 * fails the load with the file and line at fault.
 */
public final class RulebookLoader {

    static final String MANIFEST = "rulebook.properties";
    /** Scenario files live beside the rules but cannot change a result, so they are not hashed. */
    static final String SCENARIO_SUFFIX = ".scenarios.json";

    private RulebookLoader() {
    }

    public static Rulebook load(Path folder) {
        String year = folder.getFileName().toString();
        Properties manifest = manifest(folder, year);
        int expectedUnits = intProperty(manifest, year, "units.count");
        if (!year.equals(manifest.getProperty("year"))) {
            throw new RulebookException(year + "/" + MANIFEST, 0, "year=" + manifest.getProperty("year") + " but the folder is " + year);
        }
        Map<String, UnitRow> units = UnitsFile.read(folder.resolve(UnitsFile.NAME), year + "/" + UnitsFile.NAME, expectedUnits);
        List<Item> items = ItemsFile.read(folder.resolve(ItemsFile.NAME), year + "/" + ItemsFile.NAME);
        Map<String, Clause> clauses = ClausesFile.read(folder.resolve(ClausesFile.NAME), year + "/" + ClausesFile.NAME,
                items.stream().map(Item::code).collect(Collectors.toSet()));

        List<Path> files = files(folder);
        List<DrlCompiler.Source> sources = new ArrayList<>();
        for (Path file : files) {
            if (file.toString().endsWith(".drl")) {
                sources.add(new DrlCompiler.Source(year + "/" + relative(folder, file), read(file)));
            }
        }
        if (sources.isEmpty()) {
            throw new RulebookException(year, 0, "has no .drl files");
        }
        DrlCompiler.Result compiled = DrlCompiler.compile(sources);
        if (!compiled.ok()) {
            throw new RulebookException("rulebook " + year + " does not compile", compiled.errors());
        }
        List<RuleInfo> rules = catalogue(compiled.kieBase(), sources);
        checkAgainstClauseList(year, rules, clauses);

        String sha256 = hash(folder, files);
        return new Rulebook(Integer.parseInt(year), year + "-" + sha256.substring(0, 12), sha256,
                manifest.getProperty("title", ""), manifest.getProperty("document", ""), compiled.kieBase(),
                Collections.unmodifiableMap(units), items, Collections.unmodifiableMap(clauses), rules,
                files.stream().map(f -> relative(folder, f)).filter(f -> !f.endsWith(SCENARIO_SUFFIX)).toList(), Instant.now());
    }

    private static Properties manifest(Path folder, String year) {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new RulebookException(year + "/" + MANIFEST, 0, "missing: every rulebook folder needs one");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static int intProperty(Properties properties, String year, String key) {
        try {
            return Integer.parseInt(properties.getProperty(key, "").strip());
        } catch (NumberFormatException e) {
            throw new RulebookException(year + "/" + MANIFEST, 0, key + " must be a whole number, not '" + properties.getProperty(key) + "'");
        }
    }

    /** Every regular, non-hidden file below the folder, in a fixed order. */
    static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> relative(folder, p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 over each hashed file's relative path and bytes, in path order. */
    static String hash(Path folder, List<Path> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                String name = relative(folder, file);
                if (name.endsWith(SCENARIO_SUFFIX)) {
                    continue;
                }
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RuleInfo> catalogue(KieBase kieBase, List<DrlCompiler.Source> sources) {
        Map<String, Located> where = RuleLocator.locate(sources);
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Map<String, Object> meta = rule.getMetaData();
                Located at = where.getOrDefault(pkg.getName() + "/" + rule.getName(), new Located("?", 0));
                rules.add(new RuleInfo(rule.getName(), pkg.getName(), text(meta, "clause"), text(meta, "findingCode"),
                        text(meta, "channel"), text(meta, "source"), text(meta, "text"), text(meta, "note"), at.file(), at.line()));
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
            for (String key : List.of("clause", "source", "text")) {
                String value = switch (key) {
                    case "clause" -> rule.clause();
                    case "source" -> rule.source();
                    default -> rule.text();
                };
                if (value == null || value.isBlank()) {
                    problems.add(new RulebookProblem(rule.file(), rule.line(), 0, "rule \"" + rule.name() + "\" has no @" + key + " metadata"));
                }
            }
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
            if (!covered.contains(clause.code())) {
                problems.add(new RulebookProblem(year + "/" + ClausesFile.NAME, 0, 0, "clause " + clause.code() + " has no rule"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulebookException("rulebook " + year + " and its clause list disagree", problems);
        }
    }

    record Located(String file, int line) {
    }

    /** Finds where each rule is written, which the compiled KieBase does not keep. */
    static final class RuleLocator {

        private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
        private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)");

        static Map<String, Located> locate(List<DrlCompiler.Source> sources) {
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
}
