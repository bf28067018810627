package cn.panzhihua.scoring.rulebook;

import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.ParserError;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.jci.CompilationProblem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles DRL text into a KieBase, one DRL package at a time: a package whose files are unchanged
 * is taken from a {@link PackageStore} (the previous compile in memory, or the authenticated
 * compiled-rules cache) instead of being compiled again, so an edit recompiles only its own package.
 * Compiler messages are mapped back to the author's files, lines and columns: parser errors carry
 * the column the parser names, an unbalanced parenthesis is reported where it was opened, and an
 * error in a rule's Java consequence at the DRL line of the statement.
 */
public final class DrlCompiler {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
    private static final Pattern PARSER_POSITION = Pattern.compile("^\\[ERR \\d+] Line (\\d+):(\\d+)\\s*");
    private static final Pattern UNANALYSABLE = Pattern.compile("Unable to Analyse Expression (.+?):", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern UNRESOLVED = Pattern.compile("^(\\S+) cannot be resolved");
    private static final String NULL_PACKAGE = "Parser returned a null Package";
    /**
     * Lines the Java rule-class template puts between the line it records as the consequence
     * offset and the consequence's own first line (the method signature, the kcontext and drools
     * locals); the consequence text then starts on the line of "then".
     */
    private static final int CONSEQUENCE_PREAMBLE = 3;

    /** A DRL source: the name to report it under and its text. */
    public record Source(String file, String text) {
    }

    /**
     * The outcome: a KieBase when nothing is at ERROR level, and every message either way.
     * {@code packageKeys} names the compiled packages (see {@link PackageStore}) the KieBase is made of.
     */
    public record Result(KieBase kieBase, List<RulebookProblem> errors, List<RulebookProblem> warnings, List<String> packageKeys) {

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Compiled DRL packages by key: a SHA-256 over the package's name, its files and the build that compiled them. */
    public interface PackageStore {

        Optional<KiePackage> find(String key);

        void keep(String key, KiePackage compiled);

        PackageStore NONE = new PackageStore() {
            @Override
            public Optional<KiePackage> find(String key) {
                return Optional.empty();
            }

            @Override
            public void keep(String key, KiePackage compiled) {
            }
        };
    }

    /** Threads that compile DRL packages side by side; daemons, so a tool's process can end without closing them. */
    private static final ExecutorService COMPILERS = Executors.newFixedThreadPool(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), r -> {
        Thread thread = new Thread(r, "drl-compiler");
        thread.setDaemon(true);
        return thread;
    });

    private DrlCompiler() {
    }

    /**
     * Runs work with the caller's context class loader. Pool threads keep the one they were created
     * under (in a test JVM, possibly an earlier application's), and Drools finds its services through it.
     */
    public static <T> T underLoader(ClassLoader loader, java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public static Result compile(List<Source> sources) {
        return compile(sources, PackageStore.NONE, "");
    }

    /**
     * @param build what else the compiled classes depend on (the application's classes, Drools, Java):
     *              part of every package key, so a new build never reads an old build's packages
     */
    public static Result compile(List<Source> sources, PackageStore store, String build) {
        // The vocabulary gate, before anything of the DRL is compiled or run; what is compiled is what it checked.
        Map<Source, VocabularyGate.Checked> checked = new LinkedHashMap<>();
        List<RulebookProblem> refused = new ArrayList<>();
        for (Source source : sources) {
            VocabularyGate.Checked check = VocabularyGate.check(source);
            checked.put(source, check);
            refused.addAll(check.refusals());
            if (!check.parserErrors().isEmpty()) {
                refused.addAll(parserProblems(check));
            }
        }
        if (!refused.isEmpty()) {
            return new Result(null, refused, List.of(), List.of());
        }
        Map<String, List<Source>> byPackage = new LinkedHashMap<>();
        for (Source source : sources) {
            Matcher m = PACKAGE.matcher(source.text());
            byPackage.computeIfAbsent(m.find() ? m.group(1) : "", p -> new ArrayList<>()).add(source);
        }
        ClassLoader classLoader = RememberingClassLoader.forApplication();
        List<KiePackage> packages = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<RulebookProblem> errors = new ArrayList<>();
        List<RulebookProblem> warnings = new ArrayList<>();
        boolean unresolved = false;
        // Packages not kept from an earlier compile are compiled side by side: they share nothing but the classes they read.
        Map<String, CompletableFuture<Built>> compiling = new LinkedHashMap<>();
        Map<String, String> keyOf = new LinkedHashMap<>();
        Map<String, KiePackage> kept = new LinkedHashMap<>();
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        for (Map.Entry<String, List<Source>> unit : byPackage.entrySet()) {
            String key = key(unit.getKey(), unit.getValue(), build);
            keyOf.put(unit.getKey(), key);
            Optional<KiePackage> found = store.find(key);
            if (found.isPresent()) {
                kept.put(unit.getKey(), found.get());
            } else {
                compiling.put(unit.getKey(), CompletableFuture.supplyAsync(() -> underLoader(caller, () -> build(unit.getValue(), checked, classLoader)),
                        COMPILERS));
            }
        }
        for (String unit : byPackage.keySet()) {
            if (kept.containsKey(unit)) {
                packages.add(kept.get(unit));
                keys.add(keyOf.get(unit));
                continue;
            }
            Built built = compiling.get(unit).join();
            warnings.addAll(built.warnings());
            if (!built.errors().isEmpty()) {
                errors.addAll(built.errors());
                unresolved |= built.errors().stream().anyMatch(e -> e.message().contains("Unable to resolve"));
                continue;
            }
            // Defence in depth: what the compiler generated is read before it may serve or run.
            Optional<GeneratedClassCheck.Refusal> refusal = GeneratedClassCheck.check(built.packages());
            if (refusal.isPresent()) {
                errors.add(new RulebookProblem(byPackage.get(unit).get(0).file(), 1, 1, "the compiled rules of package " + unit
                        + " refer to " + refusal.get().reference().replace('/', '.') + ", which no rule may use; nothing of them is run"));
                continue;
            }
            for (KiePackage pkg : built.packages()) {
                if (pkg.getName().equals(unit)) {
                    store.keep(keyOf.get(unit), pkg);
                }
            }
            packages.addAll(built.packages());
            keys.add(keyOf.get(unit));
        }
        if (unresolved) {
            // A type or function of another DRL package (a declare): only a compile of everything together can tell.
            Built together = build(sources, checked, classLoader);
            if (!together.errors().isEmpty()) {
                return new Result(null, together.errors(), together.warnings(), List.of());
            }
            Optional<GeneratedClassCheck.Refusal> refusal = GeneratedClassCheck.check(together.packages());
            if (refusal.isPresent()) {
                return new Result(null, List.of(new RulebookProblem(sources.get(0).file(), 1, 1, "the compiled rules refer to "
                        + refusal.get().reference().replace('/', '.') + ", which no rule may use; nothing of them is run")), List.of(), List.of());
            }
            return new Result(kieBase(together.packages(), classLoader), List.of(), together.warnings(), List.of());
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors, warnings, List.of());
        }
        return new Result(kieBase(packages, classLoader), List.of(), warnings, List.copyOf(keys));
    }

    /** A KieBase of compiled packages, with the class loader rulebooks are compiled with. */
    public static KieBase kieBase(Collection<KiePackage> packages, ClassLoader classLoader) {
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                KieServices.Factory.get().newKieBaseConfiguration(new Properties(), classLoader));
        kieBase.addPackages(packages);
        return kieBase;
    }

