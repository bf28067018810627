package cn.panzhihua.scoring.rulebook;

/**
 * One thing wrong with a rulebook's files, located as precisely as the source allows
 * (line and column are 0 when unknown).
 */
public record RulebookProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        StringBuilder at = new StringBuilder(file);
        if (line > 0) {
            at.append(':').append(line);
            if (column > 0) {
                at.append(':').append(column);
            }
        }
        return at.append(": ").append(message).toString();
    }
}
