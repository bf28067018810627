package cn.panzhihua.scoring.rulebook;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.io.Resource;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.io.ResourceFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gate every DRL text passes before anything of it is compiled or run (start-up, reload, the
 * watcher and the poller, validate, impact, the command-line tool: all go through
 * {@link DrlCompiler#compile}). The DRL is parsed once, with the Drools parser, into its descriptors;
 * each descriptor must be part of the rule vocabulary ({@link RuleVocabulary}); the descriptors that
 * pass are what is then compiled (never the text again, so no second reading can differ).
 *
 * <p>A rule matches facts of {@code cn.panzhihua.scoring.facts}, compares and accumulates with the
 * built-in accumulate functions, and inserts facts; its constraints and consequence (Java dialect;
 * MVEL consequences are refused) use only the vocabulary's types, constructors, methods and fields.
 */
public final class VocabularyGate {

    /** Longer DRL files are refused before they are read: the 2016 rulebook's longest is under 12 KB. */
    static final int MAX_FILE_CHARS = 256 * 1024;
    /** Deeper nesting of brackets is refused before parsing: the 2016 rulebook nests 5 deep. */
    static final int MAX_NESTING = 40;

    private static final Pattern SALIENCE = Pattern.compile("-?\\d{1,6}");
    private static final Set<String> FORBIDDEN_PACKAGES = Set.of("java", "javax", "jdk", "sun", "com.sun", "org.drools", "org.kie",
            "org.mvel2", "cn.panzhihua", "io.quarkus", "org.jboss");
    private static final Pattern LITERAL_ANNOTATION = Pattern.compile("\"(?:[^\"\\\\]|\\\\[\"\\\\ntr])*\"|-?\\d{1,9}|true|false");

    /** One DRL file after the gate: what to compile, or why not. */
    public record Checked(DrlCompiler.Source source, PackageDescr descr, Resource resource, List<KnowledgeBuilderResult> parserErrors,
                          List<RulebookProblem> refusals) {

        public boolean passed() {
            return parserErrors.isEmpty() && refusals.isEmpty();
        }
    }

    private final DrlCompiler.Source source;
    private final String text;
    private final int[] lineStarts;
    private final List<RulebookProblem> refusals = new ArrayList<>();
    /** The rule being checked, named in the messages about its code. */
    private String ruleName;

    private VocabularyGate(DrlCompiler.Source source) {
        this.source = source;
        this.text = source.text();
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parses and checks one DRL file. */
    public static Checked check(DrlCompiler.Source source) {
        VocabularyGate gate = new VocabularyGate(source);
        Resource resource = ResourceFactory.newByteArrayResource(source.text().getBytes(StandardCharsets.UTF_8)).setSourcePath(source.file());
        if (source.text().length() > MAX_FILE_CHARS) {
            gate.refuse(1, 1, "this file is " + source.text().length() + " characters long; a DRL file may have at most " + MAX_FILE_CHARS
                    + ": split it");
            return gate.result(null, resource, List.of());
        }
        if (!gate.nestingWithinLimit()) {
            return gate.result(null, resource, List.of());
        }
        DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        PackageDescr descr;
        try {
            descr = parser.parse(resource, source.text());
        } catch (DroolsParserException | RuntimeException | StackOverflowError e) {
            gate.refuse(1, 1, "this file cannot be read as DRL: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return gate.result(null, resource, List.of());
        }
        if (parser.hasErrors() || descr == null) {
            return gate.result(null, resource, List.copyOf(parser.getErrors()));
        }
        gate.packageLevel(descr);
        for (RuleDescr rule : descr.getRules()) {
            gate.rule(rule);
        }
        return gate.result(descr, resource, List.of());
    }

    private Checked result(PackageDescr descr, Resource resource, List<KnowledgeBuilderResult> parserErrors) {
        return new Checked(source, descr, resource, parserErrors, List.copyOf(refusals));
    }

    // ---- positions -------------------------------------------------------------------------------

    private void refuse(int line, int column, String message) {
        refusals.add(new RulebookProblem(source.file(), Math.max(1, line), Math.max(1, column), message));
    }

    private void refuseAt(int offset, String message) {
        int line = lineOf(offset);
        refuse(line, offset - lineStarts[line - 1] + 1, message);
    }

    /** A descriptor's position: its line, and its column (Drools counts columns from 0). */
    private void refuse(BaseDescr descr, String message) {
        if (descr != null && descr.getLine() > 0) {
            refuse(descr.getLine(), descr.getColumn() + 1, message);
        } else if (descr != null && descr.getStartCharacter() >= 0 && descr.getStartCharacter() < text.length()) {
            refuseAt(descr.getStartCharacter(), message);
        } else {
            refuse(1, 1, message);
        }
    }

    private int lineOf(int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }

    /** Where {@code fragment} starts in the file, near where the descriptor says (line 1-based, column 0-based). */
    private int locate(String fragment, int line, int column, int searchFrom) {
        if (line > 0 && line <= lineStarts.length) {
            int at = lineStarts[line - 1] + Math.max(0, column);
            if (text.startsWith(fragment, at)) {
                return at;
            }
            int found = text.indexOf(fragment, lineStarts[line - 1]);
            if (found >= 0) {
                return found;
            }
        }
        int found = text.indexOf(fragment, Math.max(0, searchFrom));
        return found >= 0 ? found : line > 0 && line <= lineStarts.length ? lineStarts[line - 1] : 0;
    }

    private void report(List<ExpressionCheck.Finding> findings, int base) {
        for (ExpressionCheck.Finding f : findings) {
            refuseAt(Math.max(0, Math.min(text.length(), base + f.offset())), (ruleName == null ? "" : "rule \"" + ruleName + "\": ") + f.message());
        }
    }

    /** Brackets nested deeper than {@link #MAX_NESTING} outside strings and comments. */
    private boolean nestingWithinLimit() {
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                continue;
            }
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
                continue;
            }
            if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
                if (depth > MAX_NESTING) {
                    refuseAt(i, "brackets are nested more than " + MAX_NESTING + " deep here; a rule is not a program: split the condition");
                    return false;
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            }
            i++;
        }
        return true;
    }

    // ---- the package: imports, functions, globals, declarations, attributes ----------------------------

    private void packageLevel(PackageDescr pkg) {
        String name = pkg.getName() == null ? "" : pkg.getName();
        for (String forbidden : FORBIDDEN_PACKAGES) {
            if (name.equals(forbidden) || name.startsWith(forbidden + ".")) {
                refuse(pkg, "the package " + name + " is reserved; name a rulebook's package rubric.<assessment>, such as rubric.disclosure");
            }
        }
        if (pkg.getUnit() != null) {
            refuse(pkg.getUnit(), "rule units are not part of the rule vocabulary");
        }
        for (ImportDescr i : pkg.getImports()) {
            String target = i.getTarget();
            boolean fact = target.equals(RuleVocabulary.FACTS_PACKAGE + ".*") || (target.startsWith(RuleVocabulary.FACTS_PACKAGE + ".")
                    && RuleVocabulary.type(target.substring(RuleVocabulary.FACTS_PACKAGE.length() + 1)).isPresent());
            if (!fact && !RuleVocabulary.IMPORTS.contains(target)) {
                refuse(i, "import " + target + " is not allowed: a rule imports " + RuleVocabulary.FACTS_PACKAGE + ".* and "
                        + String.join(", ", new java.util.TreeSet<>(RuleVocabulary.IMPORTS)) + " only");
            }
        }
        pkg.getFunctionImports().forEach(f -> refuse(f, "import function is not allowed: a rule calls only the vocabulary's helpers"));
        pkg.getAccumulateImports().forEach(a -> refuse(a, "import accumulate is not allowed: a rule uses the built-in accumulate functions "
                + String.join(", ", new java.util.TreeSet<>(RuleVocabulary.ACCUMULATE_FUNCTIONS.keySet()))));
        pkg.getFunctions().forEach(f -> refuse(f, "function " + f.getName() + " is not allowed: a rulebook is rules, not a program"));
        pkg.getGlobals().forEach(g -> refuse(g, "global " + g.getIdentifier() + " is not allowed: a rule reads only the facts it matches"));
        pkg.getTypeDeclarations().forEach(t -> refuse(t, "declare " + t.getTypeName() + " is not allowed: facts are the records of "
                + RuleVocabulary.FACTS_PACKAGE));
        pkg.getEnumDeclarations().forEach(t -> refuse(t, "declare enum " + t.getTypeName() + " is not allowed: facts are the records of "
                + RuleVocabulary.FACTS_PACKAGE));
        pkg.getEntryPointDeclarations().forEach(e -> refuse(e, "entry points are not part of the rule vocabulary"));
        pkg.getWindowDeclarations().forEach(w -> refuse(w, "windows are not part of the rule vocabulary"));
        for (AttributeDescr attribute : pkg.getAttributes()) {
            attribute(attribute);
        }
        // package-level annotations are not kept by the parser: nothing to check
    }

    /** An attribute is reported at its name (Drools places the descriptor at its value). */
    private void refuseAttribute(AttributeDescr attribute, String message) {
        String name = attribute.getName();
        int line = attribute.getLine();
        if (line > 0 && line <= lineStarts.length) {
            int end = line < lineStarts.length ? lineStarts[line] : text.length();
            int at = text.substring(lineStarts[line - 1], end).indexOf(name);
            if (at >= 0) {
                refuse(line, at + 1, message);
                return;
            }
        }
        refuse(attribute, message);
    }

    private void attribute(AttributeDescr attribute) {
        String name = attribute.getName();
        String value = attribute.getValue() == null ? "" : attribute.getValue().strip();
        switch (name) {
            case "salience" -> {
                if (!SALIENCE.matcher(value).matches()) {
                    refuseAttribute(attribute, "salience must be a whole number such as -1, not '" + value + "'");
                }
            }
            case "no-loop" -> {
                if (!value.isEmpty() && !value.equals("true") && !value.equals("false")) {
                    refuseAttribute(attribute, "no-loop is true or false");
                }
            }
            case "dialect" -> {
                if (!value.replace("\"", "").equals("java")) {
                    refuseAttribute(attribute, "dialect \"" + value.replace("\"", "") + "\" is not allowed: consequences are written in the java dialect "
                            + "(the default); mvel is refused");
                }
            }
            default -> refuseAttribute(attribute, "the attribute " + name + " is not part of the rule vocabulary (allowed: salience, no-loop, "
                    + "dialect \"java\")");
        }
    }

    /** Annotation values (@clause("…")) are text for the trail: a quoted string or a number, never an expression (Drools would evaluate it). */
    private void annotations(AnnotatedBaseDescr descr) {
        for (AnnotationDescr annotation : descr.getAnnotations()) {
            for (Map.Entry<String, Object> value : annotation.getValueMap().entrySet()) {
                String v = String.valueOf(value.getValue()).strip();
                if (!LITERAL_ANNOTATION.matcher(v).matches() || v.contains("\\u")) {
                    String message = "@" + annotation.getName() + " takes a quoted text such as @" + annotation.getName()
                            + "(\"…\"), not an expression";
                    int at = text.indexOf("@" + annotation.getName(), Math.max(0, descr.getStartCharacter()));
                    if (annotation.getLine() <= 0 && at >= 0) {
                        refuseAt(at, message);
                    } else {
                        refuse(annotation.getLine() > 0 ? annotation : descr, message);
                    }
                }
            }
        }
    }

    // ---- rules -------------------------------------------------------------------------------------------

    private void rule(RuleDescr rule) {
        ruleName = rule.getName();
        if (rule instanceof QueryDescr || rule.isQuery()) {
            refuse(rule, "query " + rule.getName() + " is not allowed: a rulebook has rules only");
            return;
        }
        for (AttributeDescr attribute : rule.getAttributes().values()) {
            attribute(attribute);
        }
        annotations(rule);
        if (rule.getNamedConsequences() != null && !rule.getNamedConsequences().isEmpty()) {
            refuse(rule, "named consequences (then[…], do[…]) are not part of the rule vocabulary: one rule, one consequence");
        }
        Map<String, Class<?>> bindings = new LinkedHashMap<>();
        if (rule.getLhs() != null) {
            element(rule.getLhs(), bindings);
        }
        Object consequence = rule.getConsequence();
        if (consequence != null && !(consequence instanceof String)) {
            refuse(rule, "this consequence is not plain text");
            return;
        }
        String code = consequence == null ? "" : (String) consequence;
        if (code.isBlank()) {
            return;
        }
        int base = locate(code, rule.getConsequenceLine(), rule.getConsequencePattern(), Math.max(0, rule.getStartCharacter()));
        report(ExpressionCheck.consequence(code, bindings), base);
    }

    private void element(BaseDescr descr, Map<String, Class<?>> bindings) {
        if (descr instanceof AndDescr || descr instanceof OrDescr || descr instanceof NotDescr || descr instanceof ExistsDescr
                || descr instanceof ForallDescr) {
            for (BaseDescr child : ((org.drools.drl.ast.descr.ConditionalElementDescr) descr).getDescrs()) {
                element(child, bindings);
            }
            return;
        }
        if (descr instanceof PatternDescr pattern) {
            pattern(pattern, bindings);
            return;
        }
        String kind = descr.getClass().getSimpleName().replace("Descr", "");
        String message = switch (kind) {
            case "Eval" -> "eval(…) is not allowed: write the condition as a constraint of a pattern";
            case "NamedConsequence", "ConditionalBranch" -> "named consequences (do[…], if … do[…]) are not part of the rule vocabulary";
            default -> kind.toLowerCase() + " is not part of the rule vocabulary";
        };
        refuse(descr, message);
    }

    private void pattern(PatternDescr pattern, Map<String, Class<?>> bindings) {
        if (pattern.isQuery()) {
            refuse(pattern, "query calls are not allowed: a rulebook has rules only");
            return;
        }
        if (pattern.getBehaviors() != null && !pattern.getBehaviors().isEmpty()) {
            refuse(pattern, "windows (over window:…) are not part of the rule vocabulary");
        }
        if (!pattern.getAnnotations().isEmpty()) {
            refuse(pattern, "annotations on a pattern (@watch…) are not part of the rule vocabulary");
        }
        Class<?> type = null;
        String objectType = pattern.getObjectType() == null ? "" : pattern.getObjectType();
        if (pattern.getSource() instanceof AccumulateDescr accumulate) {
            accumulate(accumulate, bindings);
        } else if (pattern.getSource() != null) {
            if (pattern.getIdentifier() != null) {
                bindings.put(pattern.getIdentifier(), Object.class); // refused below; its uses are not reported again
            }
            String kind = pattern.getSource().getClass().getSimpleName().replace("Descr", "");
            refuse(pattern.getSource().getLine() > 0 ? pattern.getSource() : pattern, switch (kind) {
                case "From" -> "from is not allowed: a rule matches facts in working memory only";
                case "Collect" -> "collect is not allowed: use accumulate(…; $list : collectList(…))";
                case "EntryPoint" -> "entry points are not part of the rule vocabulary";
                default -> kind.toLowerCase() + " is not part of the rule vocabulary";
            });
            return;
        } else {
            if (objectType.contains(".") || objectType.contains("<") || objectType.contains("[")) {
                if (pattern.getIdentifier() != null) {
                    bindings.put(pattern.getIdentifier(), Object.class);
                }
                refuse(pattern, "a pattern names a fact type by its simple name, such as Finding, not " + objectType);
                return;
            }
            type = RuleVocabulary.type(objectType).filter(RuleVocabulary::isFact).orElse(null);
            if (type == null) {
                if (pattern.getIdentifier() != null) {
                    bindings.put(pattern.getIdentifier(), Object.class); // refused below; its uses are not reported again
                }
                String reason = RuleVocabulary.DANGEROUS.get(objectType);
                refuse(pattern, reason != null ? objectType + " is not allowed: " + reason : "there is no fact type " + objectType
                        + RuleVocabulary.closest(objectType, factNames()).map(c -> " — did you mean " + c + "?")
                        .orElse("; a pattern matches a fact of " + RuleVocabulary.FACTS_PACKAGE));
                return;
            }
        }
        if (pattern.getIdentifier() != null) {
            bindings.put(pattern.getIdentifier(), type == null ? Object.class : type);
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (constraint instanceof ExprConstraintDescr expr) {
                String expression = expr.getExpression();
                int base = locate(expression, expr.getLine(), expr.getColumn(), Math.max(0, pattern.getStartCharacter()));
                report(ExpressionCheck.constraint(expression, type, bindings), base);
            } else {
                refuse(constraint, constraint.getClass().getSimpleName().replace("Descr", "").toLowerCase()
                        + " is not part of the rule vocabulary");
            }
        }
    }

    private static List<String> factNames() {
        return RuleVocabulary.FACT_TYPES.stream().map(Class::getSimpleName).toList();
    }

    private void accumulate(AccumulateDescr accumulate, Map<String, Class<?>> bindings) {
        if (!accumulate.isExternalFunction() || accumulate.getInitCode() != null || accumulate.getActionCode() != null
                || accumulate.getResultCode() != null || accumulate.getReverseCode() != null) {
            refuse(accumulate, "custom accumulate code (init, action, reverse, result) is not allowed: use a built-in function such as "
                    + "sumBD, sumI, count or collectList");
            return;
        }
        if (accumulate.getInput() != null) {
            element(accumulate.getInput(), bindings);
        }
        for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
            Class<?> result = RuleVocabulary.ACCUMULATE_FUNCTIONS.get(function.getFunction());
            if (result == null) {
                refuse(accumulate, "the accumulate function " + function.getFunction() + " is not allowed; the built-in ones are "
                        + String.join(", ", new java.util.TreeSet<>(RuleVocabulary.ACCUMULATE_FUNCTIONS.keySet()))
                        + RuleVocabulary.closest(function.getFunction(), RuleVocabulary.ACCUMULATE_FUNCTIONS.keySet())
                        .map(c -> " — did you mean " + c + "?").orElse(""));
                continue;
            }
            for (String param : function.getParams()) {
                int base = locate(param, accumulate.getLine(), 0, Math.max(0, accumulate.getStartCharacter()));
                report(ExpressionCheck.argument(param, bindings), base);
            }
            if (function.getBind() != null) {
                bindings.put(function.getBind(), result);
            }
        }
    }
}