    private record Built(Collection<KiePackage> packages, List<RulebookProblem> errors, List<RulebookProblem> warnings) {
    }

    /** The parser's own errors for a file the gate could not read, placed as the compiler would place them. */
    private static List<RulebookProblem> parserProblems(VocabularyGate.Checked check) {
        Map<String, String> texts = Map.of(check.source().file(), check.source().text());
        List<RulebookProblem> errors = new ArrayList<>();
        for (KnowledgeBuilderResult result : check.parserErrors()) {
            errors.addAll(problems(result, texts, check.source().file()));
        }
        List<RulebookProblem> out = new ArrayList<>();
        Parentheses.unbalanced(check.source().text())
                .ifPresent(p -> out.add(new RulebookProblem(check.source().file(), p.line(), p.column(), p.message())));
        out.addAll(errors);
        return out;
    }

    private static Built build(List<Source> sources, Map<Source, VocabularyGate.Checked> checked, ClassLoader classLoader) {
        KnowledgeBuilderConfiguration configuration = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, classLoader);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(configuration);
        CompositeKnowledgeBuilder batch = builder.batch();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Source source : sources) {
            texts.put(source.file(), source.text());
            // The descriptors the gate checked are compiled, not the text: nothing is read twice.
            VocabularyGate.Checked check = checked.get(source);
            Resource descr = ResourceFactory.newDescrResource(check.descr());
            descr.setSourcePath(source.file());
            batch.add(descr, ResourceType.DESCR);
        }
        batch.build();
        List<RulebookProblem> errors = new ArrayList<>();
        List<RulebookProblem> warnings = new ArrayList<>();
        for (KnowledgeBuilderResult result : builder.getResults(ResultSeverity.ERROR)) {
            errors.addAll(problems(result, texts, sources.size() == 1 ? sources.get(0).file() : null));
        }
        for (KnowledgeBuilderResult result : builder.getResults(ResultSeverity.WARNING)) {
            warnings.addAll(problems(result, texts, null));
        }
        errors = withParenthesesFirst(errors, texts);
        return new Built(errors.isEmpty() ? builder.getKnowledgePackages() : List.of(), errors, warnings);
    }

    /** One message as the author's problems: a consequence error may hold several, each at its own line. */
    private static List<RulebookProblem> problems(KnowledgeBuilderResult result, Map<String, String> texts, String onlyFile) {
        String file = result.getResource() != null && result.getResource().getSourcePath() != null
                ? result.getResource().getSourcePath() : onlyFile == null ? "(rulebook)" : onlyFile;
        String message = result.getMessage() == null ? "" : result.getMessage().strip();
        int line = result.getLines() != null && result.getLines().length > 0 ? Math.max(result.getLines()[0], 0) : 0;
        if (result instanceof ParserError) {
            Matcher position = PARSER_POSITION.matcher(message);
            if (position.find()) {
                // The parser's own position; its column counts from 0, editors count from 1.
                return List.of(new RulebookProblem(file, Integer.parseInt(position.group(1)), Integer.parseInt(position.group(2)) + 1,
                        message.substring(position.end())));
            }
            return List.of(new RulebookProblem(file, line, 0, message));
        }
        if (result instanceof DescrBuildError error) {
            BaseDescr descr = error.getDescr();
            String ruleName = descr instanceof RuleDescr r ? r.getName() : null;
            if (error.getObject() instanceof CompilationProblem[] compiled && descr instanceof RuleDescr rule && compiled.length > 0) {
                List<RulebookProblem> each = new ArrayList<>();
                for (CompilationProblem problem : compiled) {
                    int drlLine = rule.getConsequenceLine() + problem.getStartLine() - (rule.getConsequenceOffset() + CONSEQUENCE_PREAMBLE);
                    if (drlLine < rule.getConsequenceLine() || drlLine > rule.getEndLine() && rule.getEndLine() > 0) {
                        drlLine = line; // not the consequence (e.g. an accumulate expression): the rule's own line
                    }
                    String text = problem.getMessage();
                    // "insert ')' to complete …": what is missing belongs at the end of the statement's line.
                    int column = text.contains("insert") ? endOf(texts.get(file), drlLine) : column(texts.get(file), drlLine, 0, token(text));
                    each.add(new RulebookProblem(file, drlLine, column, "rule \"" + ruleName + "\": " + text));
                }
                return each;
            }
            int column = descr == null ? 0 : Math.max(descr.getColumn(), 0) + 1;
            if (descr != null && descr.getLine() > 0) {
                line = descr.getLine();
            }
            Matcher expression = UNANALYSABLE.matcher(message);
            if (expression.find()) {
                column = column(texts.get(file), line, column - 1, expression.group(1).strip());
            }
            String prefix = ruleName != null ? "rule \"" + ruleName + "\": " : "";
            return List.of(new RulebookProblem(file, line, column, prefix + message.replaceFirst("^Rule Compilation error\\s*", "")));
        }
        return List.of(new RulebookProblem(file, line, 0, message));
    }

    /** What a compiler message is about, to find it on the line: a quoted token, or the name that cannot be resolved. */
    private static String token(String message) {
        Matcher unresolved = UNRESOLVED.matcher(message);
        if (unresolved.find()) {
            return unresolved.group(1);
        }
        Matcher quoted = QUOTED.matcher(message);
        return quoted.find() ? quoted.group(1) : null;
    }

    /** The 1-based column just after the last character of {@code line} that is not a space (0 when unknown). */
    static int endOf(String text, int line) {
        if (text == null || line <= 0) {
            return 0;
        }
        String[] lines = text.split("\n", -1);
        return line > lines.length ? 0 : lines[line - 1].stripTrailing().length() + 1;
    }

    /** The 1-based column of {@code token} on {@code line} at or after {@code from} (0-based), or 0 when it is not there. */
    static int column(String text, int line, int from, String token) {
        if (text == null || token == null || token.isEmpty() || line <= 0) {
            return from > 0 ? from + 1 : 0;
        }
        String[] lines = text.split("\n", -1);
        if (line > lines.length) {
            return 0;
        }
        String at = lines[line - 1];
        int found = at.indexOf(token, Math.min(Math.max(from, 0), at.length()));
        if (found < 0) {
            found = at.indexOf(token);
        }
        return found < 0 ? (from > 0 ? from + 1 : 0) : found + 1;
    }

    /**
     * Where the parser gave up, a missing or extra parenthesis is usually the cause, and the parser
     * names the line after it ("mismatched input"), followed by "Parser returned a null Package".
     * Say where the parenthesis is, and drop the message that only says parsing failed.
     */
    private static List<RulebookProblem> withParenthesesFirst(List<RulebookProblem> errors, Map<String, String> texts) {
        List<RulebookProblem> out = new ArrayList<>();
        for (Map.Entry<String, String> file : texts.entrySet()) {
            boolean parserFailed = errors.stream().anyMatch(e -> e.file().equals(file.getKey()) && e.message().contains(NULL_PACKAGE));
            if (parserFailed) {
                Parentheses.unbalanced(file.getValue()).ifPresent(p -> out.add(new RulebookProblem(file.getKey(), p.line(), p.column(), p.message())));
            }
        }
        for (RulebookProblem error : errors) {
            boolean onlyThatParsingFailed = error.message().contains(NULL_PACKAGE)
                    && errors.stream().anyMatch(e -> e != error && e.file().equals(error.file()));
            if (!onlyThatParsingFailed) {
                out.add(error);
            }
        }
        return out;
    }

    private static String key(String packageName, List<Source> sources, String build) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("drl-package\0" + packageName + "\0" + build + "\0").getBytes(StandardCharsets.UTF_8));
            for (Source source : sources) {
                sha.update((source.file() + "\0").getBytes(StandardCharsets.UTF_8));
                sha.update(source.text().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
