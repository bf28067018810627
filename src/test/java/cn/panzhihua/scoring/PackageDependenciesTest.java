package cn.panzhihua.scoring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each package reads one way: the packages of src/main/java, joined by their {@code import
 * cn.panzhihua…} lines, form no circle. A circle is reported as the packages it runs through and
 * one import that closes each step.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(cn\\.panzhihua[\\w.]*?)\\.[A-Z][\\w.]*\\s*;", Pattern.MULTILINE);

    @Test
    void noPackageImportCycles() throws IOException {
        Map<String, Map<String, String>> graph = graph();
        assertTrue(graph.size() > 5, "found the packages: " + graph.keySet());
        List<List<String>> cycles = cycles(graph);
        List<String> described = new ArrayList<>();
        for (List<String> cycle : cycles) {
            StringBuilder text = new StringBuilder(String.join(" -> ", cycle));
            for (int i = 0; i + 1 < cycle.size(); i++) {
                text.append("\n    ").append(graph.get(cycle.get(i)).get(cycle.get(i + 1)));
            }
            described.add(text.toString());
        }
        assertEquals(List.of(), described, "package import cycles");
    }

    @Test
    void theAuthoringPackageSitsAboveTheRulebookModelAndEvaluation() throws IOException {
        Map<String, Map<String, String>> graph = graph();
        String base = "cn.panzhihua.scoring.";
        assertTrue(graph.get(base + "authoring").containsKey(base + "rulebook"));
        assertTrue(graph.get(base + "authoring").containsKey(base + "evaluation"));
        for (String below : List.of("rulebook", "evaluation", "facts")) {
            assertTrue(!graph.get(base + below).containsKey(base + "authoring"), below + " imports authoring");
        }
    }

    /** package → (imported package → "File.java: import line" that first made the edge). */
    static Map<String, Map<String, String>> graph() throws IOException {
        Map<String, Map<String, String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    continue;
                }
                String from = pkg.group(1);
                Map<String, String> edges = graph.computeIfAbsent(from, p -> new TreeMap<>());
                Matcher imports = IMPORT.matcher(text);
                while (imports.find()) {
                    String to = imports.group(1);
                    if (!to.equals(from)) {
                        edges.putIfAbsent(to, file.getFileName() + ": " + imports.group().strip());
                        graph.computeIfAbsent(to, p -> new TreeMap<>());
                    }
                }
            }
        }
        return graph;
    }

    /** One cycle per strongly connected component of more than one package (Tarjan), as a closed path. */
    static List<List<String>> cycles(Map<String, Map<String, String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> cycles = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, counter, cycles);
            }
        }
        return cycles;
    }

    private static void connect(String node, Map<String, Map<String, String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, int[] counter, List<List<String>> cycles) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, counter, cycles);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                cycles.add(path(component, graph));
            }
        }
    }

    /** A closed path through a component: from its first package, follow edges inside it back to the start. */
    private static List<String> path(Set<String> component, Map<String, Map<String, String>> graph) {
        String start = component.iterator().next();
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String node = queue.poll();
            for (String next : graph.get(node).keySet()) {
                if (!component.contains(next)) {
                    continue;
                }
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String at = node; !at.equals(start); at = parent.get(at)) {
                        path.add(1, at);
                    }
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(next)) {
                    parent.put(next, node);
                    queue.add(next);
                }
            }
        }
        return List.copyOf(component);
    }
}
