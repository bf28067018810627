package cn.panzhihua.scoring.evaluation;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The known names closest to one a caller typed. Unit names are Chinese, and a clerk most often types
 * an abbreviation (市发改委 for 市发展改革委) or the full official name (攀枝花市发展和改革委员会): both
 * keep the characters of the listed name in order. So names are ranked by their longest common
 * subsequence with what was typed (relative to both lengths), a name that holds every typed character
 * in order (or whose characters all appear in order in what was typed) first, edit distance breaking ties.
 */
final class NameSuggestions {

    /** Longer input is not a name worth comparing (and comparing costs length × length). */
    static final int MAX_TYPED = 64;
    static final int MAX_SUGGESTIONS = 3;
    /** A name that does not hold the typed characters in order must share at least half of all characters. */
    private static final double MIN_SIMILARITY = 0.5;

    private NameSuggestions() {
    }

    private record Candidate(String name, boolean inOrder, double similarity, int distance) {
    }

    static List<String> closest(String typed, Collection<String> names) {
        if (typed == null) {
            return List.of();
        }
        String wanted = typed.strip();
        if (wanted.isEmpty() || wanted.length() > MAX_TYPED) {
            return List.of();
        }
        return names.stream()
                .map(name -> candidate(wanted, name))
                .filter(c -> c.inOrder() || c.similarity() >= MIN_SIMILARITY)
                .sorted(Comparator.comparing(Candidate::inOrder).reversed()
                        .thenComparing(Comparator.comparingDouble(Candidate::similarity).reversed())
                        .thenComparingInt(Candidate::distance)
                        .thenComparing(Candidate::name))
                .limit(MAX_SUGGESTIONS)
                .map(Candidate::name)
                .toList();
    }

    private static Candidate candidate(String typed, String name) {
        int common = commonSubsequence(typed, name);
        boolean inOrder = common >= 2 && common == Math.min(typed.length(), name.length());
        double similarity = (double) common / (typed.length() + name.length() - common);
        return new Candidate(name, inOrder, similarity, editDistance(typed, name));
    }

    static int commonSubsequence(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                current[j] = a.charAt(i - 1) == b.charAt(j - 1) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
